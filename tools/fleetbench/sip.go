package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The SIP fleet: N panels with one intercom_sip_config each; beside it the
// same count of terraform_data (built into Terraform: the engine's floor)
// and of noop_sip_config, the baseline provider (noop/), whose plan
// -refresh=false shows what the intercom provider's own code adds.

// baselineRuns: the baseline's plans run more often than the others, and
// interleaved (intercom, no-op, no-op untuned), for a finer margin.
const baselineRuns = 5

// sipWorkspace is N panels of the emulator, one resource each, of the
// intercom provider or the no-op one. var.sip_user changes all at once.
func sipWorkspace(provider string, n int, url string) string {
	head := providerBlock + "provider \"intercom\" {}\n"
	if provider == "noop" {
		head = "terraform {\n  required_providers {\n    noop = {\n      source = \"fleetbench/noop\"\n    }\n  }\n}\n"
	}
	return head + fmt.Sprintf(`
variable "sip_user" {
  type = string
}

resource "%s_sip_config" "panel" {
  count = %d

  address  = "%s/panels/${count.index}"
  user     = var.sip_user
  domain   = "pbx.example.net"
  password = "sip-pw-${count.index}"
}
`, provider, n, url)
}

func (b *bench) sip() {
	var fleet, base [][]string
	for _, n := range b.sizes {
		f, bl := b.sipSize(n)
		fleet, base = append(fleet, f), append(base, bl)
	}
	b.table("intercom_sip_config, one per panel", strings.Split("N|create (s)|update (s)|plan (s)|plan -refresh=false (s)|refresh overhead|terraform_data apply (s)|terraform_data update (s)|terraform_data plan (s)|plan / terraform_data|create req/res (POST+GET)|refresh req/res (GET)|update req/res (POST+GET)|plan @50ms (s)|floor (s)|latency ratio|in flight @50ms|TCP conns per refresh|provider peak RSS MB", "|"), fleet)
	b.table("Baseline: plan -refresh=false, intercom_sip_config against a no-op provider", strings.Split("N|intercom (s)|no-op (s)|intercom / no-op|no-op untuned (s)|intercom / no-op untuned|terraform_data (s)|intercom RSS MB|no-op RSS MB|no-op untuned RSS MB", "|"), base)
}

// sipSize measures one size and returns its rows of the two tables.
func (b *bench) sipSize(n int) (fleet, baseline []string) {
	dir := mkdir(b.work, "sip"+strconv.Itoa(n))
	sip, noop, data := mkdir(dir, "intercom"), mkdir(dir, "noop"), mkdir(dir, "terraform_data")
	writeFile(filepath.Join(sip, "main.tf"), sipWorkspace("intercom", n, b.fleet.url))
	writeFile(filepath.Join(noop, "main.tf"), sipWorkspace("noop", n, b.fleet.url))
	writeFile(filepath.Join(data, "main.tf"), fmt.Sprintf("variable \"tag\" {\n  type = string\n}\n\n"+
		"resource \"terraform_data\" \"panel\" {\n  count = %d\n\n  input = \"${var.tag}-panel-${count.index}\"\n}\n", n))
	step := func(dir, label, watch string, env []string, args ...string) func(int) result {
		return func(i int) result {
			return b.counted(command{dir: dir, label: fmt.Sprintf("sip%d-%s-%d", n, label, i), watch: watch, env: env,
				args: slices.Concat(args, b.flags())})
		}
	}
	apply := func(dir, label, user string, extra ...string) result {
		return step(dir, label, "", nil, append([]string{"apply", "-auto-approve", "-var=sip_user=" + user}, extra...)...)(0)
	}
	plan := func(dir, label, watch string, env []string, extra ...string) func(int) result {
		return step(dir, label, watch, env, append([]string{"plan", "-detailed-exitcode", "-var=sip_user=bench-a"}, extra...)...)
	}

	progress("N=%d: create, plan ×%d, the baseline ×%d, update, plan ×%d at %v, terraform_data", n, runs, baselineRuns, runs, latency)
	create := apply(sip, "create", "bench-a")
	b.checkSIP(n, "bench-a")
	refresh := b.repeat(runs, plan(sip, "plan", b.provider, nil))[0]
	apply(noop, "noop-create", "bench-a")
	s := b.repeat(baselineRuns, plan(sip, "plan-norefresh", b.provider, nil, "-refresh=false"),
		plan(noop, "noop-plan-norefresh", b.noop, nil, "-refresh=false"),
		plan(noop, "noop-untuned-plan-norefresh", b.noop, []string{"FLEETBENCH_NOOP_UNTUNED=1"}, "-refresh=false"))
	norefresh, nop, untuned := s[0], s[1], s[2]
	update := apply(sip, "update", "bench-b", "-refresh=false")
	b.checkSIP(n, "bench-b")

	b.fleet.SetLatency(latency)
	inFlight := 0
	slow := b.repeat(runs, func(i int) result {
		r := step(sip, "plan-latency", "", nil, "plan", "-detailed-exitcode", "-var=sip_user=bench-b")(i)
		inFlight = max(inFlight, b.fleet.MaxInFlightTotal())
		return r
	})[0]
	b.fleet.SetLatency(0)

	b.tf.run(command{dir: data, label: fmt.Sprintf("sip%d-data-init", n), args: []string{"init", "-input=false", "-no-color"}})
	dataApply := step(data, "data-apply", "", nil, "apply", "-auto-approve", "-var=tag=a")(0)
	dataPlan := b.repeat(runs, step(data, "data-plan", "", nil, "plan", "-detailed-exitcode", "-var=tag=a"))[0]
	dataUpdate := step(data, "data-update", "", nil, "apply", "-auto-approve", "-refresh=false", "-var=tag=b")(0)

	perRes := func(c counts, write bool) string {
		if write {
			return fmt.Sprintf("%.2f+%.2f", float64(c["POST"])/float64(n), float64(c["GET"])/float64(n))
		}
		return fmt.Sprintf("%.2f", float64(c["GET"])/float64(n))
	}
	floor := time.Duration(n) * latency / time.Duration(b.parallelism)
	fleet = cells(n, create.elapsed, update.elapsed, refresh.median(), norefresh.median(),
		fmt.Sprintf("%.0f%%", (refresh.median().Seconds()/norefresh.median().Seconds()-1)*100),
		dataApply.elapsed, dataUpdate.elapsed, dataPlan.median(), fmt.Sprintf("%.2f×", refresh.median().Seconds()/dataPlan.median().Seconds()),
		perRes(create.counts, true), perRes(refresh.most, false), perRes(update.counts, true),
		slow.median(), floor, (slow.median()-refresh.median()).Seconds()/floor.Seconds(), inFlight, refresh.most["conns"], mb(refresh.peakKB))
	baseline = cells(n, norefresh.median(), nop.median(), fmt.Sprintf("%.2f×", norefresh.median().Seconds()/nop.median().Seconds()),
		untuned.median(), fmt.Sprintf("%.2f×", norefresh.median().Seconds()/untuned.median().Seconds()), dataPlan.median(),
		mb(norefresh.peakKB), mb(nop.peakKB), mb(untuned.peakKB))
	return fleet, baseline
}

// checkSIP makes sure an apply reached every panel: a fast apply that
// wrote nothing would be a meaningless number.
func (b *bench) checkSIP(n int, user string) {
	for i := range n {
		if got := b.fleet.Panel(fmt.Sprintf("/panels/%d", i)).Config().User; got != user {
			fatalf("N=%d: panel %d holds SIP user %q after apply, not %q", n, i, got, user)
		}
	}
}
