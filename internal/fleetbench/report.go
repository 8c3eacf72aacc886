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

func printReport(w io.Writer, m machine, o options, results []sizeResult, took time.Duration, othersCores float64) {
	fmt.Fprintf(w, "## intercom provider fleet benchmark\n\n")
	fmt.Fprintf(w, "- engine: %s\n", m.engine)
	fmt.Fprintf(w, "- machine: %s/%s, %s, %d cores\n", runtime.GOOS, runtime.GOARCH, m.cpu, m.cores)
	fmt.Fprintf(w, "- other load: processes besides this benchmark kept %.2f of the %d cores busy on average during the run%s\n",
		othersCores, m.cores, quietNote(othersCores))
	fmt.Fprintf(w, "- -parallelism=%d; plans: median of %d runs; applies: one run; wall clock of the whole terraform command\n\n", o.parallelism, runs)

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
	fmt.Fprintf(w, "). in flight @50ms = the most requests the fleet had open at once. MB = 2^20 bytes (VmHWM).\n\n")

	fmt.Fprintln(w, "Targets:")
	for _, t := range targets(results) {
		fmt.Fprintf(w, "- %s: %s\n", t.name, t.verdict)
	}
	for _, r := range results {
		for _, n := range r.notes {
			fmt.Fprintf(w, "- note: %s\n", n)
		}
	}
	fmt.Fprintf(w, "\nThe run took %s.\n", took.Round(time.Second))
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

// targets judges each goal at the sizes it is set for; a size that was not
// run is reported as such rather than as met.
func targets(results []sizeResult) []target {
	at := map[int]sizeResult{}
	for _, r := range results {
		at[r.n] = r
	}
	judge := func(ok bool, detail string) string {
		if ok {
			return "met (" + detail + ")"
		}
		return "**missed** (" + detail + ")"
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
	if ok {
		details = []string{"1 POST + 1 GET per create and update, 1 GET per refresh, none without refresh"}
	}
	ts = append(ts, target{"request counts at the minimum, every N", judge(ok, strings.Join(details, "; "))})

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
	return ts
}
