package provider

import (
	"strings"
	"testing"
	"time"
)

// actionCLI is a Terraform 1.14+ CLI in a directory with the provider for
// the emulated panel at url and the configuration hcl; older engines and
// OpenTofu have no actions and skip the test.
func actionCLI(t *testing.T, url, hcl string) *cliRun {
	t.Helper()
	cli := newCLIRun(t)
	if !cliAtLeast(t, cli, 14) {
		t.Skip("actions need Terraform 1.14 or later")
	}
	cli.write("main.tf", cliRequired+providerConfig(url)+hcl)
	cli.run("init")
	return cli
}

// rebootCLI has one reboot action, "now".
func rebootCLI(t *testing.T, url string) *cliRun {
	t.Helper()
	return actionCLI(t, url, `
action "intercom_reboot" "now" {
  config {
    timeout = "1m"
  }
}
`)
}

// A panel that keeps answering for seconds after it took the reboot is
// not reported back before it went down and came up again.
func TestAccRebootAction_keepsAnsweringFirst(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetRebootDelay(3 * time.Second)
	panel.SetRebootTime(time.Second)
	cli := rebootCLI(t, fleet.URL)
	out := cli.run("apply", "-invoke=action.intercom_reboot.now", "-auto-approve")
	t.Logf("terraform printed:\n%s", out)
	if panel.Restarting() {
		t.Errorf("terraform returned while the panel's restart was still to come:\n%s", out)
	}
	down, back := strings.Index(out, "went down"), strings.Index(out, "answers again")
	if down < 0 || back < down {
		t.Errorf("the progress does not show the panel going down, then back:\n%s", out)
	}
}

// A panel that comes back from the reboot refusing the credentials gives
// a warning that names it and says where to fix the password.
func TestAccRebootAction_credentialsChanged(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetRebootTime(time.Second)
	panel.SetCredentialsAfterRestart(testAdminUser, "reset-by-someone")
	cli := rebootCLI(t, fleet.URL)
	out := cli.run("apply", "-invoke=action.intercom_reboot.now", "-auto-approve")
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"Warning", "Panel Credentials Changed: Panel " + fleet.URL, "Check the password"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
}
