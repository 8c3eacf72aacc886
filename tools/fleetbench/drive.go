package main

// The drivers every part shares: the emulator, workspaces, the Terraform
// CLI with timing and the provider's peak memory, and repeated runs.

import (
	"bytes"
	"context"
	"errors"
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
	"syscall"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The emulator's admin account, handed to the provider through
// INTERCOM_USERNAME and INTERCOM_PASSWORD as a CI job would.
const (
	adminUser = "bench-admin"
	adminPass = "bench-admin-pw"
)

// emulator is a fleet of panels on one loopback listener, a path prefix
// each, as behind a gateway. conns counts the TCP connections opened to it.
type emulator struct {
	*fakepanel.Server
	url   string
	conns atomic.Int64
}

func startEmulator() *emulator {
	e := &emulator{Server: fakepanel.New()}
	e.SetCredentials(adminUser, adminPass)
	addr, _ := serve(e.Server, "127.0.0.1:0", func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			e.conns.Add(1)
		}
	})
	e.url = "http://" + addr
	return e
}

// serve serves h at addr (port 0: a free one) until stop is called.
func serve(h http.Handler, addr string, connState func(net.Conn, http.ConnState)) (string, func()) {
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		fatalf("listen %s: %v", addr, err)
	}
	return serveOn(ln, h, connState)
}

func serveOn(ln net.Listener, h http.Handler, connState func(net.Conn, http.ConnState)) (string, func()) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ConnState: connState}
	go func() { _ = srv.Serve(ln) }()
	return ln.Addr().String(), func() { _ = srv.Close() }
}

// counts is what the emulator saw during one command, by method and by
// path (see bench.count).
type counts map[string]int

// terraform runs one CLI the same way for every command: one environment
// and CLI configuration, and a log per command in logDir.
type terraform struct {
	bin, logDir, profileDir string
	env                     []string
}

// newTerraform writes a CLI configuration whose dev_overrides map each
// source address to the directory of its provider executable, so that no
// command needs `terraform init` or a registry.
func newTerraform(bin, work, profileDir string, overrides map[string]string) *terraform {
	var rc strings.Builder
	rc.WriteString("provider_installation {\n  dev_overrides {\n")
	for src, exe := range overrides {
		fmt.Fprintf(&rc, "    %q = %q\n", src, filepath.Dir(exe))
	}
	rc.WriteString("  }\n  direct {}\n}\n")
	cfg := writeFile(filepath.Join(work, "cli.tfrc"), rc.String())
	// Nothing that changes what is measured gets through: logging, extra
	// CLI arguments and variables, provider settings, Go's collector
	// settings, the no-op baseline's switch.
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "TF_") && !strings.HasPrefix(name, "INTERCOM_") && !strings.HasPrefix(name, "FLEETBENCH_") &&
			name != "GOGC" && name != "GOMEMLIMIT" && name != "CHECKPOINT_DISABLE" {
			env = append(env, kv)
		}
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+cfg, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1",
		"INTERCOM_USERNAME="+adminUser, "INTERCOM_PASSWORD="+adminPass)
	return &terraform{bin: bin, logDir: mkdir(work, "logs"), profileDir: profileDir, env: env}
}

// command is one terraform command. watch names a provider executable
// whose peak RSS and CPU time are measured; limit kills the command (with
// the provider) when it runs longer, and makes a failure a result rather
// than the end of the program.
type command struct {
	dir, label, watch string
	env               []string
	limit             time.Duration
	args              []string
}

// result is one finished command.
type result struct {
	elapsed time.Duration
	changes bool // a plan with -detailed-exitcode proposed changes
	peakKB  int64
	// terraformKB is the peak RSS wait4 reports for terraform: the larger
	// of its own and that of any child it reaped, the provider included.
	terraformKB int64
	cpu         time.Duration // the watched provider's CPU time
	out         string
	killed      bool   // ran out of its limit; elapsed is the limit
	failed      string // with a limit: Terraform's first error
	counts      counts // what the emulator saw, when run through bench.counted
}

func (t *terraform) run(c command) result {
	ctx, cancel := context.Background(), context.CancelFunc(func() {})
	if c.limit > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.limit)
	}
	defer cancel()
	cmd := exec.CommandContext(ctx, t.bin, c.args...)
	// A process group of its own, so that a kill reaches the provider too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Dir = c.dir
	cmd.Env = append(slices.Clip(t.env), c.env...)
	if t.profileDir != "" {
		cmd.Env = append(cmd.Env, "TF_PROVIDER_CPUPROFILE="+filepath.Join(t.profileDir, c.label+".pprof"))
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fatalf("terraform: %v", err)
	}
	var w *watch
	if c.watch != "" {
		w = watchProvider(cmd.Process.Pid, c.watch)
	}
	err := cmd.Wait()
	r := result{elapsed: time.Since(start), out: out.String()}
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.terraformKB = u.Maxrss // kB on Linux
	}
	if w != nil {
		r.peakKB, r.cpu = w.stop()
	}
	writeFile(filepath.Join(t.logDir, c.label+".log"), "$ terraform "+strings.Join(c.args, " ")+"\n"+r.out)
	var exit *exec.ExitError
	switch {
	case c.limit > 0 && ctx.Err() != nil:
		r.killed, r.elapsed = true, c.limit
	case errors.As(err, &exit) && exit.ExitCode() == 2 && slices.Contains(c.args, "-detailed-exitcode"):
		r.changes = true
	case err != nil && c.limit > 0:
		_, first, _ := strings.Cut(r.out+"Error: "+err.Error(), "Error: ")
		r.failed, _, _ = strings.Cut(first, "\n")
	case err != nil:
		os.Stderr.Write(out.Bytes())
		fatalf("terraform %s in %s: %v", strings.Join(c.args, " "), c.dir, err)
	}
	return r
}

// version is the first line of `terraform version`.
func (t *terraform) version(work string) string {
	v, _, _ := strings.Cut(t.run(command{dir: work, label: "version", args: []string{"version"}}).out, "\n")
	return v
}

// watch samples the provider processes terraform starts: children of
// parent running exe. VmHWM is the kernel's own high-water mark, so a
// sample any time before a process exits sees its true peak.
type watch struct {
	quit chan struct{}
	done chan [2]int64 // peak kB, CPU ticks
}

func watchProvider(parent int, exe string) *watch {
	w := &watch{quit: make(chan struct{}), done: make(chan [2]int64, 1)}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	go func() {
		var peak int64
		ticks := map[int]int64{}
		others := map[int]bool{} // processes that are not terraform's children
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			entries, _ := os.ReadDir("/proc")
			for _, e := range entries {
				pid, err := strconv.Atoi(e.Name())
				if err != nil || others[pid] {
					continue
				}
				dir := "/proc/" + e.Name()
				stat, _ := os.ReadFile(dir + "/stat")
				link, _ := os.Readlink(dir + "/exe")
				// The fields after the command name: state, ppid, ...,
				// utime (14) and stime (15).
				f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
				if len(f) < 13 || f[1] != strconv.Itoa(parent) {
					others[pid] = len(f) >= 13
					continue
				}
				// A child between fork and exec still runs terraform: it is
				// looked at again on the next tick.
				if strings.TrimSuffix(link, " (deleted)") != exe {
					continue
				}
				u, _ := strconv.ParseInt(f[11], 10, 64)
				s, _ := strconv.ParseInt(f[12], 10, 64)
				ticks[pid] = u + s
				status, _ := os.ReadFile(dir + "/status")
				if _, v, ok := strings.Cut(string(status), "VmHWM:"); ok {
					kb, _ := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
					peak = max(peak, kb)
				}
			}
			select {
			case <-w.quit:
				var sum int64
				for _, t := range ticks {
					sum += t
				}
				w.done <- [2]int64{peak, sum}
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

// stop returns the peak RSS in kB and the CPU time (USER_HZ is 100).
func (w *watch) stop() (int64, time.Duration) {
	close(w.quit)
	d := <-w.done
	return d[0], time.Duration(d[1]) * 10 * time.Millisecond
}

// series is repeated runs of one command.
type series struct {
	times  []time.Duration
	peakKB int64
	most   counts // the most any one run saw, per key
	runs   []result
}

func (s *series) median() time.Duration {
	t := slices.Sorted(slices.Values(s.times))
	return t[len(t)/2]
}

// repeat runs each command n times, taking turns, each round starting with
// the next command so that a slow spell of the machine hits all alike.
func (b *bench) repeat(n int, cmds ...func(i int) result) []*series {
	out := make([]*series, len(cmds))
	for k := range out {
		out[k] = &series{most: counts{}}
	}
	for i := range n {
		for k := range cmds {
			j := (i + k) % len(cmds)
			r := cmds[j](i)
			s := out[j]
			s.times, s.peakKB, s.runs = append(s.times, r.elapsed), max(s.peakKB, r.peakKB), append(s.runs, r)
			for key, v := range r.counts {
				s.most[key] = max(s.most[key], v)
			}
		}
	}
	return out
}

func mkdir(parts ...string) string {
	dir := filepath.Join(parts...)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatalf("%v", err)
	}
	return dir
}

func writeFile(path, content string) string {
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		fatalf("%v", err)
	}
	return path
}

// providerBlock is the head of every intercom workspace.
const providerBlock = `terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

# Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD.
`
