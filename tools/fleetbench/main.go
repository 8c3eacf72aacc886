// Command fleetbench, `make bench`, times the Terraform CLI driving the
// intercom provider against the panel emulator and prints the tables of the
// Performance guide and the guide Fleets past one state: one file per part
// (-only picks parts), over the drivers in drive.go.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// runs is how many times each timed plan runs (for the median); latency,
// about what a panel on a remote site's VPN answers in; parallelism,
// Terraform's default, which the guides report.
const (
	runs        = 3
	latency     = 50 * time.Millisecond
	parallelism = 10
)

// bench is one run: its options, the emulator, the CLI and the notes.
type bench struct {
	seedAbove, offlineN, queryN             int
	splitPanels, splitStates, splitParallel int
	splitOne                                bool
	sizes, panelSizes, flatSizes            []int
	provider, noop, tfBin, queryTF          string
	work, profileDir                        string
	env, notes                              []string
	fleet                                   *emulator
}

func main() {
	b := &bench{}
	var only string
	var keep bool
	sizes := func(p *[]int, name, def, usage string) {
		*p = parseSizes(def)
		flag.Func(name, usage+" (default "+def+")", func(s string) error { *p = parseSizes(s); return nil })
	}
	sizes(&b.sizes, "sizes", "10,100,1000", "fleet sizes of intercom_sip_config and its no-op baseline")
	sizes(&b.panelSizes, "panel-sizes", "10,100,1000", "sizes of the whole-panel fleet")
	sizes(&b.flatSizes, "flat-sizes", "1,100,1000,2000,3000,9999", "flat counts of intercom_apartments, 1 to 9999")
	flag.IntVar(&b.offlineN, "offline-panels", 1000, "panels of the offline fleet, ten of them taken down")
	flag.IntVar(&b.queryN, "query-addresses", 254, "loopback addresses the query probes, every other one a panel")
	flag.IntVar(&b.splitPanels, "split-panels", 0, "panels of modules/panel for the split part; 0 leaves it out")
	flag.IntVar(&b.splitStates, "split-states", 20, "states the split part cuts -split-panels into")
	flag.IntVar(&b.splitParallel, "split-parallel", 2, "states of the split part that run at once")
	flag.BoolVar(&b.splitOne, "split-one", true, "the split part also runs the whole fleet as one state (first)")
	flag.StringVar(&only, "only", "", "comma-separated parts to run, of sip, panels, offline, query, flats, split; empty for all")
	flag.IntVar(&b.seedAbove, "seed-above", 100, "whole-panel fleets of more panels copy one panel's state instead of applying (0: never)")
	flag.StringVar(&b.tfBin, "terraform", "terraform", "the Terraform CLI")
	flag.StringVar(&b.queryTF, "query-terraform", "", "a Terraform CLI of 1.14 or later for the query part; empty skips it")
	flag.StringVar(&b.provider, "provider", "", "terraform-provider-intercom to measure (make build)")
	flag.StringVar(&b.noop, "noop", "", "the no-op baseline provider (go build ./noop), for the sip part")
	flag.StringVar(&b.profileDir, "cpuprofile-dir", "", "pass TF_PROVIDER_CPUPROFILE=<dir>/<command>.pprof to every command")
	flag.BoolVar(&keep, "keep", false, "keep the work directory (workspaces, state, command logs)")
	flag.Parse()
	// An empty size list, or a count of 0, leaves a part out, as -only does.
	want := func(name string, on bool) bool {
		return on && (only == "" || slices.Contains(strings.Split(only, ","), name))
	}
	parts := []struct {
		name string
		on   bool
		run  func()
	}{{"sip", len(b.sizes) > 0, b.sip}, {"panels", len(b.panelSizes) > 0, b.wholePanels}, {"offline", b.offlineN > 0, b.offline},
		{"query", b.queryN > 0, b.query}, {"flats", len(b.flatSizes) > 0, b.flats}, {"split", b.splitPanels > 0, b.split}}

	started := time.Now()
	// Resolved, as /proc/<pid>/exe shows the providers' copies in it.
	work, err := os.MkdirTemp("", "fleetbench-")
	check(err)
	work, err = filepath.EvalSymlinks(work)
	check(err)
	b.work, workDir = work, work
	if b.profileDir != "" {
		check(os.MkdirAll(b.profileDir, 0o755))
		b.profileDir, _ = filepath.Abs(b.profileDir)
	}
	b.tfBin = abs(b.tfBin)
	b.setEnv(want("sip", len(b.sizes) > 0))
	b.fleet = startEmulator()
	engine := b.version("")
	progress("%s; emulator at %s; work directory %s", engine, b.fleet.url, b.work)
	cpu, _ := os.ReadFile("/proc/cpuinfo")
	_, model, _ := strings.Cut(string(cpu), "model name\t: ")
	model, _, _ = strings.Cut(model, "\n")
	fmt.Printf("## intercom provider fleet benchmark\n\n- engine: %s\n- machine: %s/%s, %s, %d cores, load averages %s\n"+
		"- -parallelism=%d; plans: median of %d runs\n", engine, runtime.GOOS, runtime.GOARCH, model, runtime.NumCPU(), loadavg(), parallelism, runs)
	for _, p := range parts {
		if want(p.name, p.on) {
			p.run()
		}
	}
	for _, n := range b.notes {
		fmt.Printf("\n- note: %s", n)
	}
	fmt.Printf("\nThe run took %s; load averages at its end %s(compare only runs of a quiet machine).\n",
		time.Since(started).Round(time.Second), loadavg())
	if keep {
		progress("work directory kept in %s", b.work)
	} else {
		_ = os.RemoveAll(b.work)
	}
}

func parseSizes(list string) []int {
	var out []int
	for f := range strings.SplitSeq(list, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		} else if strings.TrimSpace(f) != "" {
			fatalf("%q is not a positive whole number", f)
		}
	}
	return out
}

// abs is the absolute path of a file, or of an executable on PATH.
func abs(p string) string {
	p, err := exec.LookPath(p)
	check(err)
	p, err = filepath.Abs(p)
	check(err)
	return p
}

// loadavg is /proc/loadavg's 1, 5 and 15 minute averages.
func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return strings.Join(strings.Fields(string(b) + " ? ? ?")[:3], " ") + " "
}

// table prints a markdown table of the columns in head, separated by |:
// numbers right-aligned, a first column of words left-aligned.
func (b *bench) table(title, head string, rows [][]string) {
	cols := strings.Split(head, "|")
	align := strings.Repeat("--:|", len(cols))
	if len(rows) > 0 && !strings.ContainsAny(rows[0][0][:1], "0123456789") {
		align = "---|" + align[4:]
	}
	fmt.Printf("\n### %s\n\n| %s |\n|%s\n", title, strings.Join(cols, " | "), align)
	for _, r := range rows {
		fmt.Printf("| %s |\n", strings.Join(r, " | "))
	}
}

// cells formats a table row: durations in seconds, floats, two decimals.
func cells(vs ...any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		if d, ok := v.(time.Duration); ok {
			v = d.Seconds()
		}
		out[i] = fmt.Sprint(v)
		if f, ok := v.(float64); ok {
			out[i] = fmt.Sprintf("%.2f", f)
		}
	}
	return out
}

func ratio(a, b time.Duration) string { return fmt.Sprintf("%.2f×", a.Seconds()/b.Seconds()) }

// mb is a peak RSS in MB (2^20 bytes), one decimal.
func mb(kb int64) string { return fmt.Sprintf("%.1f", float64(kb)/1024) }

// workDir is kept when the program fails, so that its logs can be read.
var workDir string

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "fleetbench: "+format+"\n", args...)
}

func fatalf(format string, args ...any) {
	progress(format, args...)
	if workDir != "" {
		progress("work directory kept in %s", workDir)
	}
	os.Exit(1)
}
