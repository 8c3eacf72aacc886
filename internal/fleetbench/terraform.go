package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// runner runs the Terraform CLI the same way for every command: one
// environment, one CLI configuration, output kept in a log per command.
type runner struct {
	bin         string
	providerExe string // terraform-provider-intercom
	noopExe     string // the baseline, terraform-provider-noop
	env         []string
	logDir      string
	profileDir  string
}

func newRunner(bin, providerExe, noopExe, work, profileDir string) *runner {
	cliConfig := filepath.Join(work, "cli.tfrc")
	// dev_overrides use the provider built by `make build`, and the no-op
	// baseline built by this program, with no `terraform init` and no
	// registry: the machine may be offline.
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n    %q = %q\n  }\n  direct {}\n}\n",
		"domofon/intercom", filepath.Dir(providerExe), "fleetbench/noop", filepath.Dir(noopExe))
	writeFile(cliConfig, rc)
	logDir := filepath.Join(work, "logs")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		fatalf("%v", err)
	}
	return &runner{bin: bin, providerExe: providerExe, noopExe: noopExe, env: cleanEnv(cliConfig), logDir: logDir, profileDir: profileDir}
}

// cleanEnv is this process's environment without whatever would change
// what is measured: logging (TF_LOG* makes the provider and the engine
// write every RPC), extra CLI arguments, variables, workspaces, another
// CLI configuration, INTERCOM_* provider settings such as retries or
// concurrency, Go's collector settings (GOGC and GOMEMLIMIT: both
// providers tune their own, and Terraform would take them too), and the
// no-op baseline's FLEETBENCH_* switch. CHECKPOINT_DISABLE keeps Terraform
// from calling home, which on an offline machine could stall a command.
func cleanEnv(cliConfig string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "TF_LOG"), strings.HasPrefix(name, "TF_CLI_"), strings.HasPrefix(name, "TF_VAR_"),
			strings.HasPrefix(name, "INTERCOM_"), name == "TF_WORKSPACE", name == "TF_DATA_DIR",
			name == "TF_REATTACH_PROVIDERS", name == "TF_PROVIDER_CPUPROFILE", name == "TF_INPUT",
			name == "TF_IN_AUTOMATION", name == "CHECKPOINT_DISABLE",
			name == "GOGC", name == "GOMEMLIMIT", strings.HasPrefix(name, "FLEETBENCH_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"INTERCOM_USERNAME="+adminUser,
		"INTERCOM_PASSWORD="+adminPass,
	)
}

// outcome is one finished command.
type outcome struct {
	elapsed time.Duration
	changes bool  // a plan with -detailed-exitcode planned changes (exit 2)
	peakKB  int64 // the provider's peak RSS, when it was watched
	// providerCPU is the CPU time of the watched provider's processes.
	providerCPU time.Duration
	out         string
	// killed: the command ran out of its time limit (runCapped) and was
	// stopped, with the provider it started; elapsed is then the limit.
	killed bool
	// failed: the command failed and the caller tolerates it (runCapped);
	// the first error Terraform printed, on one line.
	failed string
}

// run runs terraform in dir and returns when it has exited. label names
// the command's log (and CPU profile). When watch names a provider
// executable (r.providerExe or r.noopExe), that provider's peak memory is
// sampled while it runs. Any failure ends the program with the command's
// output: a benchmark of a failing command means nothing.
func (r *runner) run(dir, label, watch string, args ...string) outcome {
	return r.runEnv(nil, dir, label, watch, args...)
}

// runEnv is run with extra environment variables for Terraform and the
// providers it starts.
func (r *runner) runEnv(extraEnv []string, dir, label, watch string, args ...string) outcome {
	return r.runCapped(extraEnv, dir, label, watch, 0, false, args...)
}

// runCapped is runEnv with a time limit (none when limit is 0). A command
// that runs out of it is killed with its whole process group, the
// provider included, and comes back with killed set instead of ending
// the program: a size too big to finish is a result, not a failure. With
// tolerate, a failing command comes back with failed set too.
func (r *runner) runCapped(extraEnv []string, dir, label, watch string, limit time.Duration, tolerate bool, args ...string) outcome {
	ctx, cancel := context.Background(), context.CancelFunc(func() {})
	if limit > 0 {
		ctx, cancel = context.WithTimeout(ctx, limit)
	}
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, args...)
	if limit > 0 {
		// A group of its own, so that the kill reaches the provider too;
		// the group's id is terraform's pid, which this program started.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
		cmd.WaitDelay = 10 * time.Second
	}
	cmd.Dir = dir
	cmd.Env = append(r.env[:len(r.env):len(r.env)], extraEnv...)
	if r.profileDir != "" {
		cmd.Env = append(cmd.Env, "TF_PROVIDER_CPUPROFILE="+filepath.Join(r.profileDir, label+".pprof"))
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out

	start := time.Now()
	if err := cmd.Start(); err != nil {
		fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	var w *rssWatch
	if watch != "" {
		w = watchProviderRSS(cmd.Process.Pid, watch)
	}
	err := cmd.Wait()
	o := outcome{elapsed: time.Since(start), out: out.String()}
	if w != nil {
		use := w.stop()
		o.peakKB, o.providerCPU = use.peakKB, use.cpu
	}

	writeFile(filepath.Join(r.logDir, label+".log"), "$ terraform "+strings.Join(args, " ")+"\n"+out.String())
	if limit > 0 && ctx.Err() != nil {
		o.killed, o.elapsed = true, limit
		return o
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 2 && hasArg(args, "-detailed-exitcode") {
		o.changes = true
		err = nil
	}
	if err != nil && tolerate {
		o.failed = firstError(o.out)
		if o.failed == "" {
			o.failed = err.Error()
		}
		return o
	}
	if err != nil {
		os.Stderr.Write(out.Bytes())
		fatalf("terraform %s in %s failed: %v", strings.Join(args, " "), dir, err)
	}
	return o
}

// firstError is the first error in Terraform's human output, on one line:
// its summary and the first paragraph of its detail, which follows the
// indented lines that name the configuration.
func firstError(out string) string {
	_, rest, ok := strings.Cut(out, "Error: ")
	if !ok {
		return ""
	}
	lines := strings.Split(rest, "\n")
	msg := []string{strings.TrimSpace(lines[0])}
	started := false
	for _, l := range lines[1:] {
		switch {
		case strings.TrimSpace(l) == "" && started:
			return strings.Join(msg, " ")
		case strings.TrimSpace(l) == "", strings.HasPrefix(l, " "), strings.HasPrefix(l, "│ "):
			continue
		default:
			started = true
			msg = append(msg, strings.TrimSpace(l))
		}
	}
	return strings.Join(msg, " ")
}

// output runs a quick command whose output is all that matters.
func (r *runner) output(dir string, args ...string) string {
	cmd := exec.CommandContext(context.Background(), r.bin, args...)
	cmd.Dir = dir
	cmd.Env = r.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		fatalf("terraform %s failed: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

func hasArg(args []string, a string) bool {
	for _, x := range args {
		if x == a {
			return true
		}
	}
	return false
}

func writeFile(path, content string) {
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		fatalf("%v", err)
	}
}
