package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The whole-panel fleet: N panels, each with the eight resources whose
// blocks GET intercom/gconfig answers at once. On a refresh they share one
// such GET per panel (internal/client/aggregate.go); this fleet measures
// that, the plan's time on slow panels, and the provider's memory with
// eight thousand resources.

// aggregatePath is the gconfig aggregate, without the leading slash as
// RequestsTo takes it.
const aggregatePath = "intercom/gconfig"

// gconfigResource is one resource of a whole panel: the attributes the
// fleet sets, and the API paths its block lives at (for intercom_dtmf,
// also intercom/dtmf/method, which is not part of the aggregate).
type gconfigResource struct {
	typeName string
	attrs    string
	paths    []string
}

// gconfigResources sets, in each resource, values other than the
// panel's factory ones where the emulator accepts them, so that a create
// that wrote nothing would show.
var gconfigResources = []gconfigResource{
	{"intercom_timeouts", "door_open_ms = 7000\n  call_ms = 30000\n  talk_ms = 120000",
		[]string{"intercom/gconfig/timeouts"}},
	{"intercom_volume", "panel_volume = 60\n  line_volume = 40\n  microphone_gain = 3\n  speaker_gain = 2",
		[]string{"intercom/gconfig/volume"}},
	{"intercom_special_modes", "permanent_lock_open = 0\n  all_keys_open = 0",
		[]string{"intercom/gconfig/special_modes"}},
	{"intercom_line_levels", "break_level = 3400",
		[]string{"intercom/gconfig/line_state_levels"}},
	{"intercom_service_codes", "open_door_code = \"12345\"\n  auto_enroll_code = \"041807\"\n  test_menu_code = \"581427\"",
		[]string{"intercom/gconfig/default_codes"}},
	{"intercom_dtmf", "open_door_code = \"24680\"\n  method = \"sip-info\"",
		[]string{"intercom/gconfig/dtmf_codes", "intercom/dtmf/method"}},
	{"intercom_display_texts", "idle = \"ДОБРО ПОЖАЛОВАТЬ\"\n  call = \"ВЫЗОВ\"\n  talk = \"ГОВОРИТЕ\"\n  open = \"ОТКРЫТО\"",
		[]string{"intercom/gconfig/text"}},
	{"intercom_heating", "heat_on_temperature = -25\n  heat_off_temperature = -15",
		[]string{"intercom/gconfig/ip_block"}},
}

// wholePanelPrefix is where panel i of this fleet is served: apart from
// the SIP fleet's /panels/i.
func wholePanelPrefix(i int) string { return "/whole/" + strconv.Itoa(i) }

// fetches is what one refresh asked the fleet for.
type fetches struct {
	aggregate int // GET intercom/gconfig
	block     int // GET of a gconfig block's own path: zero when every read went through the aggregate
	method    int // GET intercom/dtmf/method, intercom_dtmf's second object, which the aggregate does not carry
	get, post int // all of them
}

func (f fetches) most(g fetches) fetches {
	return fetches{max(f.aggregate, g.aggregate), max(f.block, g.block), max(f.method, g.method), max(f.get, g.get), max(f.post, g.post)}
}

// panelResult is everything measured for one size of the whole-panel
// fleet.
type panelResult struct {
	n, parallelism               int
	create                       time.Duration // one run; zero when seeded
	seeded                       bool          // the state was copied from one panel's apply, not applied
	createReq                    requests
	plan, planNoRefresh          time.Duration // medians
	planLatency                  time.Duration // median, every answer 50 ms late
	refresh, noRefresh, latencyF fetches       // the most seen in any one run
	inFlightLatency              int
	peakKB                       int64 // the provider's peak RSS over the refresh plans
	notes                        []string
}

func (r panelResult) resources() int { return r.n * len(gconfigResources) }

// floor is N × 50 ms ÷ P: one 50 ms request per panel, P at a time.
func (r panelResult) floor() time.Duration {
	return time.Duration(r.n) * latency / time.Duration(r.parallelism)
}

func (r panelResult) latencyRatio() float64 { return r.planLatency.Seconds() / r.floor().Seconds() }

// addedRatio is the time the latency added over the floor.
func (r panelResult) addedRatio() float64 {
	return (r.planLatency - r.plan).Seconds() / r.floor().Seconds()
}

func (b *bench) wholePanels(n int) panelResult {
	r := panelResult{n: n, parallelism: b.parallelism}
	dir := filepath.Join(b.work, "panels"+strconv.Itoa(n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatalf("%v", err)
	}
	writeFile(filepath.Join(dir, "main.tf"), wholePanelWorkspace(n, b.url))
	common := []string{"-input=false", "-no-color", "-compact-warnings", "-parallelism=" + strconv.Itoa(b.parallelism)}
	tf := func(step, watch string, args ...string) outcome {
		return b.tf.run(dir, fmt.Sprintf("panels%d-%s", n, step), watch, append(args, common...)...)
	}
	what := fmt.Sprintf("%d whole panels", n)
	plans := func(step, watch string, extra ...string) (time.Duration, fetches, int64) {
		var s series
		var most fetches
		for i := range runs {
			o, q := b.counted(func() outcome {
				return tf(step+"-"+strconv.Itoa(i), watch, append([]string{"plan", "-detailed-exitcode"}, extra...)...)
			})
			s.add(&r.notes, what, o, q)
			most = most.most(b.fetches())
			if step == "plan-latency" {
				r.inFlightLatency = max(r.inFlightLatency, b.fleet.MaxInFlightTotal())
			}
		}
		return s.median(), most, s.peakKB
	}

	if b.seedAbove > 0 && n > b.seedAbove {
		progress("%s (%d resources): state copied from one panel's apply", what, r.resources())
		b.seedWholePanels(n, dir)
		r.seeded = true
	} else {
		progress("%s (%d resources): create (apply)", what, r.resources())
		o, q := b.counted(func() outcome { return tf("create", "", "apply", "-auto-approve") })
		r.create, r.createReq = o.elapsed, q
		b.checkWholePanels(0, n)
	}

	progress("%s: plan ×%d", what, runs)
	r.plan, r.refresh, r.peakKB = plans("plan", b.tf.providerExe)
	// A copied state must be what an apply would have left: the refresh
	// plans compare it with the panels and the configuration.
	if r.seeded && len(r.notes) > 0 {
		fatalf("%s: the plan after copying the state proposed changes, so the copy is not what an apply leaves", what)
	}

	progress("%s: plan -refresh=false ×%d", what, runs)
	r.planNoRefresh, r.noRefresh, _ = plans("plan-norefresh", "", "-refresh=false")

	progress("%s: plan ×%d with %v latency", what, runs, latency)
	b.fleet.SetLatency(latency)
	r.planLatency, r.latencyF, _ = plans("plan-latency", "")
	b.fleet.SetLatency(0)
	return r
}

// fetches reads the emulator's counters since the last reset.
func (b *bench) fetches() fetches {
	f := fetches{
		aggregate: b.fleet.RequestsTo("GET", aggregatePath),
		method:    b.fleet.RequestsTo("GET", "intercom/dtmf/method"),
		get:       b.fleet.Requests("GET"),
		post:      b.fleet.Requests("POST"),
	}
	for _, res := range gconfigResources {
		for _, p := range res.paths {
			if strings.HasPrefix(p, aggregatePath+"/") {
				f.block += b.fleet.RequestsTo("GET", p)
			}
		}
	}
	return f
}

// checkWholePanels makes sure the create wrote every object of panels
// from to n-1: a fast apply that wrote nothing would be a meaningless
// number. The counters still hold the create's requests.
func (b *bench) checkWholePanels(from, n int) {
	var missing []string
	for i := from; i < n; i++ {
		p := b.fleet.Panel(wholePanelPrefix(i))
		for _, res := range gconfigResources {
			for _, path := range res.paths {
				if p.RequestsTo("POST", path) == 0 {
					missing = append(missing, fmt.Sprintf("%s of panel %d", path, i))
				}
			}
		}
	}
	if len(missing) > 0 {
		fatalf("%d whole panels: the create wrote no %s (%d objects missed in all)", n, missing[0], len(missing))
	}
	if got := b.fleet.Panel(wholePanelPrefix(n - 1)).Block("intercom/gconfig/timeouts")["iTimeoutMsHoldOpenDoorLock"]; fmt.Sprint(got) != "7000" {
		fatalf("%d whole panels: panel %d holds door_open_ms %v after the create, not 7000", n, n-1, got)
	}
}

// wholePanelWorkspace is N panels with every gconfig resource each.
func wholePanelWorkspace(n int, url string) string {
	var sb strings.Builder
	sb.WriteString(`terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

# Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD.
provider "intercom" {}
`)
	for _, res := range gconfigResources {
		fmt.Fprintf(&sb, `
resource %q "panel" {
  count = %d

  address = "%s/whole/${count.index}"
  %s
}
`, res.typeName, n, url, res.attrs)
	}
	return sb.String()
}

// seedWholePanels gives the workspace in dir the state an apply of n whole
// panels would leave, without the apply: Terraform rewrites the whole
// state file after every resource it applies, so an apply of 8000
// resources takes a quarter of an hour and tells nothing the smaller
// fleets' creates do not. One panel is applied for real, in a workspace of
// its own; its state is copied to every index, with each panel's address,
// and the emulator's panels get its settings. The first plan then checks
// that the copy is exact.
func (b *bench) seedWholePanels(n int, dir string) {
	seed := filepath.Join(b.work, "panels-seed")
	state := filepath.Join(seed, "terraform.tfstate")
	if _, err := os.Stat(state); err != nil {
		if err := os.MkdirAll(seed, 0o755); err != nil {
			fatalf("%v", err)
		}
		writeFile(filepath.Join(seed, "main.tf"), wholePanelWorkspace(1, b.url))
		b.fleet.ResetCounters()
		b.tf.run(seed, "panels-seed-create", "", "apply", "-auto-approve", "-input=false", "-no-color", "-compact-warnings")
		b.checkWholePanels(0, 1)
	}
	raw, err := os.ReadFile(state)
	if err != nil {
		fatalf("%v", err)
	}
	var st map[string]any
	if err := decodeJSON(raw, &st); err != nil {
		fatalf("%s: %v", state, err)
	}
	resources, _ := st["resources"].([]any)
	for _, res := range resources {
		m, _ := res.(map[string]any)
		insts, _ := m["instances"].([]any)
		if len(insts) != 1 {
			fatalf("%s: %v has %d instances, not 1", state, m["type"], len(insts))
		}
		one, _ := json.Marshal(insts[0])
		copies := make([]any, n)
		for i := range n {
			var inst map[string]any
			_ = decodeJSON(one, &inst)
			inst["index_key"] = i
			attrs, _ := inst["attributes"].(map[string]any)
			for _, k := range []string{"address", "id"} {
				v, _ := attrs[k].(string)
				if !strings.HasSuffix(v, wholePanelPrefix(0)) {
					fatalf("%s: %v %s is %q, not panel 0's", state, m["type"], k, v)
				}
				attrs[k] = strings.TrimSuffix(v, wholePanelPrefix(0)) + wholePanelPrefix(i)
			}
			copies[i] = inst
		}
		m["instances"] = copies
	}
	out, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		fatalf("%v", err)
	}
	writeFile(filepath.Join(dir, "terraform.tfstate"), string(out))

	first := b.fleet.Panel(wholePanelPrefix(0))
	for _, res := range gconfigResources {
		for _, path := range res.paths {
			v := first.Block(path)
			for i := 1; i < n; i++ {
				b.fleet.Panel(wholePanelPrefix(i)).SetBlock(path, v)
			}
		}
	}
}

// decodeJSON keeps numbers as written, so copying a state changes none.
func decodeJSON(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}
