package provider

import (
	"fmt"
	"strings"
	"testing"
)

// Actions on a frozen panel do nothing and say so: a reboot and a
// firmware update invoked on it send it nothing.
func TestAccFrozenPanels_actions(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cli := newCLIRun(t)
	if !cliAtLeast(t, cli, 14) {
		t.Skip("actions need Terraform 1.14 or later")
	}
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL, fmt.Sprintf(`panels = { %q = { managed = false } }`, fleet.URL))+
		fmt.Sprintf(`
action "intercom_reboot" "now" {
  config {
    timeout = "1m"
  }
}

action "intercom_firmware_update" "fw" {
  config {
    chip = "mcu"
    file = %q
  }
}
`, firmwareFile(t, "mcu", "MCU V3.1")))
	cli.run("init")
	for _, action := range []string{"intercom_reboot.now", "intercom_firmware_update.fw"} {
		out := cli.run("apply", "-invoke=action."+action, "-auto-approve")
		t.Logf("terraform printed:\n%s", out)
		flat := strings.Join(strings.Fields(out), " ")
		name := strings.Split(action, ".")[0]
		for _, want := range []string{"Panel " + fleet.URL + " is frozen", name + " does nothing on panel " + fleet.URL} {
			if !strings.Contains(flat, want) {
				t.Errorf("invoking %s: the output lacks %q:\n%s", action, want, out)
			}
		}
	}
	if n := panel.Requests("GET") + panel.Requests("POST"); n != 0 || panel.Reboots() != 0 {
		t.Errorf("the frozen panel got %d requests and %d reboots", n, panel.Reboots())
	}
}

// A query does not probe a frozen panel, and does not list it.
func TestAccFrozenPanels_query(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	cli := newCLIRun(t)
	if !cliAtLeast(t, cli, 14) {
		t.Skip("terraform query needs Terraform 1.14 or later")
	}
	cli.write("main.tf", cliRequired+f.config("", "", "managed = false", nil, 0, 0))
	cli.write("fleet.tfquery.hcl", fmt.Sprintf(`
list "intercom_timeouts" "fleet" {
  provider = intercom
  config {
    addresses = [%q, %q]
  }
}
`, f.panel(1), f.panel(2)))
	cli.run("init")
	out := cli.run("query")
	t.Logf("terraform printed:\n%s", out)
	if !strings.Contains(out, "intercom_timeouts on "+f.panel(1)) || strings.Contains(out, "intercom_timeouts on "+f.panel(2)) {
		t.Errorf("the query should list panel 1 and not the frozen panel 2:\n%s", out)
	}
	if err := f.requestsTo2(); err != nil {
		t.Error(err)
	}
}
