package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// installed is an account a technician set up before Terraform came.
var installed = fakepanel.SIPConfig{User: "7049a52d1dea", Password: testSIPPassword, Domain: "27167.kazoo.example",
	Proxy: "proxy.kazoo.example", Realm: "*", Protocol: "tcp", Port: 5080}

const installedBody = `user = "7049a52d1dea"
  password = "` + testSIPPassword + `"
  domain = "27167.kazoo.example"
  proxy = "proxy.kazoo.example"
  protocol = "tcp"
  port = 5080`

// An import block adopts a panel already in the field, and the plan after
// it is empty, whether the configuration spells the address like the
// import ID or leaves it to the provider.
func TestAccSIPConfigResource_importBlock(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("/panels/7").SetConfig(installed)
	hostPort := strings.TrimPrefix(fleet.URL, "http://") + "/panels/7"
	cases := map[string]struct{ provider, address string }{
		"address in resource":   {providerConfig(fleet.URL), `address = "` + hostPort + `"`},
		"address from provider": {providerConfig("http://" + strings.ToUpper(hostPort[:3]) + hostPort[3:] + "/"), ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:          tc.provider + sipConfig(tc.address, installedBody),
					ResourceName:    testResource,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
					ImportStateId:   hostPort,
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionNoop)},
					},
				}},
			})
		})
	}
	if n := fleet.Panel("/panels/7").Requests("POST"); n != 0 {
		t.Errorf("importing wrote to the panel %d times", n)
	}
}

// The CLI import takes any spelling of the address and keeps it.
func TestAccSIPConfigResource_importCommand(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("").SetConfig(installed)
	hostPort := strings.TrimPrefix(fleet.URL, "http://")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: providerConfig(fleet.URL) + sipConfig(`address = "`+hostPort+`"`, installedBody)},
			{
				ResourceName:      testResource,
				ImportState:       true,
				ImportStateId:     hostPort,
				ImportStateVerify: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["address"]; got != hostPort {
						return fmt.Errorf("imported address = %q, want the import ID %q", got, hostPort)
					}
					return nil
				},
			},
			{
				ResourceName:  testResource,
				ImportState:   true,
				ImportStateId: "ftp://" + hostPort,
				ExpectError:   wrapped(`Invalid Import ID.*must be the panel's address`),
			},
		},
	})
}

// A masked password cannot be compared: state keeps what was applied, so
// there is no perpetual diff, and an import cannot learn it, so the first
// plan after the import sets it.
func TestAccSIPConfigResource_maskedPassword(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetMaskPassword(true)
	cfg := providerConfig(fleet.URL) + sipConfig(`user = "alice"`, fmt.Sprintf("password = %q", testSIPPassword), `domain = "sip.example"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{expectState("password", knownvalue.StringExact(testSIPPassword))},
			},
			{Config: cfg, PlanOnly: true},
			{
				ResourceName:            testResource,
				ImportState:             true,
				ImportStateId:           fleet.URL,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password"},
			},
			{
				Config:             cfg,
				ResourceName:       testResource,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateId:      fleet.URL,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
	if got := panel.Config().Password; got != testSIPPassword {
		t.Errorf("panel password = %q, want the applied one", got)
	}
}

// An address known only at apply (it comes from another resource) plans
// as "known after apply", applies, and moving to another panel replaces.
func TestAccSIPConfigResource_addressUnknownAtPlan(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cfg := func(prefix string) string {
		return providerConfig(fleet.URL) + fmt.Sprintf(`
resource "terraform_data" "panel" {
  input = "%s%s"
}
`, fleet.URL, prefix) + sipConfig(`address = terraform_data.panel.output`, `user = "alice"`, `domain = "sip.example"`)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg("/panels/a"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(testResource, tfjsonpath.New("id"))},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectState("id", knownvalue.StringExact(fleet.URL+"/panels/a"))},
			},
			{Config: cfg("/panels/a"), PlanOnly: true},
			{
				Config: cfg("/panels/b"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectState("id", knownvalue.StringExact(fleet.URL+"/panels/b"))},
			},
		},
	})
	if got := fleet.Panel("/panels/b").Config().User; got != "alice" {
		t.Errorf("panel b user = %q, want alice", got)
	}
}
