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
// blocks one GET intercom/gconfig answers; a refresh should share that GET
// per panel.

// gconfigResources are the eight, with values other than the factory
// ones, and the paths their objects live at (intercom_dtmf's method is not
// part of the aggregate).
var gconfigResources = []struct{ typeName, attrs string }{
	{"intercom_timeouts", "door_open_ms = 7000\n  call_ms = 30000\n  talk_ms = 120000"},
	{"intercom_volume", "panel_volume = 60\n  line_volume = 40\n  microphone_gain = 3\n  speaker_gain = 2"},
	{"intercom_special_modes", "permanent_lock_open = 0\n  all_keys_open = 0"},
	{"intercom_line_levels", "break_level = 3400"},
	{"intercom_service_codes", "open_door_code = \"12345\"\n  auto_enroll_code = \"041807\"\n  test_menu_code = \"581427\""},
	{"intercom_dtmf", "open_door_code = \"24680\"\n  method = \"sip-info\""},
	{"intercom_display_texts", "idle = \"ДОБРО ПОЖАЛОВАТЬ\"\n  call = \"ВЫЗОВ\"\n  talk = \"ГОВОРИТЕ\"\n  open = \"ОТКРЫТО\""},
	{"intercom_heating", "heat_on_temperature = -25\n  heat_off_temperature = -15"},
}

var gconfigPaths = strings.Split("intercom/gconfig/timeouts|intercom/gconfig/volume|intercom/gconfig/special_modes|intercom/gconfig/line_state_levels|intercom/gconfig/default_codes|intercom/gconfig/dtmf_codes|intercom/gconfig/text|intercom/gconfig/ip_block|intercom/dtmf/method", "|")

func wholePanelWorkspace(n int, url string) string {
	var sb strings.Builder
	sb.WriteString(providerBlock + "provider \"intercom\" {}\n")
	for _, res := range gconfigResources {
		fmt.Fprintf(&sb, "\nresource %q \"panel\" {\n  count = %d\n\n  address = \"%s/whole/${count.index}\"\n  %s\n}\n", res.typeName, n, url, res.attrs)
	}
	return sb.String()
}

// gconfigCounts adds the per-path counts to a command's.
func (b *bench) gconfigCounts(r result) result {
	r.counts["aggregate"] = b.fleet.RequestsTo("GET", "intercom/gconfig")
	r.counts["method"] = b.fleet.RequestsTo("GET", "intercom/dtmf/method")
	for _, p := range gconfigPaths[:8] {
		r.counts["block"] += b.fleet.RequestsTo("GET", p)
	}
	return r
}

func (b *bench) wholePanels() {
	var rows [][]string
	for _, n := range b.panelSizes {
		dir := mkdir(b.work, "panels"+strconv.Itoa(n))
		writeFile(filepath.Join(dir, "main.tf"), wholePanelWorkspace(n, b.fleet.url))
		plans := func(step, watch string, extra ...string) *series {
			return b.repeat(runs, func(i int) result {
				return b.gconfigCounts(b.counted(command{dir: dir, label: fmt.Sprintf("panels%d-%s-%d", n, step, i), watch: watch,
					args: append(append([]string{"plan", "-detailed-exitcode"}, extra...), b.flags()...)}))
			})[0]
		}
		create, createReq := "copied", "–"
		if b.seedAbove > 0 && n > b.seedAbove {
			progress("%d whole panels: state copied from one panel's apply", n)
			b.seedWholePanels(n, dir)
		} else {
			progress("%d whole panels: create", n)
			r := b.counted(command{dir: dir, label: fmt.Sprintf("panels%d-create", n), args: append([]string{"apply", "-auto-approve"}, b.flags()...)})
			create, createReq = cells(r.elapsed)[0], fmt.Sprintf("%d+%d", r.counts["POST"], r.counts["GET"])
			b.checkWholePanels(0, n)
		}
		progress("%d whole panels: plan, plan -refresh=false, plan at %v, ×%d each", n, latency, runs)
		notes := len(b.notes)
		refresh := plans("plan", b.provider)
		if create == "copied" && len(b.notes) > notes {
			fatalf("%d whole panels: the plan after copying the state proposed changes, so the copy is not what an apply leaves", n)
		}
		norefresh := plans("plan-norefresh", "", "-refresh=false")
		b.fleet.SetLatency(latency)
		inFlight := 0
		slow := b.repeat(runs, func(i int) result {
			r := b.gconfigCounts(b.counted(command{dir: dir, label: fmt.Sprintf("panels%d-plan-latency-%d", n, i),
				args: append([]string{"plan", "-detailed-exitcode"}, b.flags()...)}))
			inFlight = max(inFlight, b.fleet.MaxInFlightTotal())
			return r
		})[0]
		b.fleet.SetLatency(0)
		floor := time.Duration(n) * latency / time.Duration(b.parallelism)
		rows = append(rows, cells(n, n*len(gconfigResources), create, refresh.median(), norefresh.median(),
			refresh.most["aggregate"], refresh.most["block"], refresh.most["method"], refresh.most["GET"], createReq,
			slow.median(), floor, fmt.Sprintf("%.2f×", slow.median().Seconds()/floor.Seconds()),
			(slow.median()-refresh.median()).Seconds()/floor.Seconds(), inFlight, mb(refresh.peakKB)))
	}
	b.table("Whole panels: the eight gconfig resources on every panel", strings.Split("panels|resources|create (s)|plan (s)|plan -refresh=false (s)|GET intercom/gconfig per refresh|GET gconfig/&lt;block&gt; per refresh|GET intercom/dtmf/method per refresh|all GETs per refresh|create POST+GET|plan @50ms (s)|floor N×50ms/P (s)|plan @50ms / floor|latency added / floor|in flight @50ms|provider peak RSS MB", "|"), rows)
}

// checkWholePanels makes sure the create wrote every object of panels
// from to n-1; the counters still hold the create's requests.
func (b *bench) checkWholePanels(from, n int) {
	for i := from; i < n; i++ {
		p := b.fleet.Panel("/whole/" + strconv.Itoa(i))
		for _, path := range gconfigPaths {
			if p.RequestsTo("POST", path) == 0 {
				fatalf("%d whole panels: the create wrote no %s of panel %d", n, path, i)
			}
		}
	}
	if got := b.fleet.Panel("/whole/0").Block("intercom/gconfig/timeouts")["iTimeoutMsHoldOpenDoorLock"]; fmt.Sprint(got) != "7000" {
		fatalf("whole panels: panel 0 holds door_open_ms %v after the create, not 7000", got)
	}
}

// seedWholePanels gives the workspace in dir the state an apply of n
// panels would leave, without the apply (Terraform rewrites the whole
// state after every resource, so 8000 resources take a quarter of an
// hour): one panel is applied for real, its state copied to every index
// with each panel's address, and the emulator's panels get its settings.
// The first plan then checks the copy.
func (b *bench) seedWholePanels(n int, dir string) {
	seed := mkdir(b.work, "panels-seed")
	state := filepath.Join(seed, "terraform.tfstate")
	if _, err := os.Stat(state); err != nil {
		writeFile(filepath.Join(seed, "main.tf"), wholePanelWorkspace(1, b.fleet.url))
		b.counted(command{dir: seed, label: "panels-seed-create", args: append([]string{"apply", "-auto-approve"}, b.flags()...)})
		b.checkWholePanels(0, 1)
	}
	raw, err := os.ReadFile(state)
	var all map[string]any
	if err == nil {
		err = decodeJSON(raw, &all)
	}
	if err != nil {
		fatalf("%s: %v", state, err)
	}
	const zero = "/whole/0"
	resources, _ := all["resources"].([]any)
	for _, r := range resources {
		res, _ := r.(map[string]any)
		insts, _ := res["instances"].([]any)
		if len(insts) != 1 {
			fatalf("%s: %v has %d instances, not 1", state, res["type"], len(insts))
		}
		one, _ := json.Marshal(insts[0])
		copies := make([]any, n)
		for i := range n {
			var inst map[string]any
			_ = decodeJSON([]byte(strings.ReplaceAll(string(one), zero+`"`, "/whole/"+strconv.Itoa(i)+`"`)), &inst)
			inst["index_key"] = i
			copies[i] = inst
		}
		res["instances"] = copies
	}
	out, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		fatalf("%v", err)
	}
	writeFile(filepath.Join(dir, "terraform.tfstate"), string(out))
	first := b.fleet.Panel(zero)
	for _, path := range gconfigPaths {
		for i := 1; i < n; i++ {
			b.fleet.Panel("/whole/"+strconv.Itoa(i)).SetBlock(path, first.Block(path))
		}
	}
}

// decodeJSON keeps numbers as written, so copying a state changes none.
func decodeJSON(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}
