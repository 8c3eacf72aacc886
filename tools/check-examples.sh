#!/usr/bin/env bash
# Checks the example configurations, offline: `terraform fmt -check` once
# over examples/, then `terraform validate` in every directory under
# examples/ that holds .tf files, with each Terraform CLI given.
#
#   tools/check-examples.sh TERRAFORM [TERRAFORM...]   (make examples-check)
#
# The first CLI also runs fmt; the same binary given twice runs once.
# terraform fmt skips .tfquery.hcl files (examples/list-resources), so they
# are checked as .tf copies. Validate runs without init: dev_overrides point
# every provider the examples need at the locally built provider
# (PROVIDER_BIN_DIR, by default .cache/bin from `make build`), so nothing is
# downloaded.
#
# Action blocks and action_trigger need Terraform 1.14: a directory that
# uses them (examples/actions/*, and any other whose .tf files do) is
# validated only by the CLIs of 1.14 or later, and skipped with a note by
# the others. make examples-check passes the cached 1.14.9 for them, and
# OpenTofu 1.12.6 as well as Terraform 1.5.7.
# Likewise a directory whose required_version is ">= 1.N" (examples/adopt-keys:
# generating configuration for the collections needs 1.11) is validated only
# by the CLIs of 1.N or later, and skipped with its reason by the others.
#
# The snippets the docs embed (examples/provider, examples/resources/*,
# examples/data-sources/*, examples/actions/*) have no terraform block, so
# they imply hashicorp/intercom; that address is overridden for them only.
# Every other directory is a complete configuration and must declare
# source = "domofon/intercom" itself. A directory that calls modules gets
# them with `terraform get` (local paths only: nothing is downloaded).
#
# examples/sites must make one panel in two states impossible: with each
# CLI, a copy of it whose inventory.csv repeats one address in another site
# must fail validate with the "One panel, one state" error.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if (($# == 0)); then
  echo "usage: $0 TERRAFORM [TERRAFORM...]" >&2
  exit 2
fi
bin_dir=${PROVIDER_BIN_DIR:-$root/.cache/bin}
if [[ ! -x $bin_dir/terraform-provider-intercom ]]; then
  echo "$bin_dir/terraform-provider-intercom is missing: run make build" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cli_config() { # file, extra override lines
  cat >"$1" <<RC
provider_installation {
  dev_overrides {
    "domofon/intercom" = "$bin_dir"
$2
  }
  direct {}
}
RC
}
cli_config "$work/complete.tfrc" ""
cli_config "$work/snippet.tfrc" "    \"hashicorp/intercom\" = \"$bin_dir\""
export TF_IN_AUTOMATION=1
unset TF_CLI_ARGS TF_CLI_ARGS_validate TF_CLI_ARGS_fmt

engines=()
seen=" "
for tf in "$@"; do
  if ! real=$(readlink -f "$(command -v "$tf")" 2>/dev/null) || [[ ! -x $real ]]; then
    echo "no Terraform CLI at $tf" >&2
    exit 1
  fi
  [[ $seen == *" $real "* ]] && continue
  seen+="$real "
  engines+=("$tf")
done

mapfile -t dirs < <(find examples -name '*.tf' -not -path '*/.terraform/*' -printf '%h\n' | sort -u)

# needs_actions DIR: the directory uses action blocks or action_trigger.
needs_actions() {
  [[ $1 == examples/actions/* ]] ||
    grep -qE '^[[:space:]]*(action[[:space:]]+"|action_trigger[[:space:]]*\{)' "$1"/*.tf
}

# cli_minor TF: the minor version of a Terraform 1.x CLI (14 for 1.14.9),
# or 0 when it cannot be read.
cli_minor() {
  local v
  v=$(TF_CLI_CONFIG_FILE=$work/complete.tfrc "$1" version -json 2>/dev/null |
    sed -n 's/.*"terraform_version": *"1\.\([0-9]*\)\..*/\1/p')
  echo "${v:-0}"
}

# why_newer DIR: why the directory needs a newer Terraform than 1.5.7.
why_newer() {
  case $1 in
    examples/adopt-keys) echo ": generating configuration for flats, keys and codes needs it" ;;
  esac
}

# required_minor DIR: N of the directory's required_version = ">= 1.N", or 0.
required_minor() {
  local v
  v=$(sed -n 's/^[[:space:]]*required_version[[:space:]]*=[[:space:]]*">=[[:space:]]*1\.\([0-9]*\).*/\1/p' "$1"/*.tf | sort -n | tail -1)
  echo "${v:-0}"
}

# get_modules CFG DATA TF DIR: terraform get, when DIR calls modules.
get_modules() {
  grep -qE '^[[:space:]]*module[[:space:]]+"' "$4"/*.tf || return 0
  TF_CLI_CONFIG_FILE=$1 TF_DATA_DIR=$2 "$3" -chdir="$4" get -no-color 2>&1
}

# duplicate_fails TF: validate of examples/sites/sites/north fails when
# inventory.csv gives a north panel's address to a second row, of south.
duplicate_fails() {
  local copy=$work/sites-dup data out
  rm -rf "$copy"
  cp -r examples/sites "$copy"
  rm -rf "$copy"/sites/*/.terraform "$copy"/sites/*/terraform.tfstate*
  awk -F, '$2 == "north" { print $1 ",south,duplicate,duplicate,"; exit }' examples/sites/inventory.csv >>"$copy/inventory.csv"
  data=$(mktemp -d "$work/data.XXXX")
  if out=$(get_modules "$work/complete.tfrc" "$data" "$1" "$copy/sites/north" &&
    TF_CLI_CONFIG_FILE=$work/complete.tfrc TF_DATA_DIR=$data "$1" -chdir="$copy/sites/north" validate -no-color 2>&1); then
    echo "  FAIL examples/sites: validate passed with one address on two rows"
    return 1
  fi
  if ! grep -q 'One panel, one state' <<<"$out"; then
    echo "  FAIL examples/sites: validate with one address on two rows failed otherwise:"
    sed 's/^/    /' <<<"$out"
    return 1
  fi
  echo "  ok   examples/sites rejects one address on two rows"
}

status=0
echo "terraform fmt -check -recursive examples ($(TF_CLI_CONFIG_FILE=$work/complete.tfrc "${engines[0]}" version | sed -n 1p))"
if ! TF_CLI_CONFIG_FILE=$work/complete.tfrc "${engines[0]}" fmt -check -diff -recursive examples; then
  echo "FAIL fmt: run make fmt (or make generate)"
  status=1
fi
while IFS= read -r -d '' query; do
  copy=$work/query.tf
  cp "$query" "$copy"
  if ! diff=$(TF_CLI_CONFIG_FILE=$work/complete.tfrc "${engines[0]}" fmt -check -diff "$copy"); then
    echo "FAIL fmt: $query, formatted as terraform fmt formats .tf files:"
    sed 's/^/    /' <<<"$diff"
    status=1
  fi
done < <(find examples -name '*.tfquery.hcl' -print0 | sort -z)

for tf in "${engines[@]}"; do
  version=$(TF_CLI_CONFIG_FILE=$work/complete.tfrc "$tf" version | sed -n 1p)
  echo "terraform validate with $version ($tf)"
  minor=$(cli_minor "$tf")
  for dir in "${dirs[@]}"; do
    if ((minor < 14)) && needs_actions "$dir"; then
      echo "  skip $dir (action blocks need Terraform 1.14 or later)"
      continue
    fi
    needed=$(required_minor "$dir")
    if ((minor < needed)); then
      echo "  skip $dir (its required_version asks for Terraform 1.$needed or later$(why_newer "$dir"))"
      continue
    fi
    case $dir in
      examples/provider | examples/resources/* | examples/data-sources/* | examples/actions/*) cfg=$work/snippet.tfrc ;;
      *) cfg=$work/complete.tfrc ;;
    esac
    data=$(mktemp -d "$work/data.XXXX")
    out=$(get_modules "$cfg" "$data" "$tf" "$dir" && TF_CLI_CONFIG_FILE=$cfg TF_DATA_DIR=$data "$tf" -chdir="$dir" validate -no-color 2>&1) && rc=0 || rc=$?
    # The dev_overrides warning is expected; any other warning fails too.
    others=$(grep -E '^(│ )?Warning: ' <<<"$out" | grep -cv 'Provider development overrides are in effect' || true)
    if ((rc != 0 || others != 0)); then
      echo "  FAIL $dir"
      sed 's/^/    /' <<<"$out"
      status=1
    else
      echo "  ok   $dir"
    fi
  done
  duplicate_fails "$tf" || status=1
done
exit $status
