package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The flats: one intercom_apartments of N flats, against a panel holding
// flats 1 to N with the default item and no per-item delay, so every time
// is Terraform's and the provider's. The configuration sets every flat's
// type and SIP address, so the create writes every item.
func (b *bench) flats() {
	var rows [][]string
	var prev, one []result // plan, apply and plan after of the previous size and of one flat
	for k, n := range b.flatSizes {
		prefix := "/flats/" + strconv.Itoa(n)
		panel := b.fleet.Panel(prefix)
		panel.LoadFlats(n)
		panel.SetItemDelay(0)
		var ws strings.Builder
		fmt.Fprintf(&ws, "%s\nresource \"intercom_apartments\" \"building\" {\n  address = %q\n\n  apartments = {\n",
			workspace("intercom", "domofon/intercom", ""), b.fleet.url+prefix)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&ws, "    \"%d\" = { type = 1, voip_address = \"sip:flat%d@pbx.example.net\" }\n", i, i)
		}
		ws.WriteString("  }\n}\n")
		dir := b.ws(ws.String(), "flats"+strconv.Itoa(n))
		var steps []result
		for _, s := range [][]string{{"plan", "-out=create.tfplan"}, {"apply", "create.tfplan"}, {"plan", "-detailed-exitcode"}} {
			steps = append(steps, b.cmd(dir, "flats"+strconv.Itoa(n), b.provider, s...)(len(steps)))
		}
		a, post := steps[1].counts, len(panel.LastBody()) // the emulator keeps at most 1 MiB of a body
		same := map[bool]string{true: "yes", false: "no"}[!steps[2].changes && len(panel.Items(fakepanel.FlatsPath)) == n]
		if n == 1 {
			one = steps
		}
		row := cells(n, kb(ws.Len()), steps[0].elapsed, steps[1].elapsed, steps[2].elapsed)
		for i := range 3 {
			row = append(row, "–")
			if k > 0 && b.flatSizes[k-1] > 1 && one != nil {
				// growth: the time over the previous size's; k: the exponent of
				// time ∝ N^k for the time above a one-flat command's (1: linear).
				x, y := (prev[i].elapsed - one[i].elapsed).Seconds(), (steps[i].elapsed - one[i].elapsed).Seconds()
				row[len(row)-1] = fmt.Sprintf("%.2f×", steps[i].elapsed.Seconds()/prev[i].elapsed.Seconds())
				if x > 0 && y > 0 {
					row[len(row)-1] += fmt.Sprintf(" (k %.2f)", math.Log(y/x)/math.Log(float64(n)/float64(b.flatSizes[k-1])))
				}
			}
		}
		rows = append(rows, append(row, cells(fmt.Sprintf("%.2f / %.2f / %.2f", steps[0].cpu.Seconds(), steps[1].cpu.Seconds(), steps[2].cpu.Seconds()),
			kb(post), fmt.Sprintf("%d+%d (+%d)", a["list POST"], a["list GET"], a["DELETE"]),
			steps[2].counts["list GET"], same, mb(max(steps[0].peakKB, steps[1].peakKB, steps[2].peakKB)))...))
		prev = steps
	}
	b.table("Flats: one intercom_apartments of N flats", "flats|main.tf KB|plan, create (s)|apply (s)|plan after (s)|"+
		"plan growth|apply growth|plan after growth|provider CPU s (plan / apply / after)|POST KB|"+
		"apply POST+GET (+DELETE)|refresh GETs|plan after: no change|provider peak RSS MB", rows)
}

func kb(n int) string { return fmt.Sprintf("%.0f", float64(n)/1024) }
