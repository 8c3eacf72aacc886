package provider

import (
	"strings"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// cliRequired names the provider for a configuration the CLI runs itself.
const cliRequired = `
terraform {
  required_providers {
    intercom = { source = "domofon/intercom" }
  }
}
`

// An empty import ID gets the same clear error as any other bad ID, not
// the framework's conversion error that blames the provider.
func TestAccSIPConfigResource_importEmptyID(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cli := newCLIRun(t)
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL)+sipConfig(`user = "a"`, `domain = "d.example"`))
	cli.run("init")
	out := cli.runFail("import", "intercom_sip_config.test", "")
	if !strings.Contains(out, "Invalid Import ID") || strings.Contains(out, "Value Conversion Error") {
		t.Errorf("import with an empty ID said:\n%s", out)
	}
}

// A write whose read-back fails succeeds with a warning that says what
// happened, and the 404/501 hint about firmware is not given for it.
func TestAccSIPConfigResource_readBackWarning(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Method: "GET", Times: 1, Status: 501, AfterPOST: true})
	cli := newCLIRun(t)
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL, "max_retries = 0")+sipConfig(`user = "a"`, `domain = "d.example"`))
	cli.run("init")
	out := cli.run("apply", "-auto-approve")
	for _, want := range []string{"Warning: Error Reading Back SIP Config", "accepted the SIP settings (the POST", "State records the values sent"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("apply output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "has no SIP settings API") {
		t.Errorf("the read-back warning blames the firmware:\n%s", out)
	}
}

// The destroy warning says how to clear the account even when
// reset_on_destroy is set in the configuration but not yet applied.
func TestAccSIPConfigResource_destroyWarning(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cli := newCLIRun(t)
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL)+sipConfig(`user = "a"`, `domain = "d.example"`))
	cli.run("init")
	cli.run("apply", "-auto-approve")
	cli.write("main.tf", cliRequired+providerConfig(fleet.URL)+sipConfig(`user = "a"`, `domain = "d.example"`, `reset_on_destroy = true`))
	out := strings.Join(strings.Fields(cli.run("destroy", "-auto-approve")), " ")
	for _, want := range []string{"Warning: SIP Config Left on Panel", "reset_on_destroy is false in state",
		"apply that before destroying: a value only in the configuration is not yet in state"} {
		if !strings.Contains(out, want) {
			t.Errorf("destroy output lacks %q:\n%s", want, out)
		}
	}
	if got := fleet.Panel("").Config().User; got != "a" {
		t.Errorf("destroy without an applied reset_on_destroy changed the panel: user %q", got)
	}
}
