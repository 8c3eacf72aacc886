package fastpath

import (
	"context"
	"encoding/json"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// validate runs the schema's validators as the framework does: each
// attribute's, then the map's, then each attribute's of each item.
func (c *compiled) validate(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) *tfprotov6.ValidateResourceConfigResponse {
	var diags diag.Diagnostics
	config, err := decode(c.stateType, req.Config)
	if err != nil {
		addBug(&diags, err)
		return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: protoDiagnostics(diags)}
	}
	if !config.IsNull() && config.IsKnown() {
		c.validateKnown(ctx, config, &diags)
	}
	return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: protoDiagnostics(diags)}
}

func (c *compiled) validateKnown(ctx context.Context, config tftypes.Value, diags *diag.Diagnostics) {
	var top map[string]tftypes.Value
	if err := config.As(&top); err != nil {
		addBug(diags, err)
		return
	}
	cfg := tfsdk.Config{Schema: c.Schema, Raw: config}
	for _, s := range c.top {
		s.check(ctx, cfg, path.Root(s.name), top[s.name], diags)
	}
	items, err := Items(top[c.mapName])
	if err != nil {
		addBug(diags, err)
		return
	}
	if items == nil {
		return
	}
	at := path.Root(c.mapName)
	var own diag.Diagnostics
	for _, check := range c.mapChecks {
		check.ValidateRawMap(ctx, at, items, &own)
	}
	diags.Append(own...)
	// The framework checks no item of a map that its own validators
	// refused.
	if own.HasError() {
		return
	}
	for key, item := range items {
		// The framework reads each attribute of a null item, and (v1.19)
		// of an unknown one too, as null, and checks it so.
		values := map[string]tftypes.Value{}
		if item.IsKnown() && !item.IsNull() && item.As(&values) != nil {
			continue
		}
		for _, s := range c.items {
			v, ok := values[s.name]
			if !ok {
				v = tftypes.NewValue(c.objectType.AttributeTypes[s.name], nil)
			}
			s.check(ctx, cfg, at.AtMapKey(key).AtName(s.name), v, diags)
		}
	}
}

// plan is the framework's plan: the configuration, with what it leaves
// out of a Computed attribute taken from prior state; the schema's
// defaults where the configuration is null; a Computed attribute still
// null and without default is unknown when anything changed; then the
// resource's ModifyPlan. The proposed new state is not decoded: it adds
// nothing to the configuration that this does not, and each decode is a
// copy of every item.
func (c *compiled) plan(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedPrivate: req.PriorPrivate, PlannedState: req.ProposedNewState}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = protoDiagnostics(diags) }()
	values, err := decodeAll(c.stateType, req.Config, req.PriorState)
	if err == nil {
		resp.PlannedIdentity, err = passIdentity(c.IdentityType, req.PriorIdentity)
	}
	if err != nil {
		addBug(&diags, err)
		return resp
	}
	config, prior := values[0], values[1]
	if config.IsNull() {
		resp.PlannedState = encode(c.stateType, config, &diags)
		return resp
	}
	planned, err := c.proposed(config, prior)
	if err != nil {
		addBug(&diags, err)
		return resp
	}
	planned, replace, more := c.New().PlanRaw(ctx, config, planned, prior)
	diags.Append(more...)
	resp.PlannedState = encode(c.stateType, planned, &diags)
	for _, p := range replace {
		resp.RequiresReplace = append(resp.RequiresReplace, attributePath(p))
	}
	return resp
}

func (c *compiled) proposed(config, prior tftypes.Value) (tftypes.Value, error) {
	var cfg, was map[string]tftypes.Value
	if err := config.As(&cfg); err != nil {
		return tftypes.Value{}, err
	}
	if !prior.IsNull() {
		if err := prior.As(&was); err != nil {
			return tftypes.Value{}, err
		}
	}
	plan := make(map[string]tftypes.Value, len(cfg))
	for k, v := range cfg {
		plan[k] = v
	}
	for _, s := range c.top {
		if !cfg[s.name].IsNull() {
			continue
		}
		switch {
		case s.def.Type() != nil:
			plan[s.name] = s.def
		case s.computed && was != nil:
			plan[s.name] = was[s.name]
		}
	}
	items, err := c.itemsWithDefaults(cfg[c.mapName])
	if err != nil {
		return tftypes.Value{}, err
	}
	plan[c.mapName] = items
	if was == nil || !c.same(plan, was) {
		for _, s := range c.top {
			if s.computed && s.def.Type() == nil && cfg[s.name].IsNull() {
				plan[s.name] = tftypes.NewValue(c.stateType.AttributeTypes[s.name], tftypes.UnknownValue)
			}
		}
	}
	return tftypes.NewValue(c.stateType, plan), nil
}

func (c *compiled) itemsWithDefaults(items tftypes.Value) (tftypes.Value, error) {
	m, err := Items(items)
	if err != nil || m == nil {
		return items, err
	}
	// As hands out a value's own map: the configuration's items are
	// copied, not changed.
	out := make(map[string]tftypes.Value, len(m))
	for key, item := range m {
		out[key] = item
		var values map[string]tftypes.Value
		if !item.IsKnown() || item.IsNull() {
			continue
		}
		if err := item.As(&values); err != nil {
			return tftypes.Value{}, err
		}
		values = maps.Clone(values)
		for _, s := range c.items {
			if values[s.name].IsNull() && s.def.Type() != nil {
				values[s.name] = s.def
			}
		}
		out[key] = tftypes.NewValue(c.objectType, values)
	}
	return tftypes.NewValue(c.mapType, out), nil
}

// same compares two states attribute by attribute and the map item by
// item: tftypes' Equal on a map walks each value's path from the root.
func (c *compiled) same(a, b map[string]tftypes.Value) bool {
	for name, v := range a {
		if name == c.mapName {
			continue
		}
		if !v.Equal(b[name]) {
			return false
		}
	}
	x, errX := Items(a[c.mapName])
	y, errY := Items(b[c.mapName])
	if errX != nil || errY != nil || a[c.mapName].IsNull() != b[c.mapName].IsNull() ||
		a[c.mapName].IsKnown() != b[c.mapName].IsKnown() || len(x) != len(y) {
		return false
	}
	for k, v := range x {
		if w, ok := y[k]; !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}

// apply creates, updates or (to a null plan) deletes. The configuration
// is not decoded: the resource applies the plan.
func (c *compiled) apply(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) *tfprotov6.ApplyResourceChangeResponse {
	resp := &tfprotov6.ApplyResourceChangeResponse{Private: req.PlannedPrivate, NewState: req.PriorState}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = protoDiagnostics(diags) }()
	values, err := decodeAll(c.stateType, req.PlannedState, req.PriorState)
	if err != nil {
		addBug(&diags, err)
		return resp
	}
	state, more := c.New().ApplyRaw(ctx, values[0], values[1])
	diags.Append(more...)
	resp.NewState = encode(c.stateType, state, &diags)
	resp.NewIdentity = c.identity(state, &diags)
	return resp
}

func (c *compiled) read(ctx context.Context, req *tfprotov6.ReadResourceRequest) *tfprotov6.ReadResourceResponse {
	resp := &tfprotov6.ReadResourceResponse{Private: req.Private, NewState: req.CurrentState}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = protoDiagnostics(diags) }()
	state, err := decode(c.stateType, req.CurrentState)
	if err != nil {
		addBug(&diags, err)
		return resp
	}
	state, more := c.New().ReadRaw(ctx, state)
	diags.Append(more...)
	resp.NewState = encode(c.stateType, state, &diags)
	resp.NewIdentity = c.identity(state, &diags)
	return resp
}

func (c *compiled) identity(state tftypes.Value, diags *diag.Diagnostics) *tfprotov6.ResourceIdentityData {
	if c.IdentityType == nil {
		return nil
	}
	identity := tftypes.NewValue(c.IdentityType, nil)
	if !state.IsNull() {
		identity = c.New().Identity(state)
	}
	dv := encode(c.IdentityType, identity, diags)
	if dv == nil {
		return nil
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: dv}
}

// upgrade hands state that this schema wrote back to Terraform as the JSON
// it is, for Terraform to decode: the framework would decode every item
// into values and encode them again, a third of the provider's time in a
// refresh of 9,999 flats. State of another version, or holding an
// attribute this schema lacks, which Terraform would refuse, goes to the
// framework.
func (c *compiled) upgrade(req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, bool) {
	if req.Version != c.Schema.Version || req.RawState == nil || !c.onlyKnownAttributes(req.RawState.JSON) {
		return nil, false
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: &tfprotov6.DynamicValue{JSON: req.RawState.JSON}}, true
}

// onlyKnownAttributes tells whether state JSON names no attribute, of the
// resource or of an item, that the schema lacks.
func (c *compiled) onlyKnownAttributes(state []byte) bool {
	var top map[string]json.RawMessage
	if len(state) == 0 || json.Unmarshal(state, &top) != nil {
		return false
	}
	for name := range top {
		if _, ok := c.stateType.AttributeTypes[name]; !ok {
			return false
		}
	}
	var items map[string]map[string]json.RawMessage
	if json.Unmarshal(top[c.mapName], &items) != nil {
		return false
	}
	for _, item := range items {
		for name := range item {
			if _, ok := c.objectType.AttributeTypes[name]; !ok {
				return false
			}
		}
	}
	return true
}
