package main

// The drivers every part shares: the emulator, workspaces, the Terraform
// CLI with timing and the provider's peak memory, and repeated runs.
import (
	"bytes"
	"cmp"
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

// The emulator's admin account, handed to the provider in INTERCOM_* as a CI job would.
const adminUser, adminPass = "bench-admin", "bench-admin-pw"

// emulator is a fleet of panels on one loopback listener, a path prefix
// each, as behind a gateway; conns counts the TCP connections to it.
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

// serve serves h at addr (port 0: a free one) until stop; serveOn on ln.
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

// terraform runs every command with one environment and CLI configuration,
// and keeps each one's output in logDir.
type terraform struct {
	bin, logDir, profileDir string
	env                     []string
}

// newTerraform writes a CLI configuration whose dev_overrides map source
// addresses to their executables' directories: no command needs
// `terraform init` or a registry.
func newTerraform(bin, work, profileDir string, overrides map[string]string) *terraform {
	rc := "provider_installation {\n  dev_overrides {\n"
	for src, exe := range overrides {
		rc += fmt.Sprintf("    %q = %q\n", src, filepath.Dir(exe))
	}
	cfg := writeFile(filepath.Join(work, "cli.tfrc"), rc+"  }\n  direct {}\n}\n")
	// Nothing that changes what is measured gets through: logging, CLI
	// arguments and variables, provider and Go collector settings.
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

// command is one terraform command; watch names the provider executable
// whose peak RSS and CPU time are measured; bin, when set, is another CLI.
type command struct {
	bin, dir, label, watch string
	env, args              []string
}

// result is one finished command: changes, when a plan with
// -detailed-exitcode proposed some; cpu, the watched provider's CPU time;
// counts, what the emulator saw, by method or path (bench.counted).
type result struct {
	elapsed, cpu time.Duration
	changes      bool
	peakKB       int64
	// terraformKB is the peak RSS wait4 reports for terraform: the larger
	// of its own and that of any child it reaped, the provider included.
	terraformKB int64
	out         string
	counts      map[string]int
}

func (t *terraform) run(c command) result {
	cmd := exec.CommandContext(context.Background(), cmp.Or(c.bin, t.bin), c.args...)
	cmd.Dir = c.dir
	cmd.Env = append(slices.Clip(t.env), c.env...)
	if t.profileDir != "" {
		cmd.Env = append(cmd.Env, "TF_PROVIDER_CPUPROFILE="+filepath.Join(t.profileDir, c.label+".pprof"))
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start, stop := time.Now(), func() (int64, time.Duration) { return 0, 0 }
	err := cmd.Start()
	if err == nil && c.watch != "" {
		stop = watchProvider(cmd.Process.Pid, c.watch)
	}
	if err == nil {
		err = cmd.Wait()
	}
	r := result{elapsed: time.Since(start), out: out.String()}
	r.peakKB, r.cpu = stop()
	if cmd.ProcessState != nil {
		if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.terraformKB = u.Maxrss // kB on Linux
		}
	}
	writeFile(filepath.Join(t.logDir, c.label+".log"), "$ terraform "+strings.Join(c.args, " ")+"\n"+r.out)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == 2 && slices.Contains(c.args, "-detailed-exitcode"):
		r.changes = true
	case err != nil:
		fatalf("%s\nterraform %s in %s: %v", r.out, strings.Join(c.args, " "), c.dir, err)
	}
	return r
}

// version is the first line of `terraform version` of bin, or of t's CLI.
func (t *terraform) version(bin string) string {
	v, _, _ := strings.Cut(t.run(command{bin: bin, dir: t.logDir, label: "version", args: []string{"version"}}).out, "\n")
	return v
}

// watchProvider samples the provider processes terraform (parent)
// starts, its children running exe, until stop, which returns their peak
// RSS in kB and their CPU time. VmHWM is the kernel's own high-water mark,
// so a sample any time before a process exits sees its true peak.
func watchProvider(parent int, exe string) (stop func() (int64, time.Duration)) {
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	quit, done := make(chan struct{}), make(chan struct{})
	var peak, sum int64
	go func() {
		defer close(done)
		ticks := map[int]int64{}
		others := map[int]bool{} // not terraform's children
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
				// After the command name: state, ppid, ..., utime and stime
				// (fields 14 and 15, in USER_HZ ticks of 10 ms).
				f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
				if len(f) < 13 || f[1] != strconv.Itoa(parent) {
					others[pid] = len(f) >= 13
					continue
				}
				if strings.TrimSuffix(link, " (deleted)") != exe {
					continue // a child between fork and exec: looked at again next tick
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
			case <-quit:
				for _, t := range ticks {
					sum += t
				}
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() (int64, time.Duration) {
		close(quit)
		<-done
		return peak, time.Duration(sum) * 10 * time.Millisecond
	}
}

// series is repeated runs of one command.
type series struct {
	times  []time.Duration
	peakKB int64
	most   map[string]int // the most any one run saw, per key
	runs   []result
}

func (s *series) median() time.Duration { return slices.Sorted(slices.Values(s.times))[len(s.times)/2] }

// repeat runs each command n times, taking turns, each round starting with
// the next command so that a slow spell of the machine hits all alike.
func (b *bench) repeat(n int, cmds ...func(i int) result) []*series {
	out := make([]*series, len(cmds))
	for k := range out {
		out[k] = &series{most: map[string]int{}}
	}
	for i := range n {
		for k := range cmds {
			j := (i + k) % len(cmds)
			r, s := cmds[j](i), out[j]
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

// writeFile writes the file, and its directory first; executable, as the
// providers' copies must be.
func writeFile(path, content string) string {
	if err := os.WriteFile(filepath.Join(mkdir(filepath.Dir(path)), filepath.Base(path)), []byte(content), 0o755); err != nil {
		fatalf("%v", err)
	}
	return path
}

// workspace is the head of a configuration: the provider's source and its
// block, whose body is empty or ends in a newline.
func workspace(name, source, body string) string {
	return fmt.Sprintf("terraform {\n  required_providers {\n    %s = {\n      source = %q\n    }\n  }\n}\n\nprovider %q {\n%s}\n",
		name, source, name, body)
}

// cmd is a counted terraform command in dir, its log named label-<run>,
// with every plan's and apply's flags.
func (b *bench) cmd(dir, label, watch string, args ...string) func(int) result {
	return func(i int) result {
		return b.counted(command{dir: dir, label: fmt.Sprintf("%s-%d", label, i), watch: watch, args: slices.Concat(args, b.flags())})
	}
}

// slow repeats cmd with every answer of the emulator latency late.
func (b *bench) slow(cmd func(int) result) *series {
	b.fleet.SetLatency(latency)
	defer b.fleet.SetLatency(0)
	return b.repeat(runs, cmd)[0]
}
