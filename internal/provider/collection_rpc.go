package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The framework (v1.19) validates and plans a map of nested objects one
// element at a time, and for each element copies the whole map
// (fwserver's mapElemObject; MarkComputedNilsAsUnknown walks every value's
// path from the root): quadratic in the items, two minutes to plan a
// building of 9,999 flats. So the server answers the collection
// resources' validate, plan, apply, read and state upgrade itself, on raw
// values in one pass over the items, and hands the rest to the resource's
// own methods. Schema and import stay with the framework: they cost
// nothing per item.

// collectionServer is the framework's server with the collection
// resources' per-item calls answered by collectionRPC.
type collectionServer struct {
	tfprotov6.ProviderServer
	listsAndActions
	byType map[string]collectionRPC
}

func withCollections(server tfprotov6.ProviderServer, p *intercomProvider) tfprotov6.ProviderServer {
	s := collectionServer{server, listsAndActions{server}, map[string]collectionRPC{}}
	for _, c := range collectionSpecs {
		s.byType["intercom_"+c.typeName] = collectionRPC{c, p}
	}
	return s
}

// routed answers a call for a collection type with ours, and any other
// with the framework's.
func routed[Req, Resp any](s collectionServer, ctx context.Context, typeName string, req Req,
	ours func(collectionRPC, context.Context, Req) Resp, framework func(context.Context, Req) (Resp, error),
) (Resp, error) {
	if c, ok := s.byType[typeName]; ok {
		return ours(c, ctx, req), nil
	}
	return framework(ctx, req)
}

func (s collectionServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if c, ok := s.byType[req.TypeName]; ok {
		if resp, ok := c.upgrade(req); ok {
			return resp, nil
		}
	}
	return s.ProviderServer.UpgradeResourceState(ctx, req)
}

func (s collectionServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return routed(s, ctx, req.TypeName, req, collectionRPC.validate, s.ProviderServer.ValidateResourceConfig)
}

func (s collectionServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return routed(s, ctx, req.TypeName, req, collectionRPC.plan, s.ProviderServer.PlanResourceChange)
}

func (s collectionServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return routed(s, ctx, req.TypeName, req, collectionRPC.apply, s.ProviderServer.ApplyResourceChange)
}

func (s collectionServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return routed(s, ctx, req.TypeName, req, collectionRPC.read, s.ProviderServer.ReadResource)
}

// collectionRPC answers the calls of one collection resource type.
type collectionRPC struct {
	spec     *collectionSpec
	provider *intercomProvider
}

func (c collectionRPC) resource() *collectionResource {
	return &collectionResource{spec: c.spec, panels: c.provider.configured.Load()}
}

// upgrade hands state that this schema wrote back to Terraform as the JSON
// it is, for Terraform to decode: the framework would decode every item
// into values and encode them again, a third of the provider's time in a
// refresh of 9,999 flats. State of another version, or holding an
// attribute this schema lacks, which Terraform would refuse, goes to the
// framework.
func (c collectionRPC) upgrade(req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, bool) {
	if req.Version != c.spec.schema.Version || req.RawState == nil || !c.spec.onlyKnownAttributes(req.RawState.JSON) {
		return nil, false
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: &tfprotov6.DynamicValue{JSON: req.RawState.JSON}}, true
}

// decode reads a call's values and its identity; false after a
// diagnostic.
func (c collectionRPC) decode(diags *diag.Diagnostics, identity *tfprotov6.ResourceIdentityData, dvs ...*tfprotov6.DynamicValue) ([]tftypes.Value, *tfsdk.ResourceIdentity, bool) {
	values, err := decodeValues(c.spec.stateType, dvs...)
	var id *tfsdk.ResourceIdentity
	if err == nil {
		id, err = decodeIdentity(identity)
	}
	if err != nil {
		c.spec.block().addStateBug(diags, err)
		return nil, nil, false
	}
	return values, id, true
}

func (c collectionRPC) validate(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) *tfprotov6.ValidateResourceConfigResponse {
	var diags diag.Diagnostics
	config, err := decodeValue(c.spec.stateType, req.Config)
	if err == nil {
		err = c.spec.validate(ctx, config, &diags)
	}
	if err != nil {
		c.spec.block().addStateBug(&diags, err)
	}
	return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: protoDiagnostics(diags)}
}

func (c collectionRPC) plan(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
	s := c.spec
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedPrivate: req.PriorPrivate, PlannedState: req.ProposedNewState}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = protoDiagnostics(diags) }()
	// The proposed new state adds nothing to the configuration that the
	// plan keeps: every attribute is planned here, so it is not decoded,
	// which spares a copy of every item.
	values, identity, ok := c.decode(&diags, req.PriorIdentity, req.Config, req.PriorState)
	if !ok {
		return resp
	}
	config, prior := values[0], values[1]
	resp.PlannedIdentity = encodeIdentity(identity, &diags)
	if config.IsNull() {
		return resp
	}
	planned, err := s.withDefaults(config)
	if err != nil {
		s.block().addStateBug(&diags, err)
		return resp
	}
	mreq := resource.ModifyPlanRequest{
		Config: tfsdk.Config{Schema: s.schema, Raw: config},
		Plan:   tfsdk.Plan{Schema: s.schema, Raw: planned},
		State:  tfsdk.State{Schema: s.schema, Raw: prior},
	}
	mresp := resource.ModifyPlanResponse{Plan: mreq.Plan}
	c.resource().ModifyPlan(ctx, mreq, &mresp)
	diags = mresp.Diagnostics
	resp.PlannedState = encodeValue(s.stateType, mresp.Plan.Raw, &diags)
	for _, p := range mresp.RequiresReplace {
		resp.RequiresReplace = append(resp.RequiresReplace, attributePath(p))
	}
	return resp
}

func (c collectionRPC) apply(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) *tfprotov6.ApplyResourceChangeResponse {
	s := c.spec
	resp := &tfprotov6.ApplyResourceChangeResponse{Private: req.PlannedPrivate, NewState: req.PriorState}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = protoDiagnostics(diags) }()
	// Create and Update work from the plan and prior state alone: the
	// configuration is not decoded, which spares a copy of every item.
	values, identity, ok := c.decode(&diags, req.PlannedIdentity, req.PlannedState, req.PriorState)
	if !ok {
		return resp
	}
	planned, prior := values[0], values[1]
	r := c.resource()
	state := tfsdk.State{Schema: s.schema, Raw: prior}
	switch {
	case planned.IsNull():
		dresp := resource.DeleteResponse{State: state}
		r.Delete(ctx, resource.DeleteRequest{State: state}, &dresp)
		diags, state = dresp.Diagnostics, dresp.State
		if !diags.HasError() {
			state.Raw = tftypes.NewValue(s.stateType, nil)
		}
		identity = nil
	case prior.IsNull():
		cresp := resource.CreateResponse{State: tfsdk.State{Schema: s.schema, Raw: tftypes.NewValue(s.stateType, nil)}, Identity: identity}
		r.Create(ctx, resource.CreateRequest{Plan: tfsdk.Plan{Schema: s.schema, Raw: planned}}, &cresp)
		diags, state = cresp.Diagnostics, cresp.State
	default:
		uresp := resource.UpdateResponse{State: tfsdk.State{Schema: s.schema, Raw: planned}, Identity: identity}
		r.Update(ctx, resource.UpdateRequest{Plan: tfsdk.Plan{Schema: s.schema, Raw: planned}, State: state}, &uresp)
		diags, state = uresp.Diagnostics, uresp.State
	}
	resp.NewState = encodeValue(s.stateType, state.Raw, &diags)
	resp.NewIdentity = encodeIdentity(identity, &diags)
	return resp
}

func (c collectionRPC) read(ctx context.Context, req *tfprotov6.ReadResourceRequest) *tfprotov6.ReadResourceResponse {
	s := c.spec
	resp := &tfprotov6.ReadResourceResponse{Private: req.Private, NewState: req.CurrentState}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = protoDiagnostics(diags) }()
	values, identity, ok := c.decode(&diags, req.CurrentIdentity, req.CurrentState)
	if !ok {
		return resp
	}
	state := tfsdk.State{Schema: s.schema, Raw: values[0]}
	rresp := resource.ReadResponse{State: state, Identity: identity}
	rreq := resource.ReadRequest{State: state, Identity: &tfsdk.ResourceIdentity{Schema: identity.Schema, Raw: identity.Raw}}
	c.resource().Read(ctx, rreq, &rresp)
	diags = rresp.Diagnostics
	resp.NewState = encodeValue(s.stateType, rresp.State.Raw, &diags)
	resp.NewIdentity = encodeIdentity(identity, &diags)
	return resp
}
