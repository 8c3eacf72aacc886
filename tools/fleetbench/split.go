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

// The split fleet: N panels of examples/sites/modules/panel (three
// resources each) as one state and as S states run C at a time, as a CI runs
// one job per site, each layout on panels of its own. panelModule is seen
// from tools/fleetbench, where make bench runs; it is copied, as the
// providers are, so that an edit during a run changes nothing.
const panelModule = "../../examples/sites/modules/panel"

// splitWorkspace is one state: the panels from lo to hi-1 through the
// module's copy two directories up, keyed by address as examples/sites does.
func splitWorkspace(url, prefix string, lo, hi int) string {
	var panels []string
	for i := lo; i < hi; i++ {
		panels = append(panels, strconv.Quote(url+prefix+strconv.Itoa(i)))
	}
	return workspace("intercom", "domofon/intercom", "") + fmt.Sprintf(`
module "panel" {
  source   = "../../modules/panel"
  for_each = toset([%s])

  panel = {
    address  = each.value
    sip_user = "split-${basename(each.value)}"
  }
  secrets = {
    sip_password = "sip-pw-${basename(each.value)}"
  }
}
`, strings.Join(panels, ", "))
}

func (b *bench) split() {
	if b.splitStates < 1 || b.splitParallel < 1 || b.splitPanels%b.splitStates != 0 {
		fatalf("-split-panels (%d) must be a multiple of -split-states (%d), and -split-parallel (%d) at least 1",
			b.splitPanels, b.splitStates, b.splitParallel)
	}
	check(os.CopyFS(filepath.Join(b.work, "modules", "panel"), os.DirFS(panelModule)))
	var rows [][]string
	if b.splitOne {
		rows = append(rows, b.splitLayout(1, 1))
	}
	rows = append(rows, b.splitLayout(b.splitStates, b.splitParallel))
	b.table(fmt.Sprintf("One state against %d: %s panels of modules/panel", b.splitStates, grouped(b.splitPanels)),
		"panels|states|at once|resources per state|apply, all (s)|plan, all (s)|apply per state, median / slowest (s)|"+
			"plan per state, median / slowest (s)|Terraform peak RSS MB|provider peak RSS MB|largest state MB", rows)
}

// splitLayout applies and plans the fleet as states workspaces, parallel
// at a time, and returns its row of the table.
func (b *bench) splitLayout(states, parallel int) []string {
	per := b.splitPanels / states
	name := fmt.Sprintf("split-%dx%d", states, per)
	dirs := make([]string, states)
	for s := range dirs {
		dirs[s] = b.ws(splitWorkspace(b.fleet.url, "/"+name+"/", s*per, (s+1)*per), name, fmt.Sprintf("state%02d", s))
		b.run(command{dir: dirs[s], label: fmt.Sprintf("%s-%02d-get", name, s), args: []string{"get", "-no-color"}})
	}
	var mu sync.Mutex
	var terraformKB, providerKB, stateBytes int64
	// each runs one command in every state and returns the wall time of
	// them all and the median and slowest state's time.
	each := func(args ...string) (string, string) {
		times, slots := make([]time.Duration, states), make(chan struct{}, parallel)
		var wg sync.WaitGroup
		start := time.Now()
		for s := range dirs {
			slots <- struct{}{}
			wg.Go(func() {
				defer func() { <-slots }()
				r := b.run(b.command(dirs[s], fmt.Sprintf("%s-%02d-%s", name, s, args[0]), b.provider, args...))
				mu.Lock()
				defer mu.Unlock()
				times[s], providerKB, terraformKB = r.elapsed, max(providerKB, r.peakKB), max(terraformKB, r.terraformKB)
				if st, err := os.Stat(filepath.Join(dirs[s], "terraform.tfstate")); err == nil {
					stateBytes = max(stateBytes, st.Size())
				}
				if r.changes {
					b.notes = append(b.notes, fmt.Sprintf("%s: state %d's plan after apply proposed changes", name, s))
				}
			})
		}
		wg.Wait()
		all, cell := time.Since(start), secs1(slices.Max(times))
		if states > 1 {
			cell = secs1(slices.Sorted(slices.Values(times))[states/2]) + " / " + cell
		}
		return secs1(all), cell
	}
	apply, applies := each("apply", "-auto-approve")
	plan, plans := each("plan", "-detailed-exitcode")
	return []string{grouped(b.splitPanels), strconv.Itoa(states), strconv.Itoa(parallel), grouped(3 * per), apply, plan, applies, plans,
		mb(terraformKB), mb(providerKB), fmt.Sprintf("%.2f", float64(stateBytes)/(1<<20))}
}

func secs1(d time.Duration) string { return fmt.Sprintf("%.1f", d.Seconds()) }

// grouped is n with its thousands set off by commas, as the guides write it.
func grouped(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
