package provider

import (
	"encoding/base64"
	"encoding/json"
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

// The applied record is kept in state only while reset_on_destroy is true
// (every plan carries private state through Terraform), and a refresh
// drops one that an earlier release kept with reset_on_destroy = false.
func TestAccSIPConfigResource_appliedRecordOnlyWhileResetting(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cli := newCLIRun(t)
	cfg := func(extra ...string) {
		cli.write("main.tf", cliRequired+providerConfig(fleet.URL)+
			sipConfig(append([]string{`user = "a"`, `domain = "d.example"`}, extra...)...))
	}
	expect := func(when string, want bool) {
		t.Helper()
		if _, got := privateKeys(t, cli)[appliedKey]; got != want {
			t.Errorf("%s: applied record in state is %v, want %v", when, got, want)
		}
	}
	cfg()
	cli.run("init")
	cli.run("apply", "-auto-approve")
	expect("created with reset_on_destroy = false", false)
	setPrivateKey(t, cli, appliedKey, []byte(`{"salt":"MDEyMzQ1Njc4OWFiY2RlZg==","fields":{}}`))
	expect("a record planted as an earlier release kept it", true)
	cli.run("apply", "-refresh-only", "-auto-approve")
	expect("refreshed with reset_on_destroy = false", false)
	cfg(`reset_on_destroy = true`)
	cli.run("apply", "-auto-approve")
	expect("reset_on_destroy turned on", true)
	cfg()
	cli.run("apply", "-auto-approve")
	expect("reset_on_destroy turned off", false)
}

// editState reads the private data of the CLI run's one resource instance
// (Terraform keeps it base64-encoded) and writes it back when edit says so.
func editState(t *testing.T, cli *cliRun, edit func(private map[string][]byte) bool) map[string][]byte {
	t.Helper()
	var state map[string]any
	if err := json.Unmarshal([]byte(cli.read("terraform.tfstate")), &state); err != nil {
		t.Fatal(err)
	}
	resources, _ := state["resources"].([]any)
	var instance map[string]any
	if len(resources) == 1 {
		resource, _ := resources[0].(map[string]any)
		if instances, _ := resource["instances"].([]any); len(instances) == 1 {
			instance, _ = instances[0].(map[string]any)
		}
	}
	if instance == nil {
		t.Fatalf("state holds no single resource instance:\n%s", cli.read("terraform.tfstate"))
	}
	private := map[string][]byte{}
	if enc, _ := instance["private"].(string); enc != "" {
		raw, err := base64.StdEncoding.DecodeString(enc)
		if err == nil {
			err = json.Unmarshal(raw, &private)
		}
		if err != nil {
			t.Fatalf("reading the instance's private state: %v", err)
		}
	}
	if edit != nil && edit(private) {
		raw, _ := json.Marshal(private)
		instance["private"] = base64.StdEncoding.EncodeToString(raw)
		out, _ := json.Marshal(state)
		cli.write("terraform.tfstate", string(out))
	}
	return private
}

func privateKeys(t *testing.T, cli *cliRun) map[string][]byte {
	t.Helper()
	return editState(t, cli, nil)
}

func setPrivateKey(t *testing.T, cli *cliRun, key string, value []byte) {
	t.Helper()
	editState(t, cli, func(p map[string][]byte) bool { p[key] = value; return true })
}
