package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Terraform reads ten data sources of one panel in parallel; the provider
// lets max_concurrent_requests of them reach the panel at once, no more.
func TestAccSIPConfigDataSource_concurrencyLimitOnOnePanel(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{1, 3} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			fleet := startFleet(t)
			fleet.SetLatency(100 * time.Millisecond)
			cfg := providerConfig(fleet.URL, fmt.Sprintf("max_concurrent_requests = %d", limit)) + `
data "intercom_sip_config" "reader" {
  count = 10
}`
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: cfg,
					ConfigStateChecks: []statecheck.StateCheck{checkFunc(func() error {
						if got := fleet.Panel("").MaxInFlight(); got != limit {
							return fmt.Errorf("the panel had %d requests in flight at once, want exactly %d", got, limit)
						}
						return nil
					})},
				}},
			})
		})
	}
}

// A fleet apply runs panels in parallel: the per-panel limit holds for
// each panel while many panels are served at once.
func TestAccSIPConfigResource_concurrencyAcrossPanels(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.SetLatency(100 * time.Millisecond)
	cfg := providerConfig(fleet.URL) + fmt.Sprintf(`
resource "intercom_sip_config" "flat" {
  count   = 10
  address = "%s/panels/${count.index}"
  user    = "flat-${count.index}"
  domain  = "pbx.example"
}`, fleet.URL)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{checkFunc(func() error {
				if got := fleet.MaxInFlight(); got != 1 {
					return fmt.Errorf("a panel had %d requests in flight at once, want 1 (max_concurrent_requests default)", got)
				}
				if got := fleet.MaxInFlightTotal(); got < 5 {
					return fmt.Errorf("at most %d panels were served at once; the provider serialises the fleet", got)
				}
				return nil
			})},
		}},
	})
}
