package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// importedTypes are resources of each kind: settings blocks, SIP and the
// collections.
var importedTypes = []string{"intercom_ntp", "intercom_apartments", "intercom_sip_config", "intercom_timeouts", "intercom_rfid_keys"}

// An import has no earlier state to keep: a panel it cannot reach fails
// it, even with unreachable_panels = "warn", and nothing reaches state.
func TestAccSettingsResources_importUnreachable(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	closed := httptest.NewServer(fleet.Server)
	address := closed.URL
	closed.Close()
	cli := newCLIRun(t)
	imports := ""
	for _, typ := range importedTypes {
		imports += fmt.Sprintf("import {\n  to = %s.lobby\n  id = %q\n}\n", typ, address)
	}
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL, "max_retries = 0", `unreachable_panels = "warn"`)+imports)
	cli.run("init")
	out := oneLine(cli.runFail("plan", "-generate-config-out=generated.tf"))
	for _, title := range []string{"NTP", "Apartments", "SIP Config", "Door Timeouts", "RFID Keys"} {
		if !strings.Contains(out, "Error Reading "+title) {
			t.Errorf("importing from an unreachable panel gave no \"Error Reading %s\":\n%s", title, out)
		}
	}
	if n := strings.Count(out, "an import has no earlier state to keep"); n != len(importedTypes) {
		t.Errorf("%d errors say why warn does not apply to an import, want %d:\n%s", n, len(importedTypes), out)
	}
	if strings.Contains(out, "Panel Unreachable") {
		t.Errorf("an import was let through with a warning:\n%s", out)
	}
	if generated, err := os.ReadFile(filepath.Join(cli.dir, "generated.tf")); err == nil && strings.Contains(string(generated), "resource") {
		t.Errorf("configuration was generated from an unreachable panel:\n%s", generated)
	}

	cli.write("main.tf", cliRequired+providerConfig(fleet.URL, "max_retries = 0", `unreachable_panels = "warn"`)+
		"resource \"intercom_ntp\" \"lobby\" {\n}\n")
	out = cli.runFail("import", "intercom_ntp.lobby", address)
	if !strings.Contains(out, "Error Reading NTP") {
		t.Errorf("terraform import from an unreachable panel:\n%s", out)
	}
	if state, err := os.ReadFile(filepath.Join(cli.dir, "terraform.tfstate")); err == nil && strings.Contains(string(state), `"type"`) {
		t.Errorf("a failed import left state behind:\n%s", state)
	}
}

// oneLine undoes the CLI's wrapping of diagnostics, so phrases can be found.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// A panel that takes no connection costs one connect timeout per run, not
// one per resource: the resources after the first are told at once.
func TestAccProvider_unreachablePanelAskedOnce(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	holeURL, hide := blackhole(t, fleet.Server)
	resources := ""
	for _, typ := range []string{"intercom_timeouts", "intercom_ntp", "intercom_volume"} {
		resources += fmt.Sprintf("resource %q \"hole\" {\n  address = %q\n}\n", typ, holeURL)
	}
	cli := newCLIRun(t)
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL, "max_retries = 1", `connect_timeout = "2s"`,
		`unreachable_panels = "warn"`)+resources)
	cli.run("init")
	cli.run("apply", "-auto-approve")

	hide()
	start := time.Now()
	out := cli.run("plan", "-json")
	took := time.Since(start)
	if n := strings.Count(out, `"summary":"Panel Unreachable"`); n != 3 {
		t.Errorf("the plan gave %d unreachable warnings, want 3:\n%s", n, out)
	}
	// Every resource is refreshed in the same provider process; only the
	// first one to ask pays the connect timeouts.
	if n := strings.Count(out, "gave no connection earlier in this run"); n != 2 {
		t.Errorf("%d warnings say the panel was found down earlier, want 2:\n%s", n, out)
	}
	// One resource's two attempts cost about 2 x 2 s plus a backoff; three
	// resources asking each would cost three times that.
	if took > 10*time.Second {
		t.Errorf("the plan took %s with one blackholed panel of three resources", took)
	}
}
