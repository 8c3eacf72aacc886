package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// The report of the offline fleet, the query and the flats, and their
// targets.

func printOffline(w io.Writer, r offlineResult) {
	fmt.Fprintf(w, "\n### Offline panels: intercom_sip_config, ten panels down, unreachable_panels = \"warn\"\n\n")
	fmt.Fprintln(w, "| panels | down (refused + blackholed) | connect_timeout × attempts | create (s) | plan, all up (s) | plan, ten down (s) | runs (s) | added (s) | bound (s) | plan / bound | \"Panel Unreachable\" per plan | every down panel named | provider peak RSS MB (up / down) |")
	fmt.Fprintln(w, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	var each []string
	for _, t := range r.offlineTimes {
		each = append(each, secs(t))
	}
	var warns []string
	for _, n := range r.warnings {
		warns = append(warns, fmt.Sprint(n))
	}
	fmt.Fprintf(w, "| %d | %d + %d | %s × %d | %s | %s | %s | %s | %s | %s | %.2f | %s | %s | %.1f / %.1f |\n",
		r.n, offlineRefused, offlineBlackholed, offlineConnectTimeout, offlineAttempts, secs(r.create), secs(r.reachable),
		secs(r.offlinePlan), strings.Join(each, ", "), secs(r.offlinePlan-r.reachable), secs(r.bound()), r.ratio(),
		strings.Join(warns, ", "), yesNo(r.namedAll), mb(r.reachableKB), mb(r.offlineKB))
	fmt.Fprintf(w, "\nEvery plan is `plan -json`, the median of %d; the warnings are counted in its output (`\"summary\":\"Panel Unreachable\"`). "+
		"The ten panels are spread one in every %d, each on a loopback port of its own, and are created while up; then five "+
		"ports close (refused) and five stop accepting with a full backlog (blackholed: every connect waits out connect_timeout). "+
		"max_retries = %d, so %d attempts with a 250 to 500 ms backoff between them. bound = plan all up + 2 × connect_timeout × "+
		"attempts. added = plan ten down − plan all up.\n", runs, offlineEvery(r.n), offlineRetries, offlineAttempts)
}

func offlineTargets(r *offlineResult) []target {
	if r == nil {
		v := "not measured (the offline fleet was not run)"
		return []target{{"offline fleet: the plan finishes with one warning per offline panel", v},
			{"offline fleet: plan within the reachable plan + 2 × connect_timeout × attempts", v}}
	}
	want := offlineDown
	ok := r.namedAll && r.blackholeTimeout && r.reachableWarn == 0
	for _, n := range r.warnings {
		ok = ok && n == want
	}
	var warns []string
	for _, n := range r.warnings {
		warns = append(warns, fmt.Sprint(n))
	}
	detail := fmt.Sprintf("%s warnings in the %d plans, every offline panel named: %s, the blackholed ones as out of connect_timeout: %s; %d with every panel up",
		strings.Join(warns, ", "), len(r.warnings), yesNo(r.namedAll), yesNo(r.blackholeTimeout), r.reachableWarn)
	return []target{
		{fmt.Sprintf("offline fleet of %d: the plan finishes with exactly %d \"Panel Unreachable\" warnings", r.n, want), judge(ok, detail)},
		{fmt.Sprintf("offline fleet of %d: plan within the reachable plan + 2 × connect_timeout × attempts", r.n),
			judge(r.offlinePlan <= r.bound(), fmt.Sprintf("%.2f: %s s against %s s + 2 × %s × %d = %s s; the ten offline panels added %s s",
				r.ratio(), secs(r.offlinePlan), secs(r.reachable), offlineConnectTimeout, offlineAttempts, secs(r.bound()),
				secs(r.offlinePlan-r.reachable)))},
	}
}

func printQuery(w io.Writer, r queryResult) {
	fmt.Fprintf(w, "\n### Query: `terraform query` of intercom_sip_config over %d loopback addresses, %d of them panels\n\n", r.addresses, r.panels)
	fmt.Fprintln(w, "| query | addresses | panels found | concurrency | wall clock (s) | list span (s) | provider peak RSS MB |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|")
	rows := []struct{ name, what string }{
		{qNone, "nothing there (1 refusing address)"},
		{qOne, "one panel"},
		{qSerial, "every panel, one at a time"},
		{qFull, "**every address** (the target)"},
		{qOne50, "one panel, 50 ms answers"},
		{qFull50, "every address, 50 ms answers"},
	}
	for _, row := range rows {
		s := r.runs[row.name]
		addresses, conc := r.addresses, queryConcurrency
		switch row.name {
		case qNone, qOne, qOne50:
			addresses = 1
		case qSerial:
			addresses, conc = r.panels, 1
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %s | %s | %.1f |\n", row.what, addresses, s.found, conc,
			secs3(s.wallMedian()), secs3(s.spanMedian()), mb(s.peakKB))
	}
	full, full50 := r.runs[qFull], r.runs[qFull50]
	fmt.Fprintf(w, "\nMedians of %d runs of each query, taking turns. wall clock: the whole `terraform query -json` command. list span: "+
		"from the list's `list_start` message to its `list_complete` in Terraform's JSON output, which leaves out Terraform's "+
		"and the provider's start and the provider's configuration. The emulator serves 127.0.0.2, .4, …, .%d at one port; nothing "+
		"listens there on the odd addresses, which refuse the connect at once. The list block sets limit = %d (Terraform's default "+
		"is 100 results). A full query made %d GETs.\n\n", queryRuns, 2*r.panels, queryLimit, r.fullGets)
	fmt.Fprintf(w, "| probe cost, measured as | probe (ms) | bound 2 × %d × probe ÷ %d (s) | full query, list span / bound | full query, wall clock / bound |\n", r.addresses, queryConcurrency)
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|")
	for _, p := range []struct {
		what  string
		probe time.Duration
		s     *querySeries
	}{
		{"one panel − nothing there (wall clock)", r.runs[qOne].wallMedian() - r.runs[qNone].wallMedian(), full},
		{"one panel − nothing there (list span)", r.probeOne(), full},
		{"(every panel one at a time − nothing there) ÷ panels (list span)", r.probeSlope(), full},
		{"one panel − nothing there at 50 ms (list span), against the 50 ms full query", r.probe50(), full50},
	} {
		bound := r.bound(p.probe)
		if p.probe <= 0 {
			// The difference is below the noise of the medians.
			fmt.Fprintf(w, "| %s | %.2f (noise) | – | – | – |\n", p.what, ms(p.probe))
			continue
		}
		fmt.Fprintf(w, "| %s | %.2f | %s | %s | %s |\n", p.what, ms(p.probe), secs3(bound),
			ratio(p.s.spanMedian(), bound), ratio(p.s.wallMedian(), bound))
	}
	fmt.Fprintf(w, "\nTerraform's fixed cost, a query that finds nothing: %s s wall clock, of which %s s list span.\n",
		secs3(r.runs[qNone].wallMedian()), secs3(r.runs[qNone].spanMedian()))
}

func queryTargets(r *queryResult) []target {
	if r == nil {
		return []target{{"query over 254 addresses, half of them panels, within 2 × (254 × probe ÷ concurrency)", "not measured (the query was not run)"}}
	}
	name := fmt.Sprintf("query over %d addresses, %d of them panels, within 2 × (%d × probe ÷ concurrency)", r.addresses, r.panels, r.addresses)
	full, full50, none := r.runs[qFull], r.runs[qFull50], r.runs[qNone]
	slope, at50 := r.bound(r.probeSlope()), r.bound(r.probe50())
	return []target{
		{name + ", the whole command, answers at once", judge(full.wallMedian() <= slope, fmt.Sprintf(
			"%s s against %s s (probe %.2f ms, the slope); Terraform's fixed cost alone, a query that finds nothing, is %s s",
			secs3(full.wallMedian()), secs3(slope), ms(r.probeSlope()), secs3(none.wallMedian())))},
		{name + ", the probing alone (list span), answers at once", judge(full.spanMedian() <= slope, fmt.Sprintf(
			"%s s against %s s (%.2f×); with the probe from one panel − none, %.2f ms, the bound is %s s",
			secs3(full.spanMedian()), secs3(slope), full.spanMedian().Seconds()/slope.Seconds(), ms(r.probeOne()), secs3(r.bound(r.probeOne()))))},
		{name + ", the whole command, answers 50 ms late", judge(full50.wallMedian() <= at50, fmt.Sprintf(
			"%s s against %s s (probe %.2f ms, one panel − none); the probing alone took %s s",
			secs3(full50.wallMedian()), secs3(at50), ms(r.probe50()), secs3(full50.spanMedian())))},
	}
}

func printFlats(w io.Writer, rs []flatsResult, limit time.Duration) {
	fmt.Fprintf(w, "\n### Flats: one intercom_apartments of N flats\n\n")
	fmt.Fprintln(w, "| flats | main.tf KB | plan, create (s) | apply (s) | plan after (s) | plan growth | apply growth | plan after growth | provider CPU s (plan / apply / after) | list answer KB (before / after) | POST KB | apply POST+GET (+DELETE) | refresh GETs | plan after: no change | provider peak RSS MB |")
	fmt.Fprintln(w, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	var one *flatsResult
	for i := range rs {
		if rs[i].n == 1 {
			one = &rs[i]
		}
	}
	var failures []string
	for i, r := range rs {
		g := func(pick func(flatsResult) flatStep) string {
			if i == 0 || one == nil {
				return "–"
			}
			prev := rs[i-1]
			ratio, k, ok := growth(pick(prev), pick(r), pick(*one), prev.n, r.n)
			if !ok {
				return "–"
			}
			if math.IsNaN(k) {
				return fmt.Sprintf("%.2f×", ratio)
			}
			return fmt.Sprintf("%.2f× (k %.2f)", ratio, k)
		}
		plan := func(x flatsResult) flatStep { return x.plan }
		apply := func(x flatsResult) flatStep { return x.apply }
		after := func(x flatsResult) flatStep { return x.after }
		req, refresh, same, list, post := "–", "–", "–", "–", "–"
		if r.apply.done() || r.apply.failed != "" {
			req = fmt.Sprintf("%d+%d (+%d)", r.apply.pos, r.apply.get, r.apply.del)
			post = kb(r.postBytes)
			if r.postBytes >= 1<<20 {
				post = "≥ 1024 (cut)"
			}
		}
		if r.after.done() {
			refresh, same = fmt.Sprint(r.after.get), yesNo(!r.afterChanges)
		}
		if r.listBefore > 0 {
			list = kb(r.listBefore) + " / –"
			if r.listAfter > 0 {
				list = kb(r.listBefore) + " / " + kb(r.listAfter)
			}
		}
		fmt.Fprintf(w, "| %d | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f |\n", r.n, float64(r.configBytes)/1024,
			stepTime(r.plan, limit), stepTime(r.apply, limit), stepTime(r.after, limit),
			g(plan), g(apply), g(after), cpuOf(r.plan)+" / "+cpuOf(r.apply)+" / "+cpuOf(r.after), list, post, req, refresh, same, mb(r.peakKB()))
		for _, f := range []struct {
			what string
			s    flatStep
		}{{"plan (create)", r.plan}, {"apply", r.apply}, {"plan after", r.after}} {
			if f.s.failed != "" {
				failures = append(failures, fmt.Sprintf("%d flats, %s: %s", r.n, f.what, f.s.failed))
			}
		}
		if r.readCheckRan {
			v := "the provider read every flat"
			if r.readCheck != "" {
				v = "it failed: " + r.readCheck
			}
			failures = append(failures, fmt.Sprintf("%d flats, read check (an import plan of the panel, which lists every flat as the refresh of a plan after would): %s", r.n, v))
		}
	}
	fmt.Fprintf(w, "\nThe emulated panel holds flats 1 to N before the create (LoadFlats), each with the default item; the configuration "+
		"sets every flat's type and SIP address, so the create writes every item. No per-item delay: the times are Terraform's "+
		"and the provider's alone. plan, create = `plan -out`; apply = the apply of that saved plan; plan after = a refresh "+
		"plan right after. growth = time ÷ the previous size's time; k = the exponent of time ∝ N^k that the two sizes give "+
		"for the time above the one-flat command's (1 is linear, 2 quadratic). provider CPU = user + system time of the provider's "+
		"processes in that command, from /proc (short of the truth by at most 20 ms a process); the rest of the wall clock is "+
		"Terraform's own, and the emulator's. list answer = the bytes of GET "+flatsPath+" "+
		"before the create and after the apply; POST = the body of the apply's last POST as the emulator received it (the client "+
		"sends at most "+fmt.Sprint(client.MaxItemsPerPost)+" flats in one). "+
		"Each command is capped at %s and killed when it runs longer. RSS is the provider's peak (VmHWM) over the commands that ran.\n", limit)
	for _, f := range failures {
		fmt.Fprintf(w, "\n- %s\n", f)
	}
}

func cpuOf(s flatStep) string {
	if !s.done() {
		return "–"
	}
	return secs(s.cpu)
}

func kb(n int) string { return fmt.Sprintf("%.0f", float64(n)/1024) }

func stepTime(s flatStep, limit time.Duration) string {
	switch {
	case s.killed:
		return "not finished (> " + limit.String() + ")"
	case s.skipped:
		return "not run"
	case s.failed != "":
		return "failed after " + secs(s.elapsed)
	}
	return secs(s.elapsed)
}

func flatsTargets(rs []flatsResult, limit time.Duration) []target {
	var one, big *flatsResult
	for i := range rs {
		switch rs[i].n {
		case 1:
			one = &rs[i]
		case 9999:
			big = &rs[i]
		}
	}
	notRun := "not measured (-flat-sizes lacks 1 or 9999)"
	timeTarget := func(what string, pick func(flatsResult) flatStep) target {
		name := what + " of 9,999 flats within 3 × a plan of one flat + 1 s"
		switch {
		case one == nil || big == nil || !one.after.done():
			return target{name, notRun}
		case pick(*big).skipped && !big.plan.done() && big.plan.skipped:
			return target{name, "**missed**: not run, as a smaller size did not finish within " + limit.String()}
		case pick(*big).killed:
			return target{name, fmt.Sprintf("**missed**: not finished within %s (killed); bound %s s", limit, secs(flatsBound(*one)))}
		case pick(*big).failed != "":
			return target{name, fmt.Sprintf("**missed**: failed after %s s (bound %s s): %s", secs(pick(*big).elapsed), secs(flatsBound(*one)), pick(*big).failed)}
		case pick(*big).skipped:
			return target{name, "**missed**: not run, as an earlier step of 9,999 flats did not succeed"}
		}
		t := pick(*big).elapsed
		return target{name, judge(t <= flatsBound(*one), fmt.Sprintf("%s s against 3 × %s s + 1 s = %s s (%.1f× the bound)",
			secs(t), secs(one.after.elapsed), secs(flatsBound(*one)), t.Seconds()/flatsBound(*one).Seconds()))}
	}
	ts := []target{
		timeTarget("plan (create)", func(r flatsResult) flatStep { return r.plan }),
		timeTarget("apply", func(r flatsResult) flatStep { return r.apply }),
		timeTarget("plan after (refresh)", func(r flatsResult) flatStep { return r.after }),
	}
	name := "the provider's own share: its CPU time in each command of 9,999 flats within 3 × a plan of one flat + 1 s"
	if one == nil || big == nil || !one.after.done() || !big.after.done() {
		ts = append(ts, target{name, notRun + ", or a command of 9,999 flats did not finish"})
	} else {
		bound := flatsBound(*one)
		worst := max(big.plan.cpu, big.apply.cpu, big.after.cpu)
		ts = append(ts, target{name, judge(worst <= bound, fmt.Sprintf("plan %s s, apply %s s, plan after %s s against %s s",
			secs(big.plan.cpu), secs(big.apply.cpu), secs(big.after.cpu), secs(bound)))})
	}

	name = "provider peak RSS under 150 MB with 9,999 flats"
	switch {
	case big == nil:
		ts = append(ts, target{name, "not measured (-flat-sizes lacks 9999)"})
	case !big.after.done() && mb(big.peakKB()) >= 150:
		ts = append(ts, target{name, fmt.Sprintf("**missed**: %.1f MB over the steps that ran (not every step did)", mb(big.peakKB()))})
	case !big.after.done():
		ts = append(ts, target{name, fmt.Sprintf("not measured to the end (%.1f MB over the steps that ran)", mb(big.peakKB()))})
	default:
		ts = append(ts, target{name, judge(mb(big.peakKB()) < 150, fmt.Sprintf("%.1f MB", mb(big.peakKB())))})
	}

	ok, ran := true, false
	var details []string
	for _, r := range rs {
		if !r.after.done() {
			continue
		}
		ran = true
		good := r.apply.pos == postsFor(r.n) && r.apply.get == 1 && r.apply.del == 0 && r.after.get == 1 && !r.afterChanges && r.holdsAfterSave
		ok = ok && good
		if !good {
			details = append(details, fmt.Sprintf("%d flats: apply %d POST + %d GET + %d DELETE, refresh %d GET, plan after changes: %s, panel as configured: %s",
				r.n, r.apply.pos, r.apply.get, r.apply.del, r.after.get, yesNo(r.afterChanges), yesNo(r.holdsAfterSave)))
		}
	}
	name = fmt.Sprintf("flats: an apply is one POST per %d flats + 1 read-back GET, a refresh 1 GET, and the plan after shows no change", client.MaxItemsPerPost)
	switch {
	case !ran:
		ts = append(ts, target{name, "not measured (no size finished)"})
	case ok:
		ts = append(ts, target{name, "met at every size that finished"})
	default:
		ts = append(ts, target{name, judge(false, strings.Join(details, "; "))})
	}
	return ts
}

// postsFor is how many POSTs a create of n flats takes: the client sends
// at most client.MaxItemsPerPost items in one.
func postsFor(n int) int { return (n + client.MaxItemsPerPost - 1) / client.MaxItemsPerPost }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func secs3(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a.Seconds()/b.Seconds())
}
