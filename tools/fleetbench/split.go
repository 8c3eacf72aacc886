package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The split fleet: N panels of examples/sites/modules/panel (SIP, timeouts
// and NTP: three resources each), as one state and as S states of N/S
// panels of which C run at once, as a CI runs one job per site. Each
// layout gets panels of its own (/split-<S>x<N/S>/<i>), is applied
// (create) and then planned, and reports its wall time, each state's
// times, the peak memory of Terraform and of the provider in any one
// command, and its largest state file.

// splitLayout is one way of cutting the fleet: states of per panels each,
// at most parallel of them running at once.
type splitLayout struct {
	states, per, parallel int
}

// splitWorkspace is one state: the panels from lo to hi-1 through the
// module, keyed by address as examples/sites keys them.
func splitWorkspace(module, url, prefix string, lo, hi int) string {
	var sb strings.Builder
	sb.WriteString(workspace("intercom", "domofon/intercom", "") + "\nlocals {\n  panels = [\n")
	for i := lo; i < hi; i++ {
		fmt.Fprintf(&sb, "    %q,\n", url+prefix+strconv.Itoa(i))
	}
	fmt.Fprintf(&sb, `  ]
}

module "panel" {
  source   = %q
  for_each = toset(local.panels)

  panel = {
    address  = each.value
    sip_user = "split-${basename(each.value)}"
  }
  secrets = {
    sip_password = "sip-pw-${basename(each.value)}"
  }
}
`, module)
	return sb.String()
}

// splitRun is what one layout measured.
type splitRun struct {
	layout                  splitLayout
	apply, plan             time.Duration // wall time of all states
	applies, plans          []time.Duration
	terraformKB, providerKB int64 // the most any one command used
	stateBytes              int64 // the largest state file
}

func (b *bench) split() {
	if b.splitPanels%b.splitStates != 0 {
		fatalf("-split-panels (%d) must be a multiple of -split-states (%d)", b.splitPanels, b.splitStates)
	}
	module := mkdir(b.work, "modules", "panel")
	for _, f := range []string{"main.tf", "variables.tf", "outputs.tf"} {
		data, err := os.ReadFile(filepath.Join(b.panelModule, f))
		if err != nil {
			fatalf("-panel-module: %v", err)
		}
		writeFile(filepath.Join(module, f), string(data))
	}
	layouts := []splitLayout{{states: b.splitStates, per: b.splitPanels / b.splitStates, parallel: b.splitParallel}}
	if b.splitOne {
		layouts = slices.Insert(layouts, 0, splitLayout{states: 1, per: b.splitPanels, parallel: 1})
	}
	var rows [][]string
	for _, l := range layouts {
		r := b.splitLayout(module, l)
		slices.Sort(r.applies)
		slices.Sort(r.plans)
		rows = append(rows, cells(fmt.Sprintf("%d × %d panels", l.states, l.per), l.parallel, 3*l.per,
			r.apply, r.plan, r.applies[len(r.applies)/2], r.applies[len(r.applies)-1], r.plans[len(r.plans)/2], r.plans[len(r.plans)-1],
			mb(r.terraformKB), mb(r.providerKB), fmt.Sprintf("%.2f", float64(r.stateBytes)/(1<<20))))
	}
	b.table(fmt.Sprintf("One state against %d: %d panels of modules/panel (%d resources)", b.splitStates, b.splitPanels, 3*b.splitPanels),
		strings.Split("states|at once|resources per state|apply, all (s)|plan, all (s)|apply per state, median (s)|slowest (s)|plan per state, median (s)|slowest (s)|Terraform peak RSS MB|provider peak RSS MB|largest state MB", "|"), rows)
}

// splitLayout writes, applies and plans the states of one layout, each
// against panels of its own.
func (b *bench) splitLayout(module string, l splitLayout) splitRun {
	name := fmt.Sprintf("split-%dx%d", l.states, l.per)
	base := mkdir(b.work, name)
	dirs := make([]string, l.states)
	for s := range dirs {
		dirs[s] = mkdir(base, fmt.Sprintf("state%02d", s))
		rel, _ := filepath.Rel(dirs[s], module)
		writeFile(filepath.Join(dirs[s], "main.tf"), splitWorkspace(filepath.ToSlash(rel), b.fleet.url, "/"+name+"/", s*l.per, (s+1)*l.per))
		b.tf.run(command{dir: dirs[s], label: fmt.Sprintf("%s-%02d-get", name, s), args: []string{"get", "-no-color"}})
	}
	r := splitRun{layout: l}
	var mu sync.Mutex
	// each runs one command in every state, l.parallel at a time, and
	// returns the wall time of them all.
	each := func(step string, args ...string) (time.Duration, []time.Duration) {
		times := make([]time.Duration, l.states)
		next := make(chan int)
		var wg sync.WaitGroup
		start := time.Now()
		for range l.parallel {
			wg.Go(func() {
				for s := range next {
					res := b.tf.run(command{dir: dirs[s], label: fmt.Sprintf("%s-%02d-%s", name, s, step), watch: b.provider,
						args: slices.Concat(args, b.flags())})
					mu.Lock()
					times[s] = res.elapsed
					r.providerKB, r.terraformKB = max(r.providerKB, res.peakKB), max(r.terraformKB, res.terraformKB)
					if res.changes {
						b.notes = append(b.notes, fmt.Sprintf("%s: state %d's plan after apply proposed changes", name, s))
					}
					mu.Unlock()
				}
			})
		}
		for s := range dirs {
			next <- s
		}
		close(next)
		wg.Wait()
		return time.Since(start), times
	}
	progress("%d panels as %d states of %d, %d at a time: apply", l.states*l.per, l.states, l.per, l.parallel)
	r.apply, r.applies = each("apply", "apply", "-auto-approve")
	b.checkSplit(name, l.states*l.per)
	progress("%d panels as %d states of %d, %d at a time: plan", l.states*l.per, l.states, l.per, l.parallel)
	r.plan, r.plans = each("plan", "plan", "-detailed-exitcode")
	for _, d := range dirs {
		if st, err := os.Stat(filepath.Join(d, "terraform.tfstate")); err == nil {
			r.stateBytes = max(r.stateBytes, st.Size())
		}
	}
	return r
}

// checkSplit makes sure the applies reached every panel of the layout.
func (b *bench) checkSplit(name string, n int) {
	for i := range n {
		if got := b.fleet.Panel("/" + name + "/" + strconv.Itoa(i)).Config().User; got != "split-"+strconv.Itoa(i) {
			fatalf("%s: panel %d holds SIP user %q after apply", name, i, got)
		}
	}
}
