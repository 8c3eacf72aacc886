package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

const (
	testWOPassword  = "wo-Pw-5c1e7f"
	testWOPassword2 = "wo-Pw-rotated-83d0"
)

// The last release without write-only attributes, of either engine.
var beforeWriteOnly = version.Must(version.NewVersion("1.10.999"))

func writeOnlyConfig(url, password string, ver int, extra ...string) string {
	body := append([]string{`user = "alice"`, `domain = "sip.example"`,
		fmt.Sprintf("password_wo = %q", password), fmt.Sprintf("password_wo_version = %d", ver)}, extra...)
	return providerConfig(url) + sipConfig(body...)
}

// password_wo reaches the panel on every write, never enters plan or
// state, and a change of the password at the panel is still detected.
func TestAccSIPConfigResource_passwordWriteOnly(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panelPassword := func(want string) statecheck.StateCheck {
		return checkFunc(func() error {
			if got := panel.Config().Password; got != want {
				return fmt.Errorf("panel password = %q, want %q", got, want)
			}
			return nil
		})
	}
	noSecretInPlan := []plancheck.PlanCheck{absentFromPlan(testWOPassword), absentFromPlan(testWOPassword2)}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           writeOnlyConfig(fleet.URL, testWOPassword, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: noSecretInPlan},
				ConfigStateChecks: []statecheck.StateCheck{
					panelPassword(testWOPassword),
					expectState("password", knownvalue.Null()),
					expectState("password_wo", knownvalue.Null()),
					expectState("password_wo_version", knownvalue.Int64Exact(1)),
					absentFromState(testWOPassword),
				},
			},
			// An update of another field sends the password again, from the
			// configuration, since state does not have it.
			{
				Config:            writeOnlyConfig(fleet.URL, testWOPassword, 1, `port = 5070`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: noSecretInPlan},
				ConfigStateChecks: []statecheck.StateCheck{panelPassword(testWOPassword), absentFromState(testWOPassword)},
			},
			{Config: writeOnlyConfig(fleet.URL, testWOPassword, 1, `port = 5070`), PlanOnly: true},
			// Drift: a technician changes the password at the panel.
			{
				PreConfig: func() {
					c := panel.Config()
					c.Password = "changed-at-panel"
					panel.SetConfig(c)
				},
				Config: writeOnlyConfig(fleet.URL, testWOPassword, 1, `port = 5070`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(noSecretInPlan,
					plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate),
					expectDrift("password_wo_version"))},
				ConfigStateChecks: []statecheck.StateCheck{
					panelPassword(testWOPassword),
					expectState("password_wo_version", knownvalue.Int64Exact(1)),
				},
			},
			{Config: writeOnlyConfig(fleet.URL, testWOPassword, 1, `port = 5070`), PlanOnly: true},
			// Rotation: a new password with a new version.
			{
				Config:            writeOnlyConfig(fleet.URL, testWOPassword2, 2, `port = 5070`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: noSecretInPlan},
				ConfigStateChecks: []statecheck.StateCheck{panelPassword(testWOPassword2), absentFromState(testWOPassword2)},
			},
			// Back to a password in state: the write-only record is dropped
			// and the plain attribute works as before.
			{
				Config: providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `domain = "sip.example"`, `port = 5070`,
					`password = "`+testSIPPassword+`"`),
				ConfigStateChecks: []statecheck.StateCheck{panelPassword(testSIPPassword), expectState("password", knownvalue.StringExact(testSIPPassword))},
			},
		},
	})
}

func TestAccSIPConfigResource_passwordWriteOnlyConflicts(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      writeOnlyConfig(fleet.URL, testWOPassword, 1, `password = "x"`),
				PlanOnly:    true,
				ExpectError: wrapped(`"password_wo" cannot be specified when "password" is specified`),
			},
			{
				Config:      providerConfig(fleet.URL) + sipConfig(`user = "a"`, `domain = "d"`, `password_wo = "x"`),
				PlanOnly:    true,
				ExpectError: wrapped(`"password_wo_version" must be specified when "password_wo" is specified`),
			},
			{
				Config: providerConfig(fleet.URL) + sipConfig(`user = "a"`, `domain = "d"`, `password_wo = "x"`,
					`password_wo_version = 1.5`),
				PlanOnly:    true,
				ExpectError: wrapped(`password_wo_version must be a whole number, not 1.5`),
			},
		},
	})
}

// Engines before write-only attributes get an error that names the
// version needed, instead of a password silently kept out of the request.
func TestAccSIPConfigResource_passwordWriteOnlyUnsupported(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipAbove(beforeWriteOnly)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      writeOnlyConfig(fleet.URL, testWOPassword, 1),
			PlanOnly:    true,
			ExpectError: wrapped(`password_wo.*only supported in Terraform 1.11 and later`),
		}},
	})
	if n := fleet.Requests("POST"); n != 0 {
		t.Errorf("the panel got %d POSTs", n)
	}
}

func TestAccSIPConfigResource_importByIdentity(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `domain = "sip.example"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(testResource, map[string]knownvalue.Check{"address": knownvalue.StringExact(fleet.URL)}),
				},
			},
			{
				ResourceName:    testResource,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionNoop)},
				},
			},
		},
	})
}

// absentFromPlan fails when secret appears in what the plan records of
// values: planned values, changes, drift and prior state. (The plan's copy
// of the configuration holds literals as written; real configurations pass
// the password in through a variable.)
func absentFromPlan(secret string) plancheck.PlanCheck { return absentPlan(secret) }

type absentPlan string

func (s absentPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	p := req.Plan
	raw, err := json.Marshal([]any{p.PlannedValues, p.ResourceChanges, p.ResourceDrift, p.PriorState})
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(raw), string(s)) {
		resp.Error = fmt.Errorf("the write-only password appears in the plan")
	}
}

// absentFromState fails when secret appears anywhere in the state JSON.
func absentFromState(secret string) statecheck.StateCheck { return absentState(secret) }

type absentState string

func (s absentState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if !strings.Contains(string(raw), "password_wo_version") {
		resp.Error = fmt.Errorf("the state JSON does not hold the resource; the check would prove nothing")
		return
	}
	if strings.Contains(string(raw), string(s)) {
		resp.Error = fmt.Errorf("the write-only password appears in state")
	}
}
