package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccSIPConfigDataSource_basic(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("").SetConfig(installed)
	fleet.Panel("/panels/2").SetConfig(fakepanelConfig("bob", "", "two.example"))
	at := func(name, attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.intercom_sip_config."+name, tfjsonpath.New(attr), v)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(fleet.URL) + `
data "intercom_sip_config" "default" {}
data "intercom_sip_config" "two" {
  address = "` + fleet.URL + `/panels/2/"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				at("default", "id", knownvalue.StringExact(fleet.URL)),
				at("default", "user", knownvalue.StringExact(installed.User)),
				at("default", "password", knownvalue.StringExact(testSIPPassword)),
				at("default", "domain", knownvalue.StringExact(installed.Domain)),
				at("default", "proxy", knownvalue.StringExact(installed.Proxy)),
				at("default", "realm", knownvalue.StringExact("*")),
				at("default", "protocol", knownvalue.StringExact("tcp")),
				at("default", "port", knownvalue.Int64Exact(5080)),
				at("two", "id", knownvalue.StringExact(fleet.URL+"/panels/2")),
				at("two", "address", knownvalue.StringExact(fleet.URL+"/panels/2/")),
				at("two", "user", knownvalue.StringExact("bob")),
				at("two", "password", knownvalue.Null()),
				expectSensitiveState("data.intercom_sip_config.default", "password"),
			},
		}},
	})
}

// A data source reads at plan, so a panel error surfaces there.
func TestAccSIPConfigDataSource_unsupported(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("").SetUnsupported(true)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerConfig(fleet.URL) + `data "intercom_sip_config" "x" {}`,
			PlanOnly:    true,
			ExpectError: wrapped(`Error Reading SIP Config.*HTTP 501.*no SIP settings API`),
		}},
	})
}
