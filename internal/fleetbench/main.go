// Command fleetbench times the real Terraform CLI driving the intercom
// provider against the in-process panel emulator, for fleets of several
// sizes, and prints a markdown table: `make bench`.
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
	parallelism   int
	terraform     string
	providerDir   string
	keep          bool
	cpuprofileDir string
}

func parseFlags() options {
	var o options
	sizes := flag.String("sizes", "10,100,1000", "comma-separated fleet sizes (resources per workspace)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism for every plan and apply")
	flag.StringVar(&o.terraform, "terraform", "terraform", "the Terraform CLI to run")
	flag.StringVar(&o.providerDir, "provider-dir", ".cache/bin", "directory holding terraform-provider-intercom, used through dev_overrides")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directories (workspaces, state, command logs)")
	flag.StringVar(&o.cpuprofileDir, "cpuprofile-dir", "", "when set, TF_PROVIDER_CPUPROFILE=<dir>/<command>.pprof is passed to Terraform for the provider to write a CPU profile")
	flag.Parse()

	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fatalf("-sizes: %q is not a positive whole number", f)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.parallelism < 1 {
		fatalf("-parallelism must be at least 1")
	}
	return o
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

	fleet, url, conns := startEmulator()
	tf := newRunner(tfBin, providerExe, work, o.cpuprofileDir)
	m := machineInfo(tf)
	progress("%s; emulator at %s; work dir %s", m.engine, url, work)

	b := &bench{tf: tf, fleet: fleet, url: url, conns: conns, parallelism: o.parallelism, work: work}
	var results []sizeResult
	for _, n := range o.sizes {
		results = append(results, b.size(n))
	}

	printReport(os.Stdout, m, o, results, time.Since(started), cpu.othersCores())
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
