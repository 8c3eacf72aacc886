package provider

import (
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// serveOn serves h on each loopback address at one port, which it picks.
func serveOn(t *testing.T, h http.Handler, port int, hosts ...string) int {
	t.Helper()
	for _, host := range hosts {
		ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", net.JoinHostPort(host, strconv.Itoa(port)))
		if err != nil {
			t.Fatal(err)
		}
		if addr, ok := ln.Addr().(*net.TCPAddr); ok {
			port = addr.Port
		}
		srv := &http.Server{Handler: h}
		go func() { _ = srv.Serve(ln) }()
		t.Cleanup(func() { srv.Close() })
	}
	return port
}

// loopbackFleet is one emulator on 127.0.0.2, .3 and .5 at one port, and
// panels just outside what a query of 127.0.0.0/29 on that port may touch.
func loopbackFleet(t *testing.T) (port int, inside *fakepanel.Server, outside *fakepanel.Server) {
	t.Helper()
	inside, outside = fakepanel.New(), fakepanel.New()
	for _, s := range []*fakepanel.Server{inside, outside} {
		s.SetCredentials(testAdminUser, testAdminPassword)
	}
	port = serveOn(t, inside, 0, "127.0.0.2", "127.0.0.3", "127.0.0.5")
	serveOn(t, outside, port, "127.0.0.9")
	serveOn(t, outside, 0, "127.0.0.4")
	return port, inside, outside
}

// queryCLI is an initialised Terraform CLI run whose provider has the
// credentials and no address, with query as fleet.tfquery.hcl. It skips
// the test on an engine without terraform query.
func queryCLI(t *testing.T, query string) *cliRun {
	t.Helper()
	cli := newCLIRun(t)
	if !cliAtLeast(t, cli, 14) {
		t.Skip("terraform query needs Terraform 1.14 or later")
	}
	cli.write("main.tf", cliRequired+fmt.Sprintf("provider \"intercom\" {\n  username = %q\n  password = %q\n}\n", testAdminUser, testAdminPassword))
	cli.write("fleet.tfquery.hcl", query)
	cli.run("init")
	return cli
}

// expectPureImports fails the test unless the plan of the configuration
// that a query generated imports want resources and changes none.
func expectPureImports(t *testing.T, cli *cliRun, want int) {
	t.Helper()
	actions := cli.planActions()
	for name, a := range actions {
		if got := strings.Join(a, ","); got != "no-op" {
			t.Errorf("%s: the plan of the generated file does %q, want a pure import", name, got)
		}
	}
	if len(actions) != want {
		t.Errorf("the plan has %d resources, want %d: %v", len(actions), want, actions)
	}
}

func TestAccSettingsResources_query(t *testing.T) {
	t.Parallel()
	port, inside, outside := loopbackFleet(t)
	inside.Panel("").SetConfig(installed)
	address := func(host string) string { return fmt.Sprintf("http://%s:%d", host, port) }
	provider := `provider "intercom" {
  username = "` + testAdminUser + `"
  password = "` + testAdminPassword + `"
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: provider},
			{
				Query: true,
				Config: fmt.Sprintf(`
list "intercom_timeouts" "fleet" {
  provider         = intercom
  include_resource = true
  config {
    cidr        = "127.0.0.0/29"
    port        = %d
    concurrency = 4
  }
}

list "intercom_sip_config" "named" {
  provider = intercom
  config {
    addresses = ["127.0.0.3:%d", "127.0.0.6:%d"]
  }
}
`, port, port, port),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("intercom_timeouts.fleet", 3),
					querycheck.ExpectIdentity("intercom_timeouts.fleet", map[string]knownvalue.Check{"address": knownvalue.StringExact(address("127.0.0.2"))}),
					querycheck.ExpectIdentity("intercom_timeouts.fleet", map[string]knownvalue.Check{"address": knownvalue.StringExact(address("127.0.0.5"))}),
					querycheck.ExpectLength("intercom_sip_config.named", 1),
					querycheck.ExpectIdentity("intercom_sip_config.named", map[string]knownvalue.Check{"address": knownvalue.StringExact(address("127.0.0.3"))}),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := outside.Requests("GET") + outside.Requests("POST"); n != 0 {
				return fmt.Errorf("the query sent %d requests outside its range and port", n)
			}
			if n := inside.Requests("POST"); n != 0 {
				return fmt.Errorf("the query wrote to panels %d times", n)
			}
			return nil
		},
	})
}

// The adoption flow: query, generate, plan as pure imports.
func TestAccSettingsResources_queryGenerateConfig(t *testing.T) {
	t.Parallel()
	port, inside, _ := loopbackFleet(t)
	inside.Panel("").SetConfig(installed)
	cli := queryCLI(t, fmt.Sprintf(`
list "intercom_timeouts" "fleet" {
  provider         = intercom
  include_resource = true
  config {
    cidr = "127.0.0.0/29"
    port = %[1]d
  }
}

list "intercom_sip_config" "fleet" {
  provider         = intercom
  include_resource = true
  config {
    cidr = "127.0.0.0/29"
    port = %[1]d
  }
}
`, port))
	cli.run("query", "-generate-config-out=panels.tf")
	generated := cli.read("panels.tf")
	t.Logf("generated:\n%s", generated)
	if strings.Contains(generated, testSIPPassword) {
		t.Fatal("the generated configuration holds the SIP password")
	}
	// The operator fills in the secrets the query leaves out.
	password := regexp.MustCompile(`(?m)^(\s*password\s*=\s*)null.*$`)
	cli.write("panels.tf", password.ReplaceAllString(generated, `${1}"`+testSIPPassword+`"`))
	if n := strings.Count(generated, "import {"); n != 6 {
		t.Errorf("the generated file has %d import blocks, want 6 (2 blocks x 3 panels)", n)
	}
	expectPureImports(t, cli, 6)
	if n := inside.Requests("POST"); n != 0 {
		t.Errorf("adopting wrote to the panels %d times", n)
	}
}

// An action_trigger on a resource reboots the panel after an update.
func TestAccRebootAction_trigger(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetRebootTime(1e9) // 1 s, longer than a probe, so that the drop is seen
	cfg := func(ms int) string {
		return providerConfig(fleet.URL) + fmt.Sprintf(`
action "intercom_reboot" "after" {
  config {
    timeout = "30s"
  }
}

resource "intercom_timeouts" "t" {
  door_open_ms = %d
  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.intercom_reboot.after]
    }
  }
}
`, ms)
	}
	reboots := func(n int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := panel.Reboots(); got != n {
				return fmt.Errorf("the panel rebooted %d times, want %d", got, n)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(5000), Check: reboots(0)},
			{Config: cfg(6000), Check: reboots(1)},
		},
	})
}
