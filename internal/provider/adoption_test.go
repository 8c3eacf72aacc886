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
	for _, typ := range []string{"intercom_timeouts", "intercom_ntp", "intercom_syslog"} {
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
	// first one to ask pays the connect timeouts. (Three blocks with their
	// own endpoints: blocks of intercom/gconfig share one GET anyway.)
	if n := strings.Count(out, "gave no connection earlier in this run"); n != 2 {
		t.Errorf("%d warnings say the panel was found down earlier, want 2:\n%s", n, out)
	}
	// One resource's two attempts cost about 2 x 2 s plus a backoff; three
	// resources asking each would cost three times that.
	if took > 10*time.Second {
		t.Errorf("the plan took %s with one blackholed panel of three resources", took)
	}
}

// A query probes each panel once and lists it once, however often its
// addresses and cidr name it; names the addresses it cannot parse; and
// leaves out, with a warning, a panel whose generated configuration
// would not plan (a factory-fresh SIP account), so the generated file
// plans as pure imports.
func TestAccSettingsResources_queryEachPanelOnce(t *testing.T) {
	t.Parallel()
	port, inside, _ := loopbackFleet(t)
	cli := queryCLI(t, fmt.Sprintf(`
list "intercom_timeouts" "fleet" {
  provider         = intercom
  include_resource = true
  config {
    cidr      = "127.0.0.0/29"
    port      = %[1]d
    addresses = ["127.0.0.2:%[1]d", "http://127.0.0.2:%[1]d/", "HTTP://127.0.0.3:%[1]d"]
  }
}

list "intercom_sip_config" "fresh" {
  provider         = intercom
  include_resource = true
  config {
    addresses = ["127.0.0.5:%[1]d"]
  }
}
`, port))
	before := inside.Requests("GET")
	out := oneLine(cli.run("query", "-generate-config-out=panels.tf"))
	// One probe per panel: three for the timeouts, one for the SIP account.
	if n := inside.Requests("GET") - before; n != 4 {
		t.Errorf("the query sent %d GETs to three panels, want 4 (one per panel and block)", n)
	}
	generated := cli.read("panels.tf")
	if n := strings.Count(generated, `resource "intercom_timeouts"`); n != 3 {
		t.Errorf("the generated file has %d intercom_timeouts, want one per panel (3):\n%s", n, generated)
	}
	if strings.Contains(generated, `resource "intercom_sip_config"`) {
		t.Errorf("a blank SIP account was generated:\n%s", generated)
	}
	for _, want := range []string{"Panel Left Out", fmt.Sprintf("Panel http://127.0.0.5:%d answered", port), "domain:", "user:"} {
		if !strings.Contains(out, want) {
			t.Errorf("the query output lacks %q:\n%s", want, out)
		}
	}
	expectPureImports(t, cli, 3)

	cli.write("fleet.tfquery.hcl", fmt.Sprintf(`
list "intercom_timeouts" "typo" {
  provider = intercom
  config {
    addresses = ["127.0.0.2:%d", "ftp://127.0.0.3", "http://[::1"]
  }
}
`, port))
	out = oneLine(cli.runFail("query"))
	for _, want := range []string{`addresses[1], "ftp://127.0.0.3", is not a panel address`, `addresses[2], "http://[::1", is not a panel address`} {
		if !strings.Contains(out, want) {
			t.Errorf("the query output lacks %q:\n%s", want, out)
		}
	}
}

// The plan shows a password left out only as "(sensitive value) -> null";
// a warning says plainly that the apply writes it empty, and is not given
// when the password is set.
func TestAccSIPConfigResource_blankPasswordWarns(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("").SetConfig(installed)
	cli := newCLIRun(t)
	importBlock := fmt.Sprintf("import {\n  to = intercom_sip_config.test\n  id = %q\n}\n", fleet.URL)
	withoutPassword := strings.Replace(installedBody, `password = "`+testSIPPassword+`"`, "", 1)
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL)+importBlock+sipConfig(withoutPassword))
	cli.run("init")
	out := oneLine(cli.run("plan"))
	for _, want := range []string{"Empty Password Will Be Written", "writes an empty password to panel " + fleet.URL, "set `password` or `password_wo`"} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan that blanks the password lacks %q:\n%s", want, out)
		}
	}
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL)+importBlock+sipConfig(installedBody))
	if out := cli.run("plan"); strings.Contains(out, "Empty Password") {
		t.Errorf("a plan that keeps the password warns:\n%s", out)
	}
}
