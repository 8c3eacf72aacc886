package main

import (
	"fmt"
	"strconv"
	"time"
)

// The SIP fleet: N panels with one intercom_sip_config each; beside it the
// same count of terraform_data (built into Terraform: the engine's floor)
// and of noop_sip_config (noop/), whose plan -refresh=false shows what the
// intercom provider's own code adds. The baseline's plans run more often,
// interleaved, for a finer margin.
const baselineRuns = 5

// sipWorkspace is N panels of the intercom or no-op provider at an address
// expression; var.sip_user changes all at once.
func sipWorkspace(name, source, body, address string, n int) string {
	return workspace(name, source, body) + fmt.Sprintf(`
variable "sip_user" {}

resource "%s_sip_config" "panel" {
  count = %d

  address  = %s
  user     = var.sip_user
  domain   = "pbx.example.net"
  password = "sip-pw-${count.index}"
}
`, name, n, address)
}

func (b *bench) sip() {
	var fleet, base [][]string
	for _, n := range b.sizes {
		dir, l, address := "sip"+strconv.Itoa(n), fmt.Sprintf("sip%d-", n), `"`+b.fleet.url+`/panels/${count.index}"`
		sip := b.ws(sipWorkspace("intercom", "domofon/intercom", "", address, n), dir, "intercom")
		noop := b.ws(sipWorkspace("noop", "fleetbench/noop", "", address, n), dir, "noop")
		data := b.ws(fmt.Sprintf("variable \"tag\" {}\n\n"+
			"resource \"terraform_data\" \"panel\" {\n  count = %d\n\n  input = \"${var.tag}-panel-${count.index}\"\n}\n", n), dir, "terraform_data")

		// A plan right after an apply that wrote nothing would propose changes
		// and be noted (bench.counted).
		create := b.cmd(sip, l+"create", "", "apply", "-auto-approve", "-var=sip_user=bench-a")(0)
		refresh := b.repeat(runs, b.cmd(sip, l+"plan", b.provider, "plan", "-detailed-exitcode", "-var=sip_user=bench-a"))[0]
		b.cmd(noop, l+"noop-create", "", "apply", "-auto-approve", "-var=sip_user=bench-a")(0)
		s := b.repeat(baselineRuns,
			b.cmd(sip, l+"plan-norefresh", b.provider, "plan", "-detailed-exitcode", "-refresh=false", "-var=sip_user=bench-a"),
			b.cmd(noop, l+"noop-plan-norefresh", b.noop, "plan", "-detailed-exitcode", "-refresh=false", "-var=sip_user=bench-a"))
		norefresh, nop := s[0], s[1]
		update := b.cmd(sip, l+"update", "", "apply", "-auto-approve", "-refresh=false", "-var=sip_user=bench-b")(0)
		slow := b.slow(b.cmd(sip, l+"plan-latency", "", "plan", "-detailed-exitcode", "-var=sip_user=bench-b"))

		dataApply := b.cmd(data, l+"data-apply", "", "apply", "-auto-approve", "-var=tag=a")(0)
		dataPlan := b.repeat(runs, b.cmd(data, l+"data-plan", "", "plan", "-detailed-exitcode", "-var=tag=a"))[0]
		dataUpdate := b.cmd(data, l+"data-update", "", "apply", "-auto-approve", "-refresh=false", "-var=tag=b")(0)

		per := func(c map[string]int, method string) string {
			return fmt.Sprintf("%.2f", float64(c[method])/float64(n))
		}
		floor := time.Duration(n) * latency / parallelism
		fleet = append(fleet, cells(n, create.elapsed, update.elapsed, refresh.median(), norefresh.median(),
			fmt.Sprintf("%.0f%%", (refresh.median().Seconds()/norefresh.median().Seconds()-1)*100),
			dataApply.elapsed, dataUpdate.elapsed, dataPlan.median(), ratio(refresh.median(), dataPlan.median()),
			per(create.counts, "POST")+"+"+per(create.counts, "GET"), per(refresh.most, "GET"), per(update.counts, "POST")+"+"+per(update.counts, "GET"),
			slow.median(), floor, (slow.median()-refresh.median()).Seconds()/floor.Seconds(), slow.most["in flight"], refresh.most["conns"], mb(refresh.peakKB)))
		base = append(base, cells(n, norefresh.median(), nop.median(), ratio(norefresh.median(), nop.median()), dataPlan.median(),
			mb(norefresh.peakKB), mb(nop.peakKB)))
	}
	b.table("intercom_sip_config, one per panel", "N|create (s)|update (s)|plan (s)|plan -refresh=false (s)|"+
		"refresh overhead|terraform_data apply (s)|terraform_data update (s)|terraform_data plan (s)|plan / terraform_data|"+
		"create req/res (POST+GET)|refresh req/res (GET)|update req/res (POST+GET)|plan @50ms (s)|floor (s)|latency ratio|"+
		"in flight @50ms|TCP conns per refresh|provider peak RSS MB", fleet)
	b.table("Baseline: plan -refresh=false, intercom_sip_config against a no-op provider", "N|intercom (s)|no-op (s)|"+
		"intercom / no-op|terraform_data (s)|intercom RSS MB|no-op RSS MB", base)
}
