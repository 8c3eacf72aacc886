package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// runs is how many times each timed plan runs; the median is reported,
// so one run disturbed by the machine does not move the number.
const runs = 3

// baselineRuns is how many times each plan of the baseline comparison
// runs. Its target is a 5% margin, finer than the others, so it gets more
// runs, interleaved (intercom, no-op, no-op untuned, in an order that
// rotates) so that a slow spell of the machine hits all three alike.
const baselineRuns = 5

// noopUntunedEnv=1 serves the no-op baseline without the intercom
// provider's tuning (see noop/main.go, which reads it).
const noopUntunedEnv = "FLEETBENCH_NOOP_UNTUNED"

// The SIP users of the create and update steps: the update step changes
// every resource through one variable.
const (
	userCreate = "bench-a"
	userUpdate = "bench-b"
)

type bench struct {
	tf          *runner
	fleet       *fakepanel.Server
	url         string
	conns       *atomic.Int64
	parallelism int
	seedAbove   int
	work        string
}

// requests is what the emulator saw during one command.
type requests struct{ get, post, conns int }

// sizeResult is everything measured for one fleet size.
type sizeResult struct {
	n, parallelism           int
	create, update           time.Duration // intercom applies, run once
	plan, planNoRefresh      time.Duration // medians
	planLatency              time.Duration // median, every answer 50 ms late
	dataApply, dataPlan      time.Duration // terraform_data: the engine's floor
	dataUpdate               time.Duration
	noop, noopUntuned        time.Duration // medians of the no-op baseline's plan -refresh=false
	noRefreshKB              int64         // the intercom provider's peak RSS over the -refresh=false plans
	noopKB, noopUntunedKB    int64         // the no-op provider's, tuned and untuned
	createReq, updateReq     requests
	refreshReq, noRefreshReq requests // the most seen in any one run
	latencyReq               requests
	inFlightLatency          int   // the fleet's peak of concurrent requests at 50 ms
	peakKB                   int64 // the provider's peak RSS over the refresh plans
	notes                    []string
}

func (b *bench) size(n int) sizeResult {
	r := sizeResult{n: n, parallelism: b.parallelism}
	dir := filepath.Join(b.work, "n"+strconv.Itoa(n))
	sip := filepath.Join(dir, "intercom")
	noop := filepath.Join(dir, "noop")
	data := filepath.Join(dir, "terraform_data")
	for _, d := range []string{sip, noop, data} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			fatalf("%v", err)
		}
	}
	writeFile(filepath.Join(sip, "main.tf"), intercomWorkspace(n, b.url))
	writeFile(filepath.Join(noop, "main.tf"), noopWorkspace(n, b.url))
	writeFile(filepath.Join(data, "main.tf"), terraformDataWorkspace(n))

	// Every plan and apply gets the same flags. -compact-warnings shortens
	// the dev_overrides warning Terraform repeats on every command;
	// -detailed-exitcode (plans only) tells a plan with changes apart.
	common := []string{"-input=false", "-no-color", "-compact-warnings", "-parallelism=" + strconv.Itoa(b.parallelism)}
	tf := func(dir, step, watch string, args ...string) outcome {
		return b.tf.run(dir, fmt.Sprintf("n%d-%s", n, step), watch, append(args, common...)...)
	}
	// planEnv is a plan in dir with extra environment variables; plan
	// without.
	planEnv := func(env []string, dir, step, user, watch string, extra ...string) func(int) outcome {
		return func(i int) outcome {
			args := append([]string{"plan", "-detailed-exitcode", "-var=sip_user=" + user}, extra...)
			return b.tf.runEnv(env, dir, fmt.Sprintf("n%d-%s-%d", n, step, i), watch, append(args, common...)...)
		}
	}
	plan := func(dir, step, user, watch string, extra ...string) func(int) outcome {
		return planEnv(nil, dir, step, user, watch, extra...)
	}

	progress("N=%d: create (apply)", n)
	o, q := b.counted(func() outcome { return tf(sip, "create", "", "apply", "-auto-approve", "-var=sip_user="+userCreate) })
	r.create, r.createReq = o.elapsed, q
	b.checkPanels(n, userCreate)

	progress("N=%d: plan ×%d", n, runs)
	r.plan, r.refreshReq, r.peakKB = b.plans(&r, plan(sip, "plan", userCreate, b.tf.providerExe))

	// The baseline: the same plan -refresh=false with a provider that does
	// nothing, in the same run, interleaved with this provider's.
	progress("N=%d: no-op baseline create (apply)", n)
	tf(noop, "noop-create", "", "apply", "-auto-approve", "-var=sip_user="+userCreate)
	progress("N=%d: plan -refresh=false ×%d each of intercom, no-op and no-op untuned, interleaved", n, baselineRuns)
	s := b.interleaved(&r, baselineRuns,
		plan(sip, "plan-norefresh", userCreate, b.tf.providerExe, "-refresh=false"),
		plan(noop, "noop-plan-norefresh", userCreate, b.tf.noopExe, "-refresh=false"),
		planEnv([]string{noopUntunedEnv + "=1"}, noop, "noop-untuned-plan-norefresh", userCreate, b.tf.noopExe, "-refresh=false"))
	r.planNoRefresh, r.noRefreshReq, r.noRefreshKB = s[0].median(), s[0].most, s[0].peakKB
	r.noop, r.noopKB = s[1].median(), s[1].peakKB
	r.noopUntuned, r.noopUntunedKB = s[2].median(), s[2].peakKB

	// -refresh=false: the update is measured alone, without the refresh
	// the plans above already timed.
	progress("N=%d: update (apply -refresh=false, new user)", n)
	o, q = b.counted(func() outcome {
		return tf(sip, "update", "", "apply", "-auto-approve", "-refresh=false", "-var=sip_user="+userUpdate)
	})
	r.update, r.updateReq = o.elapsed, q
	b.checkPanels(n, userUpdate)

	progress("N=%d: plan ×%d with %v latency", n, runs, latency)
	b.fleet.SetLatency(latency)
	latencyPlan := plan(sip, "plan-latency", userUpdate, "")
	r.planLatency, r.latencyReq, _ = b.plans(&r, func(i int) outcome {
		o := latencyPlan(i)
		r.inFlightLatency = max(r.inFlightLatency, b.fleet.MaxInFlightTotal())
		return o
	})
	b.fleet.SetLatency(0)

	// terraform_data is built into Terraform: its plan and apply are what
	// the engine costs with no provider process and no network at all.
	// Terraform 1.5.7 and 1.11 plan it without init, but init is run
	// anyway, as a user would: with no providers to install it creates
	// nothing and makes no network call, so it works offline.
	progress("N=%d: terraform_data init, apply, plan ×%d, update", n, runs)
	b.tf.run(data, fmt.Sprintf("n%d-data-init", n), "", "init", "-input=false", "-no-color")
	r.dataApply = tf(data, "data-apply", "", "apply", "-auto-approve", "-var=tag="+userCreate).elapsed
	r.dataPlan, _, _ = b.plans(&r, func(i int) outcome {
		return tf(data, "data-plan-"+strconv.Itoa(i), "", "plan", "-detailed-exitcode", "-var=tag="+userCreate)
	})
	r.dataUpdate = tf(data, "data-update", "", "apply", "-auto-approve", "-refresh=false", "-var=tag="+userUpdate).elapsed
	return r
}

// counted runs one command with the emulator's counters zeroed first, and
// returns what the fleet saw during it.
func (b *bench) counted(cmd func() outcome) (outcome, requests) {
	b.fleet.ResetCounters()
	c0 := b.conns.Load()
	o := cmd()
	return o, requests{
		get:   b.fleet.Requests("GET"),
		post:  b.fleet.Requests("POST"),
		conns: int(b.conns.Load() - c0),
	}
}

// series is what repeated runs of one command measured.
type series struct {
	times  []time.Duration
	most   requests // the most requests any one run made
	peakKB int64    // the watched provider's peak RSS over all runs
}

// add records one run. A plan that proposes changes right after an apply
// is not an error (the timing still counts) but it is an anomaly worth a
// note.
func (s *series) add(notes *[]string, what string, o outcome, q requests) {
	s.times = append(s.times, o.elapsed)
	s.most.get, s.most.post, s.most.conns = max(s.most.get, q.get), max(s.most.post, q.post), max(s.most.conns, q.conns)
	s.peakKB = max(s.peakKB, o.peakKB)
	if o.changes {
		*notes = append(*notes, what+": a plan right after apply proposed changes (see its log with -keep)")
	}
}

func (s *series) median() time.Duration {
	t := slices.Clone(s.times)
	slices.Sort(t)
	return t[len(t)/2]
}

// plans runs a plan `runs` times and returns the median time, the most
// requests any run made, and the provider's peak RSS over all runs.
func (b *bench) plans(r *sizeResult, cmd func(i int) outcome) (time.Duration, requests, int64) {
	var s series
	for i := range runs {
		o, req := b.counted(func() outcome { return cmd(i) })
		s.add(&r.notes, fmt.Sprintf("N=%d", r.n), o, req)
	}
	return s.median(), s.most, s.peakKB
}

// interleaved runs each command n times, taking turns, and starts each
// round with the next command so that none always runs first.
func (b *bench) interleaved(r *sizeResult, n int, cmds ...func(i int) outcome) []series {
	out := make([]series, len(cmds))
	for i := range n {
		for k := range cmds {
			j := (i + k) % len(cmds)
			o, req := b.counted(func() outcome { return cmds[j](i) })
			out[j].add(&r.notes, fmt.Sprintf("N=%d", r.n), o, req)
		}
	}
	return out
}

// checkPanels makes sure the applies reached every panel: a fast apply
// that wrote nothing would be a meaningless number.
func (b *bench) checkPanels(n int, user string) {
	wrong := 0
	for i := range n {
		if b.fleet.Panel(fmt.Sprintf("/panels/%d", i)).Config().User != user {
			wrong++
		}
	}
	if wrong > 0 {
		fatalf("N=%d: %d of %d panels do not hold SIP user %q after apply", n, wrong, n, user)
	}
}

// intercomWorkspace is N panels of one fleet behind the emulator, one
// resource each. The user comes from a variable so that the update step
// changes every resource at once; the password differs per panel, as it
// would in a real fleet.
func intercomWorkspace(n int, url string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

# Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD.
provider "intercom" {}

variable "sip_user" {
  type = string
}

resource "intercom_sip_config" "panel" {
  count = %d

  address  = "%s/panels/${count.index}"
  user     = var.sip_user
  domain   = "pbx.example.net"
  password = "sip-pw-${count.index}"
}
`, n, url)
}

// noopWorkspace is intercomWorkspace with the no-op baseline provider:
// the same attributes set to the same values.
func noopWorkspace(n int, url string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    noop = {
      source = "fleetbench/noop"
    }
  }
}

provider "noop" {}

variable "sip_user" {
  type = string
}

resource "noop_sip_config" "panel" {
  count = %d

  address  = "%s/panels/${count.index}"
  user     = var.sip_user
  domain   = "pbx.example.net"
  password = "sip-pw-${count.index}"
}
`, n, url)
}

// terraformDataWorkspace is the same count of resources with no provider;
// var.tag changes all of them at once, as sip_user does.
func terraformDataWorkspace(n int) string {
	return fmt.Sprintf(`variable "tag" {
  type = string
}

resource "terraform_data" "panel" {
  count = %d

  input = "${var.tag}-panel-${count.index}"
}
`, n)
}
