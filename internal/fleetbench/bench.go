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
	data := filepath.Join(dir, "terraform_data")
	for _, d := range []string{sip, data} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			fatalf("%v", err)
		}
	}
	writeFile(filepath.Join(sip, "main.tf"), intercomWorkspace(n, b.url))
	writeFile(filepath.Join(data, "main.tf"), terraformDataWorkspace(n))

	// Every plan and apply gets the same flags. -compact-warnings shortens
	// the dev_overrides warning Terraform repeats on every command;
	// -detailed-exitcode (plans only) tells a plan with changes apart.
	common := []string{"-input=false", "-no-color", "-compact-warnings", "-parallelism=" + strconv.Itoa(b.parallelism)}
	tf := func(dir, step string, watchRSS bool, args ...string) outcome {
		return b.tf.run(dir, fmt.Sprintf("n%d-%s", n, step), watchRSS, append(args, common...)...)
	}
	plan := func(step, user string, watchRSS bool, extra ...string) func(int) outcome {
		return func(i int) outcome {
			args := append([]string{"plan", "-detailed-exitcode", "-var=sip_user=" + user}, extra...)
			return tf(sip, step+"-"+strconv.Itoa(i), watchRSS, args...)
		}
	}

	progress("N=%d: create (apply)", n)
	o, q := b.counted(func() outcome { return tf(sip, "create", false, "apply", "-auto-approve", "-var=sip_user="+userCreate) })
	r.create, r.createReq = o.elapsed, q
	b.checkPanels(n, userCreate)

	progress("N=%d: plan ×%d", n, runs)
	r.plan, r.refreshReq, r.peakKB = b.plans(&r, plan("plan", userCreate, true))

	progress("N=%d: plan -refresh=false ×%d", n, runs)
	r.planNoRefresh, r.noRefreshReq, _ = b.plans(&r, plan("plan-norefresh", userCreate, false, "-refresh=false"))

	// -refresh=false: the update is measured alone, without the refresh
	// the plans above already timed.
	progress("N=%d: update (apply -refresh=false, new user)", n)
	o, q = b.counted(func() outcome {
		return tf(sip, "update", false, "apply", "-auto-approve", "-refresh=false", "-var=sip_user="+userUpdate)
	})
	r.update, r.updateReq = o.elapsed, q
	b.checkPanels(n, userUpdate)

	progress("N=%d: plan ×%d with %v latency", n, runs, latency)
	b.fleet.SetLatency(latency)
	latencyPlan := plan("plan-latency", userUpdate, false)
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
	b.tf.run(data, fmt.Sprintf("n%d-data-init", n), false, "init", "-input=false", "-no-color")
	r.dataApply = tf(data, "data-apply", false, "apply", "-auto-approve", "-var=tag="+userCreate).elapsed
	r.dataPlan, _, _ = b.plans(&r, func(i int) outcome {
		return tf(data, "data-plan-"+strconv.Itoa(i), false, "plan", "-detailed-exitcode", "-var=tag="+userCreate)
	})
	r.dataUpdate = tf(data, "data-update", false, "apply", "-auto-approve", "-refresh=false", "-var=tag="+userUpdate).elapsed
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

// plans runs a plan `runs` times and returns the median time, the most
// requests any run made, and the provider's peak RSS over all runs. A
// plan that proposes changes right after an apply is not an error (the
// timing still counts) but it is an anomaly worth a note.
func (b *bench) plans(r *sizeResult, cmd func(i int) outcome) (time.Duration, requests, int64) {
	var times []time.Duration
	var most requests
	var peak int64
	for i := range runs {
		o, req := b.counted(func() outcome { return cmd(i) })
		times = append(times, o.elapsed)
		most.get, most.post, most.conns = max(most.get, req.get), max(most.post, req.post), max(most.conns, req.conns)
		peak = max(peak, o.peakKB)
		if o.changes {
			r.notes = append(r.notes, fmt.Sprintf("N=%d: a plan right after apply proposed changes (see its log with -keep)", r.n))
		}
	}
	slices.Sort(times)
	return times[len(times)/2], most, peak
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
