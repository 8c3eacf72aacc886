package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// With create_before_destroy, a replacement writes its account before the
// old resource is destroyed; reset_on_destroy must not then wipe it, even
// when the two accounts are the same.
func TestAccSIPConfigResource_replaceKeepsNewAccount(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cfg := func(user string) string {
		return providerConfig(fleet.URL) + sipConfig(`user = "`+user+`"`, `domain = "sip.example"`,
			`reset_on_destroy = true`, `lifecycle {
    create_before_destroy = true
  }`)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             panelHas(panel, fakepanel.FactoryConfig()),
		Steps: []resource.TestStep{
			{Config: cfg("alice")},
			{
				Config: cfg("alice"),
				Taint:  []string{testResource},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionReplace)},
				},
				Check: panelHas(panel, fakepanelConfig("alice", "", "sip.example")),
			},
			{
				Config: cfg("bob"),
				Taint:  []string{testResource},
				Check:  panelHas(panel, fakepanelConfig("bob", "", "sip.example")),
			},
		},
	})
}

// Another configuration that takes over the panel's account keeps it when
// this one is destroyed, although the refresh before the destroy took the
// other account into this resource's state.
func TestAccSIPConfigResource_resetSparesAnotherAccount(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	other := fakepanelConfig("carol", "", "pbx.example")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `domain = "sip.example"`, `reset_on_destroy = true`)},
			// A refresh takes the other account into this resource's state.
			{PreConfig: func() { panel.SetConfig(other) }, RefreshState: true, ExpectNonEmptyPlan: true},
			{Config: providerConfig(fleet.URL), Check: panelHas(panel, other)},
		},
	})
}

// Turning reset_on_destroy on later records the account as applied then:
// destroy still spares an account that another configuration wrote since,
// although no record was kept while reset_on_destroy was false.
func TestAccSIPConfigResource_resetTurnedOnSparesAnotherAccount(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	other := fakepanelConfig("carol", "", "pbx.example")
	cfg := func(extra ...string) string {
		return providerConfig(fleet.URL) + sipConfig(append([]string{`user = "alice"`, `domain = "sip.example"`}, extra...)...)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg()},
			{
				Config: cfg(`reset_on_destroy = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate)},
				},
			},
			{PreConfig: func() { panel.SetConfig(other) }, RefreshState: true, ExpectNonEmptyPlan: true},
			{Config: providerConfig(fleet.URL), Check: panelHas(panel, other)},
		},
	})
}

// Firmware that stores values its own way does not fail the apply:
// re-cased host names and trimmed text compare equal, and a value cut
// short keeps the planned one in state, so the next plan shows drift.
func TestAccSIPConfigResource_firmwareNormalises(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	lower := fleet.Panel("/lower")
	lower.SetLowercaseHosts(true)
	lower.SetTrimStored(true)
	short := fleet.Panel("/short")
	short.SetMaxStored(5)
	lowerCfg := providerConfig(fleet.URL+"/lower") + sipConfig(`user = "alice"`, `domain = "SIP.Example.NET"`, `proxy = "Proxy.Example:5060"`)
	shortCfg := providerConfig(fleet.URL+"/short") + sipConfig(`user = "alice-in-wonderland"`, `domain = "d.example"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: lowerCfg, Check: panelHas(lower, fakepanel.SIPConfig{User: "alice", Domain: "sip.example.net",
				Proxy: "proxy.example:5060", Realm: "*", Protocol: "udp", Port: 5060})},
			{Config: lowerCfg, PlanOnly: true},
			{Config: shortCfg, ExpectNonEmptyPlan: true},
			{
				Config: shortCfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate)},
				},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccSIPConfigResource_strictInput(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	long := strings.Repeat("a", 64) + ".example"
	cases := map[string]struct {
		body []string
		want string
	}{
		"empty user":        {[]string{`user = ""`, `domain = "d"`}, `Invalid Attribute Value.*user is not valid: it is empty`},
		"user line break":   {[]string{`user = "a\nb"`, `domain = "d"`}, `user is not valid: it contains a control character`},
		"domain with space": {[]string{`user = "a"`, `domain = "sip example"`}, `domain is not valid: it contains white space.*host name`},
		"domain label long": {[]string{`user = "a"`, `domain = "` + long + `"`}, `domain is not valid: the part "a+" is not 1 to 63`},
		"domain too long":   {[]string{`user = "a"`, `domain = "` + strings.Repeat("abc.", 64) + `x"`}, `domain is not valid: it is 257 characters long`},
		"domain empty":      {[]string{`user = "a"`, `domain = ""`}, `domain is not valid: it is empty`},
		"domain url":        {[]string{`user = "a"`, `domain = "sip://x"`}, `domain is not valid`},
		"proxy bad port":    {[]string{`user = "a"`, `domain = "d"`, `proxy = "p.example:0"`}, `proxy is not valid: the port "0"`},
		"realm tab":         {[]string{`user = "a"`, `domain = "d"`, `realm = "a\tb"`}, `realm is not valid: it contains a control character`},
		"port fraction":     {[]string{`user = "a"`, `domain = "d"`, `port = 5060.5`}, `port.*whole number`},
		"address bare ipv6": {[]string{`user = "a"`, `domain = "d"`, `address = "::1"`}, `Invalid Panel Address.*\[::1\]`},
		"address encoded /": {[]string{`user = "a"`, `domain = "d"`, `address = "10.0.0.5/panels%2F17"`}, `Invalid Panel Address.*encoded slash`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: providerConfig(fleet.URL) + sipConfig(tc.body...), PlanOnly: true, ExpectError: wrapped(tc.want)}},
			})
		})
	}
	if n := fleet.Requests("GET") + fleet.Requests("POST"); n != 0 {
		t.Errorf("invalid configurations reached the panel %d times", n)
	}
}
