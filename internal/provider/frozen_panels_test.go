package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// frozenFleet is a configuration of two panels behind one gateway, each
// with a settings resource (intercom_timeouts, the settings engine) and a
// collection (intercom_apartments, the fast path). entry1 and entry2 are
// the bodies of the panels' panels entries, extra more provider lines.
type frozenFleet struct {
	*testFleet
	t *testing.T
}

func startFrozenFleet(t *testing.T) frozenFleet {
	t.Helper()
	return frozenFleet{startFleet(t), t}
}

// test runs steps on the fleet as an acceptance test.
func (f frozenFleet) test(steps []resource.TestStep) {
	f.t.Helper()
	resource.Test(f.t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(f.t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// appliedCLI is a Terraform CLI run that has applied both panels,
// managed, with door_open_ms 4000 and flat 12 of type 1.
func (f frozenFleet) appliedCLI() *cliRun {
	f.t.Helper()
	cli := newCLIRun(f.t)
	cli.write("main.tf", cliRequired+f.config("", "", "", both, 4000, 1))
	cli.run("init")
	cli.run("apply", "-auto-approve")
	return cli
}

func (f frozenFleet) panel(n int) string { return fmt.Sprintf("%s/panels/%d", f.URL, n) }

// config manages the panels named in which, with door_open_ms ms and
// flat 12 of type flatType. (terraform-plugin-testing cannot destroy
// for_each instances, so each panel has resources of its own.)
func (f frozenFleet) config(extra, entry1, entry2 string, which []string, ms, flatType int) string {
	cfg := fmt.Sprintf(`
provider "intercom" {
  username = %[2]q
  password = %[3]q
  %[4]s
  panels = {
    "%[1]s/panels/1" = { %[5]s }
    "%[1]s/panels/2" = { %[6]s }
  }
}
`, f.URL, testAdminUser, testAdminPassword, extra, entry1, entry2)
	for _, n := range which {
		cfg += fmt.Sprintf(`
resource "intercom_timeouts" "p%[2]s" {
  address      = "%[1]s/panels/%[2]s"
  door_open_ms = %[3]d
}

resource "intercom_apartments" "p%[2]s" {
  address    = "%[1]s/panels/%[2]s"
  apartments = { "12" = { type = %[4]d } }
}
`, f.URL, n, ms, flatType)
	}
	return cfg
}

// untouched checks that the second panel got no request since the
// counters were last reset.
func (f frozenFleet) untouched() statecheck.StateCheck {
	return checkFunc(func() error { return f.requestsTo2() })
}

// requestsTo2 is an error when the second panel got any request since
// the counters were last reset.
func (f frozenFleet) requestsTo2() error {
	p := f.Panel("/panels/2")
	if got := p.Requests("GET") + p.Requests("POST") + p.Requests("DELETE") + p.Requests("PUT"); got != 0 {
		return fmt.Errorf("frozen panel 2 got %d requests", got)
	}
	return nil
}

func (f frozenFleet) touched(n int) statecheck.StateCheck {
	return checkFunc(func() error {
		if got := f.Panel(fmt.Sprintf("/panels/%d", n)).Requests("POST"); got == 0 {
			return fmt.Errorf("managed panel %d got no write", n)
		}
		return nil
	})
}

func kept(n, ms int) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(fmt.Sprintf("intercom_timeouts.p%d", n), tfjsonpath.New("door_open_ms"), knownvalue.Int64Exact(int64(ms))),
		statecheck.ExpectKnownValue(fmt.Sprintf("intercom_apartments.p%d", n),
			tfjsonpath.New("apartments").AtMapKey("12").AtMapKey("type"), knownvalue.Int64Exact(1)),
	}
}

var both = []string{"1", "2"}

// A panel with managed = false gets no request during plan and apply; its
// resources keep their state and plan no change although the
// configuration differs, while the managed panel takes the change; once
// thawed, the panel takes it too.
func TestAccFrozenPanels_keepState(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	frozen := f.config("", "", "managed = false", both, 5000, 2)
	f.test([]resource.TestStep{
		{Config: f.config("", "", "", both, 4000, 1)},
		{
			PreConfig: f.ResetCounters,
			Config:    frozen,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("intercom_timeouts.p1", plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction("intercom_timeouts.p2", plancheck.ResourceActionNoop),
				plancheck.ExpectResourceAction("intercom_apartments.p2", plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: append(kept(2, 4000), f.untouched(), f.touched(1),
				statecheck.ExpectKnownValue("intercom_timeouts.p1", tfjsonpath.New("door_open_ms"), knownvalue.Int64Exact(5000))),
		},
		{Config: frozen, PlanOnly: true},
		{
			Config: f.config("", "", "", both, 5000, 2),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("intercom_timeouts.p2", tfjsonpath.New("door_open_ms"), knownvalue.Int64Exact(5000)),
			},
		},
	})
}

// A resource to be created on (or imported from) a frozen panel is
// refused at plan, naming the panel; nothing is sent to it.
func TestAccFrozenPanels_createRefused(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	f.test([]resource.TestStep{
		{Config: f.config("", "", "managed = false", []string{"1"}, 4000, 1)},
		{
			PreConfig:   f.ResetCounters,
			Config:      f.config("", "", "managed = false", both, 4000, 1),
			ExpectError: wrapped(`Panel Is Frozen .* is to be created on panel ` + f.panel(2) + `, but the panel is frozen: its panels entry`),
		},
		{
			Config:        f.config("", "", "managed = false", both, 4000, 1),
			ResourceName:  "intercom_timeouts.p2",
			ImportState:   true,
			ImportStateId: f.panel(2),
			ExpectError:   wrapped(`Panel Is Frozen .* intercom_timeouts is to be imported from panel ` + f.panel(2)),
		},
		{
			Config:            f.config("", "", "managed = false", []string{"1"}, 4000, 1),
			ConfigStateChecks: []statecheck.StateCheck{f.untouched()},
		},
	})
}

// A resource to be destroyed on a frozen panel is refused at plan, naming
// the panel; once the panel is managed again it goes as usual.
func TestAccFrozenPanels_destroyRefused(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	f.test([]resource.TestStep{
		{Config: f.config("", "", "", both, 4000, 1)},
		{
			PreConfig:   f.ResetCounters,
			Config:      f.config("", "", "managed = false", []string{"1"}, 4000, 1),
			ExpectError: wrapped(`Panel Is Frozen .* on panel ` + f.panel(2) + ` is to be destroyed, but the panel is frozen`),
		},
		{
			PreConfig: func() {
				if err := f.requestsTo2(); err != nil {
					t.Error(err)
				}
			},
			Config: f.config("", "", "", []string{"1"}, 4000, 1),
		},
	})
}

// A data source that reads a frozen panel fails, naming it.
func TestAccFrozenPanels_dataSourceRefused(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	f.test([]resource.TestStep{{
		Config:      f.config("", "", "managed = false", nil, 0, 0) + `data "intercom_timeouts" "x" { address = "` + f.panel(2) + `" }`,
		ExpectError: wrapped(`Panel Is Frozen .* data source intercom_timeouts reads panel ` + f.panel(2)),
	}})
	if got := f.Panel("/panels/2").Requests("GET"); got != 0 {
		t.Errorf("the frozen panel got %d GETs", got)
	}
}

// selected_panels manages only the panels it names, even one that its
// panels entry freezes, and freezes every other.
func TestAccSelectedPanels_overridesManaged(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	selected := `selected_panels = ["` + f.panel(1) + `"]`
	f.test([]resource.TestStep{
		{Config: f.config("", "", "", both, 4000, 1)},
		{
			PreConfig: f.ResetCounters,
			Config:    f.config(selected, "managed = false", "", both, 5000, 2),
			ConfigStateChecks: append(kept(2, 4000), f.untouched(), f.touched(1),
				statecheck.ExpectKnownValue("intercom_timeouts.p1", tfjsonpath.New("door_open_ms"), knownvalue.Int64Exact(5000))),
		},
		{Config: f.config("", "", "", both, 5000, 2)},
	})
}

// A name in selected_panels that names no panel stops the run, naming it:
// a typo would otherwise freeze every panel.
func TestAccSelectedPanels_unknownName(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	f.test([]resource.TestStep{{
		Config:      f.config(`selected_panels = ["`+f.panel(1)+`", "`+f.panel(3)+`"]`, "", "", both, 4000, 1),
		ExpectError: wrapped(`Unknown Selected Panel .* names ` + f.panel(3) + `, which is neither`),
	}})
}

// INTERCOM_SELECTED_PANELS selects as selected_panels does, comma-separated.
// It sets the environment, so it does not run in parallel.
func TestAccSelectedPanels_fromEnvironment(t *testing.T) {
	f := startFrozenFleet(t)
	f.test([]resource.TestStep{
		{Config: f.config("", "", "", both, 4000, 1)},
		{
			PreConfig: func() {
				f.ResetCounters()
				t.Setenv("INTERCOM_SELECTED_PANELS", " "+f.panel(1)+" ,")
			},
			Config:            f.config("", "", "", both, 5000, 2),
			ConfigStateChecks: append(kept(2, 4000), f.untouched(), f.touched(1)),
		},
		{
			PreConfig:   func() { t.Setenv("INTERCOM_SELECTED_PANELS", f.panel(1)+","+f.panel(9)) },
			Config:      f.config("", "", "", both, 5000, 2),
			ExpectError: wrapped(`Unknown Selected Panel .* names ` + f.panel(9)),
		},
		{
			PreConfig: func() { t.Setenv("INTERCOM_SELECTED_PANELS", "") },
			Config:    f.config("", "", "", both, 5000, 2),
		},
	})
}

// A frozen panel's resource plans no change even where the configuration
// sets an attribute that its state holds as null (the SIP password here),
// a plan that Terraform takes from the prior state only because the
// provider says so (see frozenServer).
func TestAccFrozenPanels_nullToSet(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	sip := func(entry2, password string) string {
		return f.config("", "", entry2, nil, 0, 0) + fmt.Sprintf(`
resource "intercom_sip_config" "p2" {
  address = %q
  user    = "alice"
  domain  = "d"
  %s
}
`, f.panel(2), password)
	}
	f.test([]resource.TestStep{
		{Config: sip("", "")},
		{
			PreConfig: f.ResetCounters,
			Config:    sip("managed = false", `password = "`+testSIPPassword+`"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("intercom_sip_config.p2", plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{f.untouched(),
				statecheck.ExpectKnownValue("intercom_sip_config.p2", tfjsonpath.New("password"), knownvalue.Null())},
		},
		{Config: sip("", "")},
	})
}

// A plan with frozen panels gives one warning that names them, however
// many of their resources it keeps, and plans only the managed panel.
func TestAccFrozenPanels_oneWarning(t *testing.T) {
	t.Parallel()
	f := startFrozenFleet(t)
	cli := f.appliedCLI()
	cli.write("main.tf", cliRequired+f.config("", "", "managed = false", both, 5000, 2))
	out := cli.run("plan")
	t.Logf("terraform printed:\n%s", out)
	flat := strings.Join(strings.Fields(out), " ")
	if n := strings.Count(flat, "Warning: Frozen Panels"); n != 1 {
		t.Errorf("the plan gives %d Frozen Panels warnings, want 1:\n%s", n, out)
	}
	for _, want := range []string{"managed = false in panels: " + f.panel(2), "Plan: 0 to add, 2 to change, 0 to destroy"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan lacks %q:\n%s", want, out)
		}
	}
}

// A plan saved before a panel froze fails at apply for that panel's
// resources, and nothing is sent to it; the other panel takes its change.
// It sets the environment (the provider runs in this process), so it does
// not run in parallel.
func TestAccFrozenPanels_savedPlan(t *testing.T) {
	f := startFrozenFleet(t)
	cli := f.appliedCLI()
	cli.write("main.tf", cliRequired+f.config("", "", "", both, 5000, 2))
	cli.run("plan", "-out=tfplan")
	f.ResetCounters()
	t.Setenv("INTERCOM_SELECTED_PANELS", f.panel(1))
	out := cli.runFail("apply", "tfplan")
	flat := strings.Join(strings.Fields(out), " ")
	// Terraform plans each change again at apply; the frozen panel's
	// resources now plan no change, which Terraform reports as an
	// inconsistent final plan, and applies nothing to them.
	for _, want := range []string{"Provider produced inconsistent final plan", "for intercom_timeouts.p2", "for intercom_apartments.p2"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the apply lacks %q:\n%s", want, out)
		}
	}
	if err := f.requestsTo2(); err != nil {
		t.Error(err)
	}
	if f.Panel("/panels/1").Requests("POST") == 0 {
		t.Errorf("the selected panel got no write:\n%s", out)
	}
}
