package provider

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

const testResource = "intercom_sip_config.test"

func expectState(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(testResource, tfjsonpath.New(attr), v)
}

// panelHas checks what the emulator holds, which is what a real panel
// would now use to register.
func panelHas(p *fakepanel.Panel, want fakepanel.SIPConfig) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := p.Config(); got != want {
			return fmt.Errorf("panel holds %+v, want %+v", got, want)
		}
		return nil
	}
}

func TestAccSIPConfigResource_basic(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	want := fakepanel.SIPConfig{User: "alice", Password: testSIPPassword, Domain: "sip.example", Realm: "*", Protocol: "udp", Port: 5060}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// Destroy without reset_on_destroy leaves the account on the panel.
		CheckDestroy: panelHas(panel, want),
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fleet.URL) + sipConfig(`user = "alice"`, fmt.Sprintf("password = %q", testSIPPassword), `domain = "sip.example"`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState("id", knownvalue.StringExact(fleet.URL)),
					expectState("address", knownvalue.StringExact(fleet.URL)),
					expectState("user", knownvalue.StringExact("alice")),
					expectState("password", knownvalue.StringExact(testSIPPassword)),
					expectState("domain", knownvalue.StringExact("sip.example")),
					expectState("proxy", knownvalue.StringExact("")),
					expectState("realm", knownvalue.StringExact("*")),
					expectState("protocol", knownvalue.StringExact("udp")),
					expectState("port", knownvalue.Int64Exact(5060)),
					expectState("reset_on_destroy", knownvalue.Bool(false)),
				},
				Check: resource.ComposeTestCheckFunc(panelHas(panel, want), postedAllFields(panel)),
			},
			{
				ResourceName:      testResource,
				ImportState:       true,
				ImportStateId:     fleet.URL,
				ImportStateVerify: true,
			},
		},
	})
}

// postedAllFields checks the wire format: all seven fields inside oSip.
func postedAllFields(p *fakepanel.Panel) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var body map[string]map[string]any
		if err := json.Unmarshal(p.LastBody(), &body); err != nil {
			return fmt.Errorf("last POST is not JSON: %w", err)
		}
		for _, f := range []string{"sUser", "sPassword", "sDomain", "sProxy", "sRealm", "sProtocol", "iPort"} {
			if _, ok := body["oSip"][f]; !ok {
				return fmt.Errorf("last POST lacks oSip.%s: %v", f, body)
			}
		}
		return nil
	}
}

func TestAccSIPConfigResource_updateInPlace(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	attrs := map[string]string{"user": `"alice"`, "domain": `"sip.example"`}
	render := func() string {
		var lines []string
		for _, k := range []string{"user", "password", "domain", "proxy", "realm", "protocol", "port", "reset_on_destroy"} {
			if v, ok := attrs[k]; ok {
				lines = append(lines, k+" = "+v)
			}
		}
		return providerConfig(fleet.URL) + sipConfig(lines...)
	}
	changes := []struct {
		attr, value string
		want        func(*fakepanel.SIPConfig)
	}{
		{"user", `"bob"`, func(c *fakepanel.SIPConfig) { c.User = "bob" }},
		{"password", fmt.Sprintf("%q", testSIPPassword), func(c *fakepanel.SIPConfig) { c.Password = testSIPPassword }},
		{"domain", `"pbx.example"`, func(c *fakepanel.SIPConfig) { c.Domain = "pbx.example" }},
		{"proxy", `"proxy.example:5060"`, func(c *fakepanel.SIPConfig) { c.Proxy = "proxy.example:5060" }},
		{"realm", `"pbx"`, func(c *fakepanel.SIPConfig) { c.Realm = "pbx" }},
		{"protocol", `"tls"`, func(c *fakepanel.SIPConfig) { c.Protocol = "tls" }},
		{"port", `5061`, func(c *fakepanel.SIPConfig) { c.Port = 5061 }},
		{"reset_on_destroy", `true`, func(*fakepanel.SIPConfig) {}},
	}
	want := fakepanel.SIPConfig{User: "alice", Domain: "sip.example", Realm: "*", Protocol: "udp", Port: 5060}
	steps := []resource.TestStep{{Config: render(), Check: panelHas(panel, want)}}
	for _, c := range changes {
		attrs[c.attr] = c.value
		c.want(&want)
		steps = append(steps, resource.TestStep{
			Config: render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate)},
			},
			Check: panelHas(panel, want),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// reset_on_destroy = true empties the account on destroy.
		CheckDestroy: panelHas(panel, fakepanel.FactoryConfig()),
		Steps:        steps,
	})
}

func fakepanelConfig(user, password, domain string) fakepanel.SIPConfig {
	return fakepanel.SIPConfig{User: user, Password: password, Domain: domain, Realm: "*", Protocol: "udp", Port: 5060}
}
