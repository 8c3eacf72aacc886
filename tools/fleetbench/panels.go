package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The whole-panel fleet: N panels, each with the eight resources whose
// blocks one GET intercom/gconfig answers, set to values other than the
// factory ones; gconfigPaths are the objects they write: the blocks the
// aggregate carries and intercom_dtmf's method, which it does not.
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
	sb.WriteString(workspace("intercom", "domofon/intercom", ""))
	for _, res := range gconfigResources {
		fmt.Fprintf(&sb, "\nresource %q \"panel\" {\n  count = %d\n\n  address = \"%s/whole/${count.index}\"\n  %s\n}\n", res.typeName, n, url, res.attrs)
	}
	return sb.String()
}

func (b *bench) wholePanels() {
	var rows [][]string
	for _, n := range b.panelSizes {
		dir := b.ws(wholePanelWorkspace(n, b.fleet.url), "panels"+strconv.Itoa(n))
		label := "panels" + strconv.Itoa(n)
		create, createReq := "copied", "–"
		if b.seedAbove > 0 && n > b.seedAbove {
			b.seedWholePanels(n, dir)
		} else {
			r := b.cmd(dir, label+"-create", "", "apply", "-auto-approve")(0)
			create, createReq = cells(r.elapsed)[0], fmt.Sprintf("%d+%d", r.counts["POST"], r.counts["GET"])
		}
		refresh := b.repeat(runs, b.cmd(dir, label+"-plan", b.provider, "plan", "-detailed-exitcode"))[0]
		if create == "copied" && refresh.runs[0].changes {
			fatalf("%d whole panels: the plan after copying the state proposed changes, so the copy is not what an apply leaves", n)
		}
		norefresh := b.repeat(runs, b.cmd(dir, label+"-plan-norefresh", "", "plan", "-detailed-exitcode", "-refresh=false"))[0]
		slow := b.slow(b.cmd(dir, label+"-plan-latency", "", "plan", "-detailed-exitcode"))
		floor := time.Duration(n) * latency / parallelism
		rows = append(rows, cells(n, n*len(gconfigResources), create, refresh.median(), norefresh.median(),
			refresh.most["aggregate"], refresh.most["block"], refresh.most["method"], refresh.most["GET"], createReq,
			slow.median(), floor, ratio(slow.median(), floor),
			(slow.median()-refresh.median()).Seconds()/floor.Seconds(), slow.most["in flight"], mb(refresh.peakKB)))
	}
	b.table("Whole panels: the eight gconfig resources on every panel", "panels|resources|create (s)|plan (s)|"+
		"plan -refresh=false (s)|GET intercom/gconfig per refresh|GET gconfig/&lt;block&gt; per refresh|"+
		"GET intercom/dtmf/method per refresh|all GETs per refresh|create POST+GET|plan @50ms (s)|floor N×50ms/P (s)|"+
		"plan @50ms / floor|latency added / floor|in flight @50ms|provider peak RSS MB", rows)
}

// seedWholePanels gives dir the state an apply of n panels would leave,
// without the apply (8000 resources take a quarter of an hour): one panel's
// real apply copied to every index, and its settings to every panel. The
// first plan then checks the copy.
func (b *bench) seedWholePanels(n int, dir string) {
	state := filepath.Join(b.work, "panels-seed", "terraform.tfstate")
	if _, err := os.Stat(state); err != nil {
		b.cmd(b.ws(wholePanelWorkspace(1, b.fleet.url), "panels-seed"), "panels-seed-create", "", "apply", "-auto-approve")(0)
	}
	// Terraform writes the instance of count.index 0 with "index_key": 0
	// and panel 0's address in address and id.
	raw, err := os.ReadFile(state)
	check(err)
	var st map[string]any
	check(json.Unmarshal(raw, &st))
	resources, _ := st["resources"].([]any)
	for _, res := range resources {
		res, _ := res.(map[string]any)
		insts, _ := res["instances"].([]any)
		if len(insts) != 1 {
			fatalf("%s: not one instance of %v", state, res["type"])
		}
		one, _ := json.Marshal(insts[0])
		copies := make([]json.RawMessage, n)
		for i := range n {
			copies[i] = json.RawMessage(strings.NewReplacer(`"index_key":0`, `"index_key":`+strconv.Itoa(i),
				`/whole/0"`, "/whole/"+strconv.Itoa(i)+`"`).Replace(string(one)))
		}
		res["instances"] = copies
	}
	out, _ := json.Marshal(st)
	writeFile(filepath.Join(dir, "terraform.tfstate"), string(out))
	for _, path := range gconfigPaths {
		for i := 1; i < n; i++ {
			b.fleet.Panel("/whole/"+strconv.Itoa(i)).SetBlock(path, b.fleet.Panel("/whole/0").Block(path))
		}
	}
}
