package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Every settings resource imports by its identity, the panel's address,
// as a pure import (Terraform and OpenTofu 1.12+).
func TestAccSettingsResources_importByIdentity(t *testing.T) {
	t.Parallel()
	for _, tc := range settingsCases {
		t.Run(tc.resource, func(t *testing.T) {
			t.Parallel()
			fleet := startFleet(t)
			lines := map[string]string{}
			for _, s := range tc.create {
				lines[s.attr] = s.hcl
			}
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: tc.config(fleet.URL, lines),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectIdentity(tc.address(), map[string]knownvalue.Check{"address": knownvalue.StringExact(fleet.URL)}),
						},
					},
					{
						ResourceName:    tc.address(),
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
						ImportPlanChecks: resource.ImportPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tc.address(), plancheck.ResourceActionNoop)},
						},
					},
				},
			})
		})
	}
}

// plan -generate-config-out writes, for a panel already in the field, a
// block of every settings resource that plans as a pure import; the
// sensitive codes come out null, which leaves them unmanaged.
func TestAccSettingsResources_generateConfig(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	address := fleet.URL + "/panels/3"
	var imports strings.Builder
	for _, tc := range settingsCases {
		fmt.Fprintf(&imports, "import {\n  to = %s\n  id = %q\n}\n", strings.Replace(tc.address(), ".test", ".adopted", 1), address)
	}
	cli := newCLIRun(t)
	cli.write("main.tf", cliRequired+fmt.Sprintf("provider \"intercom\" {\n  username = %q\n  password = %q\n}\n",
		testAdminUser, testAdminPassword)+imports.String())
	cli.run("init")
	cli.run("plan", "-generate-config-out=generated.tf")
	t.Logf("generated configuration:\n%s", cli.read("generated.tf"))
	actions := cli.planActions()
	for _, tc := range settingsCases {
		name := strings.Replace(tc.address(), ".test", ".adopted", 1)
		if got := strings.Join(actions[name], ","); got != "no-op" {
			t.Errorf("%s: the plan after generating its configuration does %q, want a pure import", name, got)
		}
	}
	if n := fleet.Requests("POST"); n != 0 {
		t.Errorf("generating configuration wrote to the panel %d times", n)
	}
}
