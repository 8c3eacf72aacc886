package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// gconfigPanel is one panel with every block that the aggregate serves.
func gconfigPanel(fleetURL string) string {
	return providerConfig(fleetURL) + `
resource "intercom_timeouts" "p" { door_open_ms = 5000 }
resource "intercom_volume" "p" { panel_volume = 70 }
resource "intercom_special_modes" "p" { all_keys_open = 0 }
resource "intercom_line_levels" "p" { hung_level = 860 }
resource "intercom_service_codes" "p" { test_menu_code = "581427" }
resource "intercom_dtmf" "p" { open_door_code = "14379" }
resource "intercom_display_texts" "p" { idle = "ПРИВЕТ" }
resource "intercom_heating" "p" { heat_on_temperature = -20 }
`
}

var gconfigPaths = []string{"timeouts", "volume", "special_modes", "line_state_levels", "default_codes", "dtmf_codes", "text", "ip_block"}

// requests checks the emulator's request counts by method and path.
func requests(p *fakepanel.Panel, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for key, n := range want {
			method, path, _ := strings.Cut(key, " ")
			if got := p.RequestsTo(method, path); got != n {
				return fmt.Errorf("%s %s: %d requests, want %d", method, path, got, n)
			}
		}
		return nil
	}
}

// A refresh of every gconfig block of a panel costs one aggregate GET, and
// none of their own; firmware without the aggregate is found out once.
func TestAccSettingsResources_oneReadPerPanel(t *testing.T) {
	t.Parallel()
	for _, aggregate := range []bool{true, false} {
		t.Run(fmt.Sprintf("aggregate=%v", aggregate), func(t *testing.T) {
			t.Parallel()
			fleet := startFleet(t)
			panel := fleet.Panel("")
			panel.SetAggregateUnsupported(!aggregate)
			perBlock := 0
			if !aggregate {
				perBlock = 1
			}
			want := map[string]int{"GET intercom/gconfig": 1, "GET intercom/dtmf/method": 1}
			for _, p := range gconfigPaths {
				want["GET intercom/gconfig/"+p] = perBlock
			}
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: gconfigPanel(fleet.URL)},
					{
						// A refresh-only apply runs one refresh and writes nothing.
						PreConfig:    func() { fleet.ResetCounters() },
						RefreshState: true,
						Check:        requests(panel, want),
					},
				},
			})
		})
	}
}

// A create reads the panel once (for the attributes it leaves to the
// panel), writes once and reads back once; an update writes and reads
// back, after the one read of the refresh.
func TestAccSettingsResources_requestsPerWrite(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cfg := func(ms int) string {
		return providerConfig(fleet.URL) + fmt.Sprintf(`resource "intercom_timeouts" "p" { door_open_ms = %d }`, ms)
	}
	reset := func() { fleet.ResetCounters() }
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{PreConfig: reset, Config: cfg(5000), Check: requests(panel, map[string]int{
				"GET intercom/gconfig": 1, "POST intercom/gconfig/timeouts": 1, "GET intercom/gconfig/timeouts": 1,
			})},
			{PreConfig: reset, Config: cfg(6000), Check: requests(panel, map[string]int{
				"GET intercom/gconfig": 1, "POST intercom/gconfig/timeouts": 1, "GET intercom/gconfig/timeouts": 1,
			})},
		},
	})
}

// A time zone the panel does not list is refused before the POST, with
// the closest names it does list.
func TestAccSettingsResources_ntpTimeZone(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerConfig(fleet.URL) + `resource "intercom_ntp" "p" { time_zone = "RussianStandartTime-3" }`,
			ExpectError: wrapped(`does not list the time zone "RussianStandartTime-3". The closest it lists are "RussianStandardTime-3"`),
		}},
	})
	if n := fleet.Panel("").RequestsTo("POST", "network/ntp"); n != 0 {
		t.Errorf("an unlisted time zone was posted %d times", n)
	}
}

func TestAccTimeZonesDataSource(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(fleet.URL) + `data "intercom_time_zones" "all" {}`,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.intercom_time_zones.all", "names.#", "128"),
				resource.TestCheckTypeSetElemAttr("data.intercom_time_zones.all", "names.*", "RussianStandardTime-3"),
				resource.TestCheckResourceAttr("data.intercom_time_zones.all", "id", fleet.URL),
			),
		}},
	})
}

// The read-only facts: device info decoded with and without the list's
// [ ], and the network settings.
func TestAccFactsDataSources(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("/bare").SetBareLists(true)
	check := func(name, attr, want string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttr("data."+name, attr, want)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(fleet.URL) + `
data "intercom_device_info" "p" {}
data "intercom_device_info" "bare" { address = "` + fleet.URL + `/bare" }
data "intercom_network" "p" {}
`,
			Check: resource.ComposeTestCheckFunc(
				check("intercom_device_info.p", "manufacturer", "Lartech"),
				check("intercom_device_info.p", "device_name", "IP Videointercom"),
				check("intercom_device_info.p", "cpu_firmware", "V0.4.7 build 2024.03.15"),
				check("intercom_device_info.bare", "serial_number", "000000"),
				check("intercom_device_info.bare", "firmware_version", "V0.4.0 build 2024.02.05"),
				check("intercom_network.p", "ipv4_address", "172.24.1.50"),
				check("intercom_network.p", "method", "static"),
				check("intercom_network.p", "dns.#", "2"),
				check("intercom_network.p", "dns.1", "8.8.8.8"),
				check("intercom_network.p", "mac", "52:9c:21:e4:7d:4c"),
			),
		}},
	})
}
