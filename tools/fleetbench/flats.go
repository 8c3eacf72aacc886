package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The flats: one intercom_apartments of N flats, against a panel that
// already holds flats 1 to N with the default item and answers at once
// (no per-item delay), so every time is Terraform's and the provider's.
// The configuration sets every flat's type and SIP address, so the create
// writes every item: a create plan (-out), its apply, and a plan after.

func flatsWorkspace(n int, address string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%sprovider \"intercom\" {}\n\nresource \"intercom_apartments\" \"building\" {\n  address = %q\n\n  apartments = {\n",
		providerBlock, address)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sb, "    \"%d\" = { type = 1, voip_address = \"sip:flat%d@pbx.example.net\" }\n", i, i)
	}
	sb.WriteString("  }\n}\n")
	return sb.String()
}

func (b *bench) flats() {
	var rows [][]string
	var prev, one []result // plan, apply, plan after of the previous size and of one flat
	prevN, stopped := 0, false
	for _, n := range b.flatSizes {
		if n > 9999 {
			fatalf("-flat-sizes: %d is more than 9999", n)
		}
		if stopped { // a smaller building did not finish: a bigger one would not either
			rows = append(rows, cells(n, "–", "not run", "not run", "not run", "–", "–", "–", "–", "–", "–", "–", "–", "–", "–"))
			continue
		}
		prefix := "/flats/" + strconv.Itoa(n)
		panel := b.fleet.Panel(prefix)
		panel.LoadFlats(n)
		panel.SetItemDelay(0)
		listBefore := b.listBytes(prefix)
		dir := mkdir(b.work, "flats"+strconv.Itoa(n))
		ws := flatsWorkspace(n, b.fleet.url+prefix)
		writeFile(filepath.Join(dir, "main.tf"), ws)
		progress("%d flats: plan -out, apply, plan after; each capped at %s", n, b.flatCap)
		var steps []result
		for _, s := range []struct{ name, cmd, last string }{{"plan", "plan", "-out=create.tfplan"}, {"apply", "apply", "create.tfplan"}, {"after", "plan", "-detailed-exitcode"}} {
			if len(steps) > 0 && (steps[len(steps)-1].killed || steps[len(steps)-1].failed != "") {
				break
			}
			r := b.counted(command{dir: dir, label: fmt.Sprintf("flats%d-%s", n, s.name), watch: b.provider, limit: b.flatCap,
				args: slices.Concat([]string{s.cmd}, b.flags(), []string{s.last})})
			r.counts["list GET"], r.counts["list POST"] = b.fleet.RequestsTo("GET", fakepanel.FlatsPath), b.fleet.RequestsTo("POST", fakepanel.FlatsPath)
			r.counts["DELETE"], r.counts["body"] = b.fleet.RequestsTo("DELETE", fakepanel.FlatsPath+"/*"), len(panel.LastBody())
			steps = append(steps, r)
		}
		stopped = len(steps) < 3 || steps[2].killed || steps[2].failed != ""
		row := []string{strconv.Itoa(n), kb(len(ws))}
		for i := range 3 {
			row = append(row, stepTime(steps, i, b))
		}
		for i := range 3 {
			row = append(row, growth(prev, steps, one, i, prevN, n))
		}
		if stopped {
			row = append(row, "–", "–", "–", "–", "–", "–")
			for _, s := range steps {
				if s.failed != "" {
					b.notes = append(b.notes, fmt.Sprintf("%d flats: %s", n, s.failed))
				}
			}
		} else {
			a := steps[1].counts
			post := kb(a["body"])
			if a["body"] >= 1<<20 {
				post = "≥ 1024 (cut)"
			}
			same := "yes"
			if steps[2].changes || len(panel.Items(fakepanel.FlatsPath)) != n {
				same = "no"
			}
			row = append(row, fmt.Sprintf("%s / %s / %s", cells(steps[0].cpu)[0], cells(steps[1].cpu)[0], cells(steps[2].cpu)[0]),
				kb(listBefore)+" / "+kb(b.listBytes(prefix)), post, fmt.Sprintf("%d+%d (+%d)", a["list POST"], a["list GET"], a["DELETE"]),
				strconv.Itoa(steps[2].counts["list GET"]), same)
		}
		var peak int64
		for _, s := range steps {
			peak = max(peak, s.peakKB)
		}
		rows = append(rows, append(row, mb(peak)))
		if n == 1 {
			one = steps
		}
		prev, prevN = steps, n
	}
	b.table("Flats: one intercom_apartments of N flats", strings.Split("flats|main.tf KB|plan, create (s)|apply (s)|plan after (s)|plan growth|apply growth|plan after growth|provider CPU s (plan / apply / after)|list answer KB (before / after)|POST KB|apply POST+GET (+DELETE)|refresh GETs|plan after: no change|provider peak RSS MB", "|"), rows)
}

func stepTime(steps []result, i int, b *bench) string {
	switch {
	case i >= len(steps):
		return "not run"
	case steps[i].killed:
		return "not finished (> " + b.flatCap.String() + ")"
	case steps[i].failed != "":
		return "failed after " + cells(steps[i].elapsed)[0]
	}
	return cells(steps[i].elapsed)[0]
}

// growth is step i's time over the previous size's, and the exponent k of
// time ∝ N^k the two sizes give for the time above the one-flat command's
// (1 is linear).
func growth(prev, cur, one []result, i, prevN, n int) string {
	ok := func(s []result) bool { return i < len(s) && !s[i].killed && s[i].failed == "" }
	if !ok(prev) || !ok(cur) || !ok(one) || prevN < 2 {
		return "–"
	}
	ratio := cur[i].elapsed.Seconds() / prev[i].elapsed.Seconds()
	a, c := (prev[i].elapsed - one[i].elapsed).Seconds(), (cur[i].elapsed - one[i].elapsed).Seconds()
	if a <= 0 || c <= 0 {
		return fmt.Sprintf("%.2f×", ratio)
	}
	return fmt.Sprintf("%.2f× (k %.2f)", ratio, math.Log(c/a)/math.Log(float64(n)/float64(prevN)))
}

// listBytes is the size of the panel's list answer, as the provider reads it.
func (b *bench) listBytes(prefix string) int {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, b.fleet.url+prefix+"/api/v1.cgi/"+fakepanel.FlatsPath, nil)
	if err != nil {
		fatalf("%v", err)
	}
	req.SetBasicAuth(adminUser, adminPass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fatalf("listing the flats of %s: %v", prefix, err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		fatalf("listing the flats of %s: HTTP %d, %v", prefix, resp.StatusCode, err)
	}
	return int(n)
}

func kb(n int) string { return fmt.Sprintf("%.0f", float64(n)/1024) }
