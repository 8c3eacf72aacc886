package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// One provider manages three panels through for_each and address.
func TestAccSIPConfigResource_forEach(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cfg := fmt.Sprintf(`
provider "intercom" {
  username = %[2]q
  password = %[3]q
}

locals {
  panels = {
    "1" = "flat-1"
    "2" = "flat-2"
    "3" = "flat-3"
  }
}

resource "intercom_sip_config" "door" {
  for_each = local.panels
  address  = "%[1]s/panels/${each.key}"
  user     = each.value
  password = %[4]q
  domain   = "pbx.example"
}
`, fleet.URL, testAdminUser, testAdminPassword, testSIPPassword)
	var checks []statecheck.StateCheck
	for i := 1; i <= 3; i++ {
		addr := fmt.Sprintf(`intercom_sip_config.door["%d"]`, i)
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"),
			knownvalue.StringExact(fmt.Sprintf("%s/panels/%d", fleet.URL, i))))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// The legacy Check cannot shim for_each state, so the
				// panels are checked as a state check.
				ConfigStateChecks: append(checks, checkFunc(func() error {
					for i := 1; i <= 3; i++ {
						want := fakepanelConfig(fmt.Sprintf("flat-%d", i), testSIPPassword, "pbx.example")
						if err := panelHas(fleet.Panel(fmt.Sprintf("/panels/%d", i)), want)(nil); err != nil {
							return fmt.Errorf("panel %d: %w", i, err)
						}
					}
					if got := fleet.Panel("").Requests("POST"); got != 0 {
						return fmt.Errorf("the root panel got %d POSTs meant for the fleet", got)
					}
					return nil
				})),
			},
			{Config: cfg, PlanOnly: true},
			// terraform-plugin-testing cannot read for_each instances in
			// its final destroy, so the test destroys them itself: forget
			// mode leaves every panel its account.
			{
				Config: providerConfig(fleet.URL),
				ConfigStateChecks: []statecheck.StateCheck{checkFunc(func() error {
					if got := fleet.Panel("/panels/2").Config().User; got != "flat-2" {
						return fmt.Errorf("after destroy panel 2 user = %q, want it kept", got)
					}
					return nil
				})},
			},
		},
	})
}

// The password is sensitive in the plan and in state, and a configuration
// without one keeps null in state when the panel reports "".
func TestAccSIPConfigResource_sensitivePassword(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	withPassword := providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `password = "`+testSIPPassword+`"`, `domain = "d"`)
	without := providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `domain = "d"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: withPassword,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectSensitivePlan(testResource, "password")},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectSensitiveState(testResource, "password")},
			},
			{
				Config:            without,
				ConfigStateChecks: []statecheck.StateCheck{expectState("password", knownvalue.Null())},
				Check:             panelHas(fleet.Panel(""), fakepanelConfig("alice", "", "d")),
			},
			{Config: without, PlanOnly: true},
		},
	})
}
