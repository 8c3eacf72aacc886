package provider

import (
	"context"
	"encoding/json"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// expectDrift checks that the plan reports, as drift found by refresh, a
// change of attr on the test resource.
func expectDrift(attr string) plancheck.PlanCheck { return driftCheck{testResource, attr} }

type driftCheck struct{ addr, attr string }

func (c driftCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceDrift {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		if fmt.Sprint(before[c.attr]) != fmt.Sprint(after[c.attr]) {
			return
		}
	}
	resp.Error = fmt.Errorf("the plan shows no drift of %s.%s", c.addr, c.attr)
}

// expectSensitivePlan checks that the plan marks attr of addr sensitive,
// so Terraform prints it as (sensitive value).
func expectSensitivePlan(addr, attr string) plancheck.PlanCheck { return sensitivePlan{addr, attr} }

type sensitivePlan struct{ addr, attr string }

func (c sensitivePlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address == c.addr {
			if m, ok := rc.Change.AfterSensitive.(map[string]any); ok && m[c.attr] == true {
				return
			}
		}
	}
	resp.Error = fmt.Errorf("the plan does not mark %s.%s sensitive", c.addr, c.attr)
}

// expectSensitiveState checks that state marks attr of addr sensitive.
func expectSensitiveState(addr, attr string) statecheck.StateCheck { return sensitiveState{addr, attr} }

type sensitiveState struct{ addr, attr string }

func (c sensitiveState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range allResources(req.State.Values.RootModule) {
		if r.Address != c.addr {
			continue
		}
		var sens map[string]any
		if err := json.Unmarshal(r.SensitiveValues, &sens); err == nil && sens[c.attr] == true {
			return
		}
	}
	resp.Error = fmt.Errorf("state does not mark %s.%s sensitive", c.addr, c.attr)
}

func allResources(m *tfjson.StateModule) []*tfjson.StateResource {
	if m == nil {
		return nil
	}
	out := append([]*tfjson.StateResource(nil), m.Resources...)
	for _, child := range m.ChildModules {
		out = append(out, allResources(child)...)
	}
	return out
}

// checkFunc runs f as a state check, for assertions about the panels.
func checkFunc(f func() error) statecheck.StateCheck { return funcCheck(f) }

type funcCheck func() error

func (f funcCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}
