package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// machine is what the numbers depend on besides the provider.
type machine struct {
	engine, cpu string
	cores       int
}

func machineInfo(tf *runner) machine {
	m := machine{cpu: "unknown CPU", cores: runtime.NumCPU()}
	out := tf.output(os.TempDir(), "version")
	m.engine, _, _ = strings.Cut(strings.TrimSpace(out), "\n")
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	return m
}

// report is everything one run measured; a part that did not run is
// empty.
type report struct {
	sip     []sizeResult
	panels  []panelResult
	offline *offlineResult
	query   *queryResult
	flats   []flatsResult
	// querySkipped says why the query part did not run, when it was to.
	querySkipped string
}

func printReport(w io.Writer, m machine, o options, rep report, took time.Duration, othersCores float64) {
	results, panels := rep.sip, rep.panels
	fmt.Fprintf(w, "## intercom provider fleet benchmark\n\n")
	fmt.Fprintf(w, "- engine: %s\n", m.engine)
	if rep.query != nil {
		fmt.Fprintf(w, "- query engine: %s\n", rep.query.engine)
	}
	fmt.Fprintf(w, "- machine: %s/%s, %s, %d cores\n", runtime.GOOS, runtime.GOARCH, m.cpu, m.cores)
	fmt.Fprintf(w, "- other load: processes besides this benchmark kept %.2f of the %d cores busy on average during the run%s\n",
		othersCores, m.cores, quietNote(othersCores))
	fmt.Fprintf(w, "- -parallelism=%d; plans: median of %d runs (plan -refresh=false: %d, interleaved with the baseline's); applies: one run; wall clock of the whole terraform command\n",
		o.parallelism, runs, baselineRuns)
	switch {
	case !o.runs("sip"):
		fmt.Fprintf(w, "- the intercom_sip_config fleet and its baseline were not run (-only)\n")
	case len(results) == 0:
		fmt.Fprintf(w, "- the intercom_sip_config fleet and its baseline were not run (-sizes is empty)\n")
	default:
		printSIP(w, results)
		printBaseline(w, results)
	}
	switch {
	case !o.runs("panels"):
		fmt.Fprintf(w, "\n- the whole-panel fleet was not run (-only)\n")
	case len(panels) == 0:
		fmt.Fprintf(w, "\n- the whole-panel fleet was not run (-panel-sizes is empty)\n")
	default:
		printPanels(w, panels)
	}
	if rep.offline != nil {
		printOffline(w, *rep.offline)
	}
	if rep.query != nil {
		printQuery(w, *rep.query)
	}
	if rep.querySkipped != "" {
		fmt.Fprintf(w, "\n- the query was not run: %s\n", rep.querySkipped)
	}
	if len(rep.flats) > 0 {
		printFlats(w, rep.flats, o.flatCap)
	}

	fmt.Fprintln(w, "\nTargets:")
	var ts []target
	if o.runs("sip") {
		ts = append(ts, targets(results)...)
	}
	if o.runs("panels") {
		ts = append(ts, panelTargets(panels)...)
	}
	if o.runs("offline") {
		ts = append(ts, offlineTargets(rep.offline)...)
	}
	if o.runs("query") {
		ts = append(ts, queryTargets(rep.query)...)
	}
	if o.runs("flats") {
		ts = append(ts, flatsTargets(rep.flats, o.flatCap)...)
	}
	for _, t := range ts {
		fmt.Fprintf(w, "- %s: %s\n", t.name, t.verdict)
	}
	var notes []string
	for _, r := range results {
		notes = append(notes, r.notes...)
	}
	for _, r := range panels {
		notes = append(notes, r.notes...)
	}
	if rep.offline != nil {
		notes = append(notes, rep.offline.notes...)
	}
	if rep.query != nil {
		notes = append(notes, rep.query.notes...)
	}
	for _, n := range notes {
		fmt.Fprintf(w, "- note: %s\n", n)
	}
	fmt.Fprintf(w, "\nThe run took %s.\n", took.Round(time.Second))
}

func printSIP(w io.Writer, results []sizeResult) {
	fmt.Fprintf(w, "\n### intercom_sip_config, one per panel\n\n")
	fmt.Fprintln(w, "| N | create (s) | update (s) | plan (s) | plan -refresh=false (s) | refresh overhead | terraform_data apply (s) | terraform_data update (s) | terraform_data plan (s) | plan / terraform_data | create req/res (POST+GET) | refresh req/res (GET) | update req/res (POST+GET) | plan @50ms (s) | floor (s) | latency ratio | in flight @50ms | TCP conns per refresh | provider peak RSS MB |")
	fmt.Fprintln(w, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, r := range results {
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %.0f%% | %s | %s | %s | %.2f× | %s | %s | %s | %s | %s | %.2f | %d | %d | %.1f |\n",
			r.n, secs(r.create), secs(r.update), secs(r.plan), secs(r.planNoRefresh), r.refreshOverhead(),
			secs(r.dataApply), secs(r.dataUpdate), secs(r.dataPlan), r.planRatio(),
			perRes(r.createReq, r.n, true), perRes(r.refreshReq, r.n, false), perRes(r.updateReq, r.n, true),
			secs(r.planLatency), secs(r.floor()), r.latencyRatio(), r.inFlightLatency, r.refreshReq.conns, mb(r.peakKB))
	}

	fmt.Fprintf(w, "\nrefresh overhead = plan / plan -refresh=false − 1. floor = N × %v / P: the least time %v answers can take with P requests in flight. "+
		"latency ratio = (plan @50ms − plan) / floor: the time the latency added, over the least it could add "+
		"(plan @50ms / floor itself:", latency, latency)
	for _, r := range results {
		fmt.Fprintf(w, " N=%d %.2f", r.n, r.planLatency.Seconds()/r.floor().Seconds())
	}
	fmt.Fprintf(w, "). in flight @50ms = the most requests the fleet had open at once. MB = 2^20 bytes (VmHWM).\n")
}

func printBaseline(w io.Writer, results []sizeResult) {
	fmt.Fprintf(w, "\n### Baseline: plan -refresh=false, intercom_sip_config against a no-op provider\n\n")
	fmt.Fprintln(w, "| N | intercom (s) | no-op (s) | intercom / no-op | no-op untuned (s) | intercom / no-op untuned | terraform_data (s) | intercom RSS MB | no-op RSS MB | no-op untuned RSS MB |")
	fmt.Fprintln(w, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, r := range results {
		fmt.Fprintf(w, "| %d | %s | %s | %.2f× | %s | %.2f× | %s | %.1f | %.1f | %.1f |\n",
			r.n, secs(r.planNoRefresh), secs(r.noop), r.noopRatio(), secs(r.noopUntuned),
			r.planNoRefresh.Seconds()/r.noopUntuned.Seconds(), secs(r.dataPlan),
			mb(r.noRefreshKB), mb(r.noopKB), mb(r.noopUntunedKB))
	}
	fmt.Fprintf(w, "\nno-op = internal/fleetbench/noop: a terraform-plugin-framework provider whose noop_sip_config has "+
		"intercom_sip_config's attributes, types, flags and defaults, and whose CRUD copies plan to state. "+
		"It gets the intercom provider's tuning (SDK logs off without TF_LOG, GOGC=400 with a memory limit 48 MiB above the live heap and at least 64 MiB, "+
		"a fresh context per resource call); untuned, it is served as the framework scaffolding serves a provider. "+
		"Medians of %d runs each, interleaved.\n", baselineRuns)
}

func printPanels(w io.Writer, panels []panelResult) {
	fmt.Fprintf(w, "\n### Whole panels: the eight gconfig resources on every panel\n\n")
	fmt.Fprintln(w, "| panels | resources | create (s) | plan (s) | plan -refresh=false (s) | GET intercom/gconfig per refresh | GET gconfig/<block> per refresh | GET intercom/dtmf/method per refresh | all GETs per refresh | create POST+GET | plan @50ms (s) | floor N×50ms/P (s) | plan @50ms / floor | latency added / floor | in flight @50ms | provider peak RSS MB |")
	fmt.Fprintln(w, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, r := range panels {
		create, createReq := secs(r.create), fmt.Sprintf("%d+%d", r.createReq.post, r.createReq.get)
		if r.seeded {
			create, createReq = "copied", "–"
		}
		fmt.Fprintf(w, "| %d | %d | %s | %s | %s | %d | %d | %d | %d | %s | %s | %s | %.2f× | %.2f | %d | %.1f |\n",
			r.n, r.resources(), create, secs(r.plan), secs(r.planNoRefresh),
			r.refresh.aggregate, r.refresh.block, r.refresh.method, r.refresh.get, createReq,
			secs(r.planLatency), secs(r.floor()), r.latencyRatio(), r.addedRatio(), r.inFlightLatency, mb(r.peakKB))
	}
	fmt.Fprintf(w, "\nCounts are the most any one of the %d runs made. A panel's refresh needs two requests: the aggregate, "+
		"which the eight resources share, and intercom/dtmf/method, intercom_dtmf's second object, which the aggregate "+
		"does not carry; so no plan at 50 ms takes less than 2 × floor. latency added / floor = (plan @50ms − plan) / floor, "+
		"as the intercom_sip_config table's latency ratio. create \"copied\": the state of a fleet above -seed-above panels "+
		"is one panel's apply copied to every panel (an apply of thousands of resources takes Terraform minutes rewriting "+
		"its state file after each), and the first plan checks the copy shows no change. RSS is over the refresh plans.\n", runs)
}

// quietNote warns when others took more than a tenth of a core: the
// benchmark itself keeps every core busy, so their work slows it down.
func quietNote(othersCores float64) string {
	if othersCores > 0.1 {
		return " (**not a quiet machine**: timings may be inflated; compare only runs with similar load)"
	}
	return ""
}

func (r sizeResult) refreshOverhead() float64 {
	return (r.plan.Seconds()/r.planNoRefresh.Seconds() - 1) * 100
}

func (r sizeResult) noopRatio() float64 { return r.planNoRefresh.Seconds() / r.noop.Seconds() }

func (r sizeResult) planRatio() float64 { return r.plan.Seconds() / r.dataPlan.Seconds() }

func (r sizeResult) floor() time.Duration {
	return time.Duration(r.n) * latency / time.Duration(r.parallelism)
}

func (r sizeResult) latencyRatio() float64 {
	return (r.planLatency - r.plan).Seconds() / r.floor().Seconds()
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f", d.Seconds()) }

func mb(kb int64) float64 { return float64(kb) / 1024 }

// perRes shows requests per resource: "POST+GET" for writes, "GET" for
// reads, with any unexpected POST of a read shown too.
func perRes(q requests, n int, write bool) string {
	get, post := float64(q.get)/float64(n), float64(q.post)/float64(n)
	if write || q.post > 0 {
		return fmt.Sprintf("%.2f+%.2f", post, get)
	}
	return fmt.Sprintf("%.2f", get)
}

type target struct{ name, verdict string }

func judge(ok bool, detail string) string {
	if ok {
		return "met (" + detail + ")"
	}
	return "**missed** (" + detail + ")"
}

// targets judges each goal at the sizes it is set for; a size that was not
// run is reported as such rather than as met.
func targets(results []sizeResult) []target {
	at := map[int]sizeResult{}
	for _, r := range results {
		at[r.n] = r
	}
	const notRun = "not measured (N=1000 was not run)"
	var ts []target

	v := notRun
	if r, ok := at[1000]; ok {
		v = judge(r.refreshOverhead() <= 20, fmt.Sprintf("%.0f%%", r.refreshOverhead()))
	}
	ts = append(ts, target{"refresh overhead ≤ 20% at N=1000", v})

	var details []string
	ok := true
	for _, n := range []int{100, 1000} {
		if r, found := at[n]; found {
			details = append(details, fmt.Sprintf("N=%d %.2f×", n, r.planRatio()))
			ok = ok && r.planRatio() <= 1.3
		}
	}
	v = "not measured (neither N=100 nor N=1000 was run)"
	if len(details) > 0 {
		v = judge(ok, strings.Join(details, ", "))
	}
	ts = append(ts, target{"plan ≤ 1.3× terraform_data at N=100 and 1000", v})

	details, ok = nil, true
	for _, r := range results {
		for _, c := range []struct {
			step      string
			q         requests
			post, get int
		}{
			{"create", r.createReq, 1, 1}, {"refresh", r.refreshReq, 0, 1}, {"plan -refresh=false", r.noRefreshReq, 0, 0},
			{"update", r.updateReq, 1, 1}, {"plan @50ms", r.latencyReq, 0, 1},
		} {
			if c.q.post != c.post*r.n || c.q.get != c.get*r.n {
				ok = false
				details = append(details, fmt.Sprintf("N=%d %s: %d POST + %d GET for %d resources", r.n, c.step, c.q.post, c.q.get, r.n))
			}
		}
	}
	v = "not measured (no intercom_sip_config fleet was run)"
	if len(results) > 0 {
		if ok {
			details = []string{"1 POST + 1 GET per create and update, 1 GET per refresh, none without refresh"}
		}
		v = judge(ok, strings.Join(details, "; "))
	}
	ts = append(ts, target{"request counts at the minimum, every N", v})

	v = notRun
	if r, found := at[1000]; found {
		v = judge(r.latencyRatio() <= 1.2, fmt.Sprintf("%.2f", r.latencyRatio()))
	}
	ts = append(ts, target{"latency ratio ≤ 1.2 at N=1000", v})

	v = notRun
	if r, found := at[1000]; found {
		v = judge(mb(r.peakKB) < 100, fmt.Sprintf("%.1f MB", mb(r.peakKB)))
	}
	ts = append(ts, target{"provider peak RSS < 100 MB at N=1000", v})

	v = notRun
	if r, found := at[1000]; found {
		v = judge(r.noopRatio() <= 1.05, fmt.Sprintf("%.2f×: %s s against %s s; against the untuned no-op %.2f×",
			r.noopRatio(), secs(r.planNoRefresh), secs(r.noop), r.planNoRefresh.Seconds()/r.noopUntuned.Seconds()))
	}
	ts = append(ts, target{"plan -refresh=false ≤ 1.05× the no-op provider at N=1000", v})
	return ts
}

// panelTargets judges the whole-panel fleet's goals.
func panelTargets(panels []panelResult) []target {
	at := map[int]panelResult{}
	for _, r := range panels {
		at[r.n] = r
	}
	var ts []target

	v := "not measured (no whole-panel fleet was run)"
	if len(panels) > 0 {
		ok := true
		var details []string
		for _, r := range panels {
			for _, c := range []struct {
				step string
				f    fetches
			}{{"refresh", r.refresh}, {"refresh @50ms", r.latencyF}} {
				ok = ok && c.f.aggregate <= r.n && c.f.block == 0
				details = append(details, fmt.Sprintf("%d panels %s: %d aggregate, %d per-block", r.n, c.step, c.f.aggregate, c.f.block))
			}
		}
		v = judge(ok, strings.Join(details, "; "))
	}
	ts = append(ts, target{"a refresh makes at most one GET intercom/gconfig per panel and no per-block gconfig GET, every size (the issue names 100 panels)", v})

	v = "not measured (the fleet of 100 panels was not run)"
	if r, ok := at[100]; ok {
		v = judge(r.latencyRatio() <= 1.3, fmt.Sprintf("%.2f×: %s s against a floor of %s s; the same plan takes %s s with no latency, "+
			"and the latency added %.2f× the floor", r.latencyRatio(), secs(r.planLatency), secs(r.floor()), secs(r.plan), r.addedRatio()))
	}
	ts = append(ts, target{"plan of 100 whole panels at 50 ms ≤ 1.3 × N × 50 ms ÷ P", v})

	v = "not measured (the fleet of 1000 panels was not run)"
	if r, ok := at[1000]; ok {
		v = judge(mb(r.peakKB) < 100, fmt.Sprintf("%.1f MB", mb(r.peakKB)))
	}
	ts = append(ts, target{"provider peak RSS < 100 MB on a plan of 1000 panels × 8 gconfig resources", v})
	return ts
}
