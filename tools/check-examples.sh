#!/usr/bin/env bash
# Checks the example configurations, offline: `terraform fmt -check` once
# over examples/, then `terraform validate` in every directory under
# examples/ that holds .tf files, with each Terraform CLI given.
#
#   tools/check-examples.sh TERRAFORM [TERRAFORM...]   (make examples-check)
#
# The first CLI also runs fmt; the same binary given twice runs once.
# Validate runs without init: dev_overrides point every provider the
# examples need at the locally built provider (PROVIDER_BIN_DIR, by default
# .cache/bin from `make build`), so nothing is downloaded.
#
# The snippets the docs embed (examples/provider, examples/resources/*,
# examples/data-sources/*) have no terraform block, so they imply
# hashicorp/intercom; that address is overridden for them only. Every other
# directory is a complete configuration and must declare
# source = "domofon/intercom" itself.
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

status=0
echo "terraform fmt -check -recursive examples ($(TF_CLI_CONFIG_FILE=$work/complete.tfrc "${engines[0]}" version | head -n1))"
if ! TF_CLI_CONFIG_FILE=$work/complete.tfrc "${engines[0]}" fmt -check -diff -recursive examples; then
  echo "FAIL fmt: run make fmt (or make generate)"
  status=1
fi

for tf in "${engines[@]}"; do
  version=$(TF_CLI_CONFIG_FILE=$work/complete.tfrc "$tf" version | head -n1)
  echo "terraform validate with $version ($tf)"
  for dir in "${dirs[@]}"; do
    case $dir in
      examples/provider | examples/resources/* | examples/data-sources/*) cfg=$work/snippet.tfrc ;;
      *) cfg=$work/complete.tfrc ;;
    esac
    data=$(mktemp -d "$work/data.XXXX")
    out=$(TF_CLI_CONFIG_FILE=$cfg TF_DATA_DIR=$data "$tf" -chdir="$dir" validate -no-color 2>&1) && rc=0 || rc=$?
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
done
exit $status
