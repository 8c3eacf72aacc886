// Command fleetbench times the real Terraform CLI driving the intercom
// provider against the in-process panel emulator, for fleets of several
// sizes, and prints markdown tables: `make bench`. Its parts, each of
// which -only can pick alone: N panels with one intercom_sip_config each
// (bench.go) and the same N with a no-op provider of the same attribute
// shape as the baseline (noop/), "sip"; N whole panels, each with the
// eight resources that share GET intercom/gconfig (panels.go), "panels";
// a SIP fleet with ten panels offline under unreachable_panels = "warn"
// (offline.go), "offline"; `terraform query` over a /24 of loopback
// addresses, half of them panels (query.go, Terraform 1.14+), "query";
// and one intercom_apartments of up to 9,999 flats (flats.go), "flats".
//
// It is a tool for a human, not a test: timings depend on the machine, so
// nothing here fails on a slow number. Each target is reported as met or
// missed, and the program fails only when a Terraform command does.
//
// Progress goes to stderr and the report to stdout, so
// `make bench > report.md` keeps only the report.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The emulator's admin account, handed to the provider through
// INTERCOM_USERNAME and INTERCOM_PASSWORD as a CI job would.
const (
	adminUser = "bench-admin"
	adminPass = "bench-admin-pw"
)

// latency is the slow network of the latency step: about what a panel on a
// remote site's VPN answers in.
const latency = 50 * time.Millisecond

type options struct {
	sizes         []int
	panelSizes    []int
	parallelism   int
	terraform     string
	providerDir   string
	noopDir       string
	seedAbove     int
	keep          bool
	cpuprofileDir string
	only          map[string]bool // the parts to run; nil for all
	offlineN      int
	queryTF       string
	queryN        int
	flatSizes     []int
	flatCap       time.Duration
}

// parts are the names -only takes.
var parts = []string{"sip", "panels", "offline", "query", "flats"}

// runs tells whether the part is to run.
func (o options) runs(part string) bool { return o.only == nil || o.only[part] }

func parseFlags() options {
	var o options
	sizes := flag.String("sizes", "10,100,1000", "comma-separated fleet sizes of the intercom_sip_config fleet and its no-op baseline (resources per workspace); empty for none")
	panelSizes := flag.String("panel-sizes", "10,100,1000", "comma-separated sizes of the whole-panel fleet (panels, each with the eight gconfig resources); empty for none")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism for every plan and apply")
	flag.StringVar(&o.terraform, "terraform", "terraform", "the Terraform CLI to run")
	flag.StringVar(&o.providerDir, "provider-dir", ".cache/bin", "directory holding terraform-provider-intercom, used through dev_overrides")
	flag.StringVar(&o.noopDir, "noop-dir", ".cache/fleetbench-noop", "directory to build the no-op baseline provider (./internal/fleetbench/noop) into")
	flag.IntVar(&o.seedAbove, "seed-above", 100, "whole-panel fleets of more panels get their state by copying one panel's apply instead of an apply of their own (0: always apply)")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directories (workspaces, state, command logs)")
	flag.StringVar(&o.cpuprofileDir, "cpuprofile-dir", "", "when set, TF_PROVIDER_CPUPROFILE=<dir>/<command>.pprof is passed to Terraform for the provider to write a CPU profile")
	only := flag.String("only", "", "comma-separated parts to run, of "+strings.Join(parts, ", ")+"; empty for all")
	flag.IntVar(&o.offlineN, "offline-panels", 1000, "panels of the offline fleet (intercom_sip_config, ten of them taken offline); 0 for none")
	flag.StringVar(&o.queryTF, "query-terraform", ".cache/terraform-1.14.9/terraform", "the Terraform CLI (1.14 or later) for the query part")
	flag.IntVar(&o.queryN, "query-addresses", 254, "loopback addresses the query probes (127.0.0.1 up), every other one a panel; 0 for none")
	flatSizes := flag.String("flat-sizes", "1,100,1000,2000,3000,9999", "comma-separated flat counts of the intercom_apartments part (1 to 9999; the first should be 1, the target's base); empty for none")
	flag.DurationVar(&o.flatCap, "flat-cap", 15*time.Minute, "the most one plan or apply of the flats part may take; a command that runs longer is killed and reported as not finished")
	flag.Parse()

	o.sizes = parseSizes("-sizes", *sizes)
	o.panelSizes = parseSizes("-panel-sizes", *panelSizes)
	o.flatSizes = parseSizes("-flat-sizes", *flatSizes)
	if strings.TrimSpace(*only) != "" {
		o.only = map[string]bool{}
		for _, p := range strings.Split(*only, ",") {
			p = strings.TrimSpace(p)
			if !slices.Contains(parts, p) {
				fatalf("-only: %q is not one of %s", p, strings.Join(parts, ", "))
			}
			o.only[p] = true
		}
	}
	if o.offlineN < 0 || o.queryN < 0 || o.flatCap <= 0 {
		fatalf("-offline-panels and -query-addresses must be 0 or more, -flat-cap more than 0")
	}
	if o.parallelism < 1 {
		fatalf("-parallelism must be at least 1")
	}
	return o
}

func parseSizes(name, list string) []int {
	var out []int
	if strings.TrimSpace(list) == "" {
		return nil
	}
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fatalf("%s: %q is not a positive whole number", name, f)
		}
		out = append(out, n)
	}
	return out
}

func main() {
	o := parseFlags()
	started := time.Now()
	cpu := startCPUMeter()

	tfBin, err := exec.LookPath(o.terraform)
	if err != nil {
		fatalf("-terraform: %v", err)
	}
	tfBin, _ = filepath.Abs(tfBin)
	providerDir, _ := filepath.Abs(o.providerDir)
	providerExe := filepath.Join(providerDir, "terraform-provider-intercom")
	if _, err := os.Stat(providerExe); err != nil {
		fatalf("-provider-dir: %v (run make build first)", err)
	}
	if o.cpuprofileDir != "" {
		if o.cpuprofileDir, err = filepath.Abs(o.cpuprofileDir); err == nil {
			err = os.MkdirAll(o.cpuprofileDir, 0o755)
		}
		if err != nil {
			fatalf("-cpuprofile-dir: %v", err)
		}
	}

	work, err := os.MkdirTemp("", "fleetbench-")
	if err != nil {
		fatalf("%v", err)
	}
	workDir = work

	// Both providers run from copies in the work directory: a `make build`
	// elsewhere in the tree during the run must not swap the binary
	// between two commands, or between the plan and apply of one.
	providerExe = snapshot(providerExe, filepath.Join(work, "bin", "intercom"))
	noopExe := filepath.Join(work, "bin", "noop", "terraform-provider-noop") // built only for the sip part
	if o.runs("sip") && len(o.sizes) > 0 {
		noopExe = snapshot(buildNoop(o.noopDir), filepath.Dir(noopExe))
	}
	// Without a Terraform that has `terraform query`, a run of every part
	// skips the query and says so; a run of -only query fails.
	queryTF, querySkipped := "", ""
	if o.runs("query") && o.queryN > 0 {
		if queryTF, err = exec.LookPath(o.queryTF); err != nil {
			if o.only != nil {
				fatalf("-query-terraform: %v (make terraform-1.14 builds it)", err)
			}
			querySkipped = fmt.Sprintf("-query-terraform: %v; make terraform-1.14 builds it", err)
			progress("the query part is skipped: %s", querySkipped)
		} else {
			queryTF, _ = filepath.Abs(queryTF)
		}
	}
	fleet, url, conns := startEmulator()
	tf := newRunner(tfBin, providerExe, noopExe, work, o.cpuprofileDir)
	m := machineInfo(tf)
	progress("%s; emulator at %s; work dir %s", m.engine, url, work)

	b := &bench{tf: tf, fleet: fleet, url: url, conns: conns, parallelism: o.parallelism, seedAbove: o.seedAbove, work: work}
	rep := report{querySkipped: querySkipped}
	if o.runs("sip") {
		for _, n := range o.sizes {
			rep.sip = append(rep.sip, b.size(n))
		}
	}
	if o.runs("panels") {
		for _, n := range o.panelSizes {
			rep.panels = append(rep.panels, b.wholePanels(n))
		}
	}
	if o.runs("offline") && o.offlineN > 0 {
		r := b.offlineFleet(o.offlineN)
		rep.offline = &r
	}
	if queryTF != "" {
		r := b.query(queryTF, o.queryN)
		rep.query = &r
	}
	if o.runs("flats") {
		stopped := false
		for _, n := range o.flatSizes {
			if stopped {
				// A smaller building did not finish within the cap: a
				// bigger one would not either.
				skip := flatStep{skipped: true}
				rep.flats = append(rep.flats, flatsResult{n: n, plan: skip, apply: skip, after: skip})
				continue
			}
			r := b.flats(n, o.flatCap)
			stopped = r.plan.killed || r.apply.killed || r.after.killed
			rep.flats = append(rep.flats, r)
		}
	}

	printReport(os.Stdout, m, o, rep, time.Since(started), cpu.othersCores())
	if o.keep {
		fmt.Fprintf(os.Stderr, "work directories kept in %s\n", work)
	} else {
		_ = os.RemoveAll(work)
	}
}

// startEmulator serves a fresh fleet on a free loopback port. Every panel
// is a path prefix of the one listener, as behind a gateway, so a
// thousand panels need no thousand ports. conns counts the TCP connections
// the provider opens: a number far above -parallelism means connections
// are not being reused.
func startEmulator() (*fakepanel.Server, string, *atomic.Int64) {
	fleet := fakepanel.New()
	fleet.SetCredentials(adminUser, adminPass)
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		fatalf("emulator: %v", err)
	}
	conns := new(atomic.Int64)
	srv := &http.Server{
		Handler:           fleet,
		ReadHeaderTimeout: 10 * time.Second,
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		},
	}
	go func() { _ = srv.Serve(ln) }()
	return fleet, "http://" + ln.Addr().String(), conns
}

// buildNoop builds the no-op baseline provider into dir and returns its
// path. go build is quick when nothing changed, so it runs every time and
// a stale binary is never measured.
func buildNoop(dir string) string {
	dir, err := filepath.Abs(dir)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		fatalf("-noop-dir: %v", err)
	}
	exe := filepath.Join(dir, "terraform-provider-noop")
	progress("building the no-op baseline provider into %s", dir)
	cmd := exec.CommandContext(context.Background(), "go", "build", "-o", exe, noopPackage)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		fatalf("go build %s: %v", noopPackage, err)
	}
	return exe
}

// snapshot copies the executable exe into dir and returns the copy's
// path. Each provider gets a directory of its own, as dev_overrides map a
// provider to a directory.
func snapshot(exe, dir string) string {
	b, err := os.ReadFile(exe)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	to := filepath.Join(dir, filepath.Base(exe))
	if err == nil {
		err = os.WriteFile(to, b, 0o755)
	}
	if err != nil {
		fatalf("copying %s: %v", exe, err)
	}
	return to
}

// noopPackage is the baseline provider's main package, built from the
// module this program runs in.
const noopPackage = "github.com/domofon/terraform-provider-intercom/internal/fleetbench/noop"

// workDir is kept when the program fails, so its logs can be read.
var workDir string

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "fleetbench: "+format+"\n", args...)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "fleetbench: "+format+"\n", args...)
	if workDir != "" {
		fmt.Fprintf(os.Stderr, "fleetbench: work directory kept in %s\n", workDir)
	}
	os.Exit(1)
}
