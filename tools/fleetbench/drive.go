package main

// The drivers every part shares: the emulator, timed commands, workspaces.
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
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The emulator's admin account, handed to the provider in INTERCOM_* as a CI job would.
const adminUser, adminPass = "bench-admin", "bench-admin-pw"

// emulator is the fleet behind one listener, as behind a gateway, a path
// prefix per panel; conns counts the TCP connections to it.
type emulator struct {
	*fakepanel.Server
	url   string
	conns atomic.Int64
}

func startEmulator() *emulator {
	e := &emulator{Server: fakepanel.New()}
	e.SetCredentials(adminUser, adminPass)
	addr, _ := e.serve("127.0.0.1:0")
	e.url = "http://" + addr
	return e
}

// serve serves the emulator at addr (port 0: a free one) until stop.
func (e *emulator) serve(addr string) (string, func()) {
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	check(err)
	return e.serveOn(ln)
}

func (e *emulator) serveOn(ln net.Listener) (string, func()) {
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, ConnState: func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			e.conns.Add(1)
		}
	}}
	go func() { _ = srv.Serve(ln) }()
	return ln.Addr().String(), func() { _ = srv.Close() }
}

// setEnv gives every command one environment, whose CLI configuration's
// dev_overrides map each provider source to a copy of its executable: no
// command needs `terraform init` or a registry, and a `make build` during
// the run cannot swap a binary between two commands.
func (b *bench) setEnv(needNoop bool) {
	rc := "provider_installation {\n  dev_overrides {\n"
	for source, exe := range map[string]*string{"domofon/intercom": &b.provider, "fleetbench/noop": &b.noop} {
		if data, err := os.ReadFile(*exe); err == nil {
			*exe = writeFile(filepath.Join(b.work, "bin", filepath.Base(source), filepath.Base(*exe)), string(data))
			rc += fmt.Sprintf("    %q = %q\n", source, filepath.Dir(*exe))
		} else if source == "domofon/intercom" || needNoop {
			fatalf("provider %s: %v (see -provider and -noop)", source, err)
		}
	}
	cfg := writeFile(filepath.Join(b.work, "cli.tfrc"), rc+"  }\n  direct {}\n}\n")
	// Of the caller's environment only PATH, HOME and TMPDIR: no logging, CLI,
	// provider or Go runtime setting of theirs changes what is measured.
	b.env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TMPDIR=" + os.Getenv("TMPDIR"),
		"TF_CLI_CONFIG_FILE=" + cfg, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1",
		"INTERCOM_USERNAME=" + adminUser, "INTERCOM_PASSWORD=" + adminPass}
}

// command is one terraform command, of another CLI when bin is set;
// watch names the provider executable whose RSS and CPU time are measured.
type command struct {
	bin, dir, label, watch string
	args                   []string
}

// result is one finished command: changes, when a plan with -detailed-exitcode
// proposed some; counts, what the emulator saw (bench.counted).
type result struct {
	elapsed, cpu        time.Duration
	changes             bool
	peakKB, terraformKB int64
	out                 string
	counts              map[string]int
}

// run runs c, its output kept in the work directory's logs/<label>.log.
func (b *bench) run(c command) result {
	progress("%s: terraform %s", c.label, c.args[0])
	cmd := exec.CommandContext(context.Background(), cmp.Or(c.bin, b.tfBin), c.args...)
	cmd.Dir = c.dir
	cmd.Env = b.env
	if b.profileDir != "" {
		cmd.Env = append(slices.Clip(b.env), "TF_PROVIDER_CPUPROFILE="+filepath.Join(b.profileDir, c.label+".pprof"))
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start, stop := time.Now(), func() (int64, int64, time.Duration) { return 0, 0, 0 }
	check(cmd.Start())
	if c.watch != "" {
		stop = watch(cmd.Process.Pid, c.watch)
	}
	err := cmd.Wait()
	r := result{elapsed: time.Since(start), out: out.String()}
	r.peakKB, r.terraformKB, r.cpu = stop()
	writeFile(filepath.Join(b.work, "logs", c.label+".log"), "$ terraform "+strings.Join(c.args, " ")+"\n"+r.out)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == 2 && slices.Contains(c.args, "-detailed-exitcode"):
		r.changes = true
	case err != nil:
		fatalf("%s\nterraform %s in %s: %v", r.out, strings.Join(c.args, " "), c.dir, err)
	}
	return r
}

// version is the first line of `terraform version` of bin, or of -terraform.
func (b *bench) version(bin string) string {
	v, _, _ := strings.Cut(b.run(command{bin: bin, dir: b.work, label: "version", args: []string{"version"}}).out, "\n")
	return v
}

// watch samples terraform (parent) and its children running exe, the
// provider, until stop returns their peak RSS in kB, the provider's first,
// and the provider's CPU time. VmHWM is the kernel's own high-water mark:
// any sample before a process exits sees its true peak. wait4's ru_maxrss
// would not do: Go starts terraform from a vfork of this process, whose own
// peak the kernel then counts as terraform's.
func watch(parent int, exe string) (stop func() (int64, int64, time.Duration)) {
	quit, done := make(chan struct{}), make(chan struct{})
	var peak, terraform, sum int64
	go func() {
		defer close(done)
		ticks := map[string]int64{}
		for {
			terraform = max(terraform, vmHWM("/proc/"+strconv.Itoa(parent)))
			// Every thread's children: a Go program forks from any of them.
			lists, _ := filepath.Glob("/proc/" + strconv.Itoa(parent) + "/task/*/children")
			for _, list := range lists {
				pids, _ := os.ReadFile(list)
				for _, pid := range strings.Fields(string(pids)) {
					dir := "/proc/" + pid
					link, _ := os.Readlink(dir + "/exe")
					stat, _ := os.ReadFile(dir + "/stat")
					// utime and stime: fields 14 and 15, in USER_HZ ticks of 10 ms.
					f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
					if strings.TrimSuffix(link, " (deleted)") != exe || len(f) < 13 {
						continue // a child between fork and exec: looked at again next tick
					}
					u, _ := strconv.ParseInt(f[11], 10, 64)
					s, _ := strconv.ParseInt(f[12], 10, 64)
					ticks[pid], peak = u+s, max(peak, vmHWM(dir))
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
	return func() (int64, int64, time.Duration) {
		close(quit)
		<-done
		return peak, terraform, time.Duration(sum) * 10 * time.Millisecond
	}
}

// vmHWM is the peak RSS in kB of the process at dir, 0 once it is gone.
func vmHWM(dir string) int64 {
	status, _ := os.ReadFile(dir + "/status")
	_, v, _ := strings.Cut(string(status), "VmHWM:")
	kb, _ := strconv.ParseInt(strings.Fields(v + " 0")[0], 10, 64)
	return kb
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

// slow repeats cmd with every answer of the emulator latency late.
func (b *bench) slow(cmd func(int) result) *series {
	b.fleet.SetLatency(latency)
	defer b.fleet.SetLatency(0)
	return b.repeat(runs, cmd)[0]
}

// command is terraform args in dir with every plan's and apply's flags.
func (b *bench) command(dir, label, watch string, args ...string) command {
	flags := []string{"-input=false", "-no-color", "-compact-warnings", "-parallelism=" + strconv.Itoa(parallelism)}
	return command{dir: dir, label: label, watch: watch, args: slices.Concat(args[:1], flags, args[1:])}
}

// cmd is b.command counted, its log named label-<run>.
func (b *bench) cmd(dir, label, watch string, args ...string) func(int) result {
	return func(i int) result { return b.counted(b.command(dir, fmt.Sprintf("%s-%d", label, i), watch, args...)) }
}

// counted runs c with the emulator's counters zeroed: what the fleet saw.
func (b *bench) counted(c command) result {
	b.fleet.ResetCounters()
	c0 := b.fleet.conns.Load()
	r := b.run(c)
	to, flats := b.fleet.RequestsTo, fakepanel.FlatsPath
	r.counts = map[string]int{"GET": b.fleet.Requests("GET"), "POST": b.fleet.Requests("POST"),
		"conns": int(b.fleet.conns.Load() - c0), "in flight": b.fleet.MaxInFlightTotal(),
		"aggregate": to("GET", "intercom/gconfig"), "block": to("GET", "intercom/gconfig/*"), "method": to("GET", "intercom/dtmf/method"),
		"list GET": to("GET", flats), "list POST": to("POST", flats), "DELETE": to("DELETE", flats+"/*")}
	if r.changes {
		b.notes = append(b.notes, c.label+": a plan right after apply proposed changes (see its log with -keep)")
	}
	return r
}

func check(err error) {
	if err != nil {
		fatalf("%v", err)
	}
}

// writeFile writes the file and its directory, executable for the providers.
func writeFile(path, content string) string {
	check(os.MkdirAll(filepath.Dir(path), 0o755))
	check(os.WriteFile(path, []byte(content), 0o755))
	return path
}

// ws writes main.tf into a directory under the work directory.
func (b *bench) ws(mainTF string, path ...string) string {
	return filepath.Dir(writeFile(filepath.Join(b.work, filepath.Join(path...), "main.tf"), mainTF))
}

// workspace is a configuration's head: the provider's source and block.
func workspace(name, source, body string) string {
	return fmt.Sprintf("terraform {\n  required_providers {\n    %s = {\n      source = %q\n    }\n  }\n}\n\nprovider %q {\n%s}\n",
		name, source, name, body)
}
