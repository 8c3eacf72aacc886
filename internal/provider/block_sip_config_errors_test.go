package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

func TestAccSIPConfigResource_validation(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cases := map[string]struct {
		config string
		want   string
	}{
		"protocol":          {sipConfig(`user = "a"`, `domain = "d"`, `protocol = "sctp"`), `protocol.*value must be one of`},
		"port zero":         {sipConfig(`user = "a"`, `domain = "d"`, `port = 0`), `port.*between 1 and 65535`},
		"port too big":      {sipConfig(`user = "a"`, `domain = "d"`, `port = 70000`), `port.*between 1 and 65535`},
		"address scheme":    {sipConfig(`user = "a"`, `domain = "d"`, `address = "ftp://10.0.0.5"`), `Invalid Panel Address.*scheme must be http or https`},
		"address api path":  {sipConfig(`user = "a"`, `domain = "d"`, `address = "10.0.0.5/api/v1.cgi"`), `Invalid Panel Address.*without /api/v1.cgi`},
		"address bad port":  {sipConfig(`user = "a"`, `domain = "d"`, `address = "10.0.0.5:99999"`), `Invalid Panel Address.*port "99999"`},
		"user missing":      {sipConfig(`domain = "d"`), `"user" is required`},
		"domain missing":    {sipConfig(`user = "a"`), `"domain" is required`},
		"no address at all": {`provider "intercom" { username = "admin" }` + sipConfig(`user = "a"`, `domain = "d"`), `Missing Panel Address.*INTERCOM_ADDRESS`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := tc.config
			if name != "no address at all" {
				cfg = providerConfig(fleet.URL) + cfg
			}
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: wrapped(tc.want)}},
			})
		})
	}
	if n := fleet.Requests("GET") + fleet.Requests("POST"); n != 0 {
		t.Errorf("invalid configurations reached the panel %d times", n)
	}
}

// Errors for a new resource surface at apply, since planning it does not
// contact the panel; each says what to do.
func TestAccSIPConfigResource_panelErrors(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("/old").SetUnsupported(true)
	fleet.Panel("/portal").Inject(fakepanel.Fault{Method: "GET", Status: 200, ContentType: "text/html",
		Body: "<html><body><h1>Please sign in</h1></body></html>"})
	res := sipConfig(`user = "alice"`, `domain = "sip.example"`)
	cases := map[string]struct {
		provider string
		want     string
	}{
		"wrong credentials": {
			`provider "intercom" {
  address = "` + fleet.URL + `"
  username = "admin"
  password = "wrong-` + testAdminPassword + `"
}`, `Error Writing SIP Config.*HTTP 401.*refused the credentials.*INTERCOM_PASSWORD`,
		},
		"unreachable": {
			providerConfig("127.0.0.1:1", "max_retries = 1"),
			`Error Writing SIP Config.*panel http://127.0.0.1:1.*reachable from this machine`,
		},
		"firmware without the API": {
			providerConfig(fleet.URL + "/old"),
			`Error Writing SIP Config.*HTTP 501.*no SIP settings API`,
		},
		"a login page instead of the API": {
			providerConfig(fleet.URL + "/portal"),
			// The POST "succeeded", so the create is kept, with a warning;
			// the refresh after it reports what the address really serves.
			`Error Reading SIP Config.*not JSON.*"text/html".*Please sign in.*not at a proxy or login page`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: tc.provider + res,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionCreate)},
					},
					ExpectError: wrapped(tc.want),
				}},
			})
		})
	}
}

// For a resource already in state, a panel error surfaces at plan, and
// the resource stays in state: once the panel answers, the plan is empty.
func TestAccSIPConfigResource_readErrorKeepsState(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cfg := providerConfig(fleet.URL, "max_retries = 0") + sipConfig(`user = "alice"`, `domain = "sip.example"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:   func() { panel.SetUnsupported(true) },
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: wrapped(`Error Reading SIP Config.*HTTP 501.*no SIP settings API`),
			},
			{
				PreConfig:   func() { panel.SetUnsupported(false); fleet.SetCredentials("someone-else", testAdminPassword) },
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: wrapped(`Error Reading SIP Config.*HTTP 401.*INTERCOM_USERNAME`),
			},
			{
				PreConfig: func() { fleet.SetCredentials(testAdminUser, testAdminPassword) },
				Config:    cfg,
				PlanOnly:  true,
			},
		},
	})
}

// Changes made at the panel show in plan as drift, and apply repairs them.
func TestAccSIPConfigResource_drift(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cfg := providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `password = "`+testSIPPassword+`"`, `domain = "sip.example"`)
	applied := panel.Config
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					c := applied()
					c.Domain, c.Password, c.Port = "rogue.example", "changed-at-panel", 5099
					panel.SetConfig(c)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						expectDrift("domain"),
						expectDrift("password"),
						expectDrift("port"),
						plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate),
					},
				},
				Check: panelHas(panel, fakepanelConfig("alice", testSIPPassword, "sip.example")),
			},
		},
	})
}

// When the POST lands but the read-back fails, the apply succeeds with a
// warning and keeps what was sent in state: the resource is not tainted,
// so the next plan neither replaces it nor resets the panel.
func TestAccSIPConfigResource_readBackFails(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cfg := func(domain string) string {
		return providerConfig(fleet.URL, "max_retries = 0") +
			sipConfig(`user = "alice"`, `domain = "`+domain+`"`, `reset_on_destroy = true`)
	}
	failNextGet := func() { panel.Inject(fakepanel.Fault{Method: "GET", Times: 1, Status: 503, AfterPOST: true}) }
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{PreConfig: failNextGet, Config: cfg("one.example"), Check: panelHas(panel, fakepanelConfig("alice", "", "one.example"))},
			{Config: cfg("one.example"), PlanOnly: true},
			{PreConfig: failNextGet, Config: cfg("two.example"), Check: panelHas(panel, fakepanelConfig("alice", "", "two.example"))},
			// The update kept the new values in state; they match the
			// panel, so there is nothing left to do.
			{Config: cfg("two.example"), PlanOnly: true},
		},
	})
}
