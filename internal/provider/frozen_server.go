package provider

import (
	"context"
	"iter"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// fullServer is a provider server that also lists resources and runs
// actions, as the framework's is.
type fullServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

// frozenServer keeps frozen panels (managed = false, or left out of
// selected_panels) out of every resource, data source and action, in one
// place in front of the framework and the fast path, so that every type
// the provider serves, now or later, is covered: it only needs a
// top-level address (and, for resources, the id the engines keep). The
// client refuses any request to a frozen panel besides (FrozenError).
//
//   - Read keeps the prior state; nothing is sent.
//   - Plan of an existing resource on a frozen panel is the prior state,
//     so the plan shows no change even where the configuration differs.
//     Terraform takes a prior value over a configured one as long as the
//     prior is not null; where the state holds null and the configuration
//     sets a value, it takes the plan only from a provider that declares
//     the legacy type system, and warns in its log. That plan is the
//     truth, since the apply does nothing.
//   - Plan of a create on (or a move onto) a frozen panel is deferred
//     where the client allows, and refused otherwise; so is destroy:
//     a plan never shows what the apply would not carry out.
//   - A plan saved before the panel froze: Terraform plans it again at
//     apply, gets no change and fails the resource ("inconsistent final
//     plan"); an apply that reaches the provider anyway fails here, unsent.
//   - Import and data sources on a frozen panel fail, having nothing to keep.
//   - An action on a frozen panel does nothing and says so: a warning at
//     plan, and a progress message when invoked.
type frozenServer struct {
	fullServer
	p *intercomProvider

	once                            sync.Once
	resources, dataSources, actions map[string]tftypes.Type
}

// withFrozenPanels wraps the provider's server; see frozenServer.
func withFrozenPanels(inner tfprotov6.ProviderServer, p *intercomProvider) tfprotov6.ProviderServer {
	full, ok := inner.(fullServer)
	if !ok {
		return inner
	}
	return &frozenServer{fullServer: full, p: p}
}

// freezing is the provider's data when some panel may be frozen, else nil.
func (s *frozenServer) freezing() *providerData {
	d := s.p.configured.Load()
	if d == nil || !d.client.FreezeActive() {
		return nil
	}
	return d
}

// types learns the value type of every resource, data source and action
// once, from the server's own schema.
func (s *frozenServer) types(ctx context.Context) {
	s.once.Do(func() {
		s.resources, s.dataSources, s.actions = map[string]tftypes.Type{}, map[string]tftypes.Type{}, map[string]tftypes.Type{}
		resp, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || resp == nil {
			return
		}
		for name, sc := range resp.ResourceSchemas {
			s.resources[name] = sc.ValueType()
		}
		for name, sc := range resp.DataSourceSchemas {
			s.dataSources[name] = sc.ValueType()
		}
		for name, sc := range resp.ActionSchemas {
			if sc != nil && sc.Schema != nil {
				s.actions[name] = sc.Schema.ValueType()
			}
		}
	})
}

// frozenAt is the panel a value is on and why it is frozen ("" when it is
// managed or cannot be told). The panel is the value's address, else its
// id (the engines keep the normalised address there), else (withDefault)
// the provider's address. Address comes first, since a type of the future
// may keep something else in id.
func frozenAt(d *providerData, typ tftypes.Type, raw *tfprotov6.DynamicValue, withDefault bool) (panel, why string) {
	if typ == nil || raw == nil {
		return "", ""
	}
	v, err := raw.Unmarshal(typ)
	if err != nil || v.IsNull() || !v.IsKnown() {
		return "", ""
	}
	var a map[string]tftypes.Value
	if v.As(&a) != nil {
		return "", ""
	}
	address, known := "", false
	for _, name := range []string{"address", "id"} {
		if x, ok := a[name]; ok && !x.IsNull() {
			if !x.IsKnown() {
				return "", "" // settled at apply, and checked then
			}
			if x.As(&address) == nil && address != "" {
				known = true
				break
			}
		}
	}
	if _, has := a["address"]; !known && (!has || !withDefault) {
		return "", ""
	}
	var c *client.Client
	if known {
		if c, err = d.client.WithAddress(address); err != nil {
			return "", ""
		}
	} else {
		c = d.client
	}
	if c.BaseURL() == "" {
		return "", ""
	}
	return c.BaseURL(), c.FrozenWhy()
}

func (s *frozenServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if d := s.freezing(); d != nil {
		s.types(ctx)
		if _, why := frozenAt(d, s.resources[req.TypeName], req.CurrentState, false); why != "" {
			return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private, NewIdentity: req.CurrentIdentity}, nil
		}
	}
	return s.fullServer.ReadResource(ctx, req)
}

func (s *frozenServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	d := s.freezing()
	if d == nil {
		return s.fullServer.PlanResourceChange(ctx, req)
	}
	s.types(ctx)
	typ := s.resources[req.TypeName]
	if panel, why := frozenAt(d, typ, req.PriorState, false); why != "" {
		if proposed, err := req.ProposedNewState.Unmarshal(typ); err == nil && proposed.IsNull() {
			return &tfprotov6.PlanResourceChangeResponse{Diagnostics: frozenError(req.TypeName+" on panel "+panel+
				" is to be destroyed", why, "To leave the panel alone and forget the resource, use a removed block "+
				"with lifecycle { destroy = false }.")}, nil
		}
		return &tfprotov6.PlanResourceChangeResponse{PlannedState: req.PriorState, PlannedPrivate: req.PriorPrivate,
			// Without it Terraform refuses a plan that keeps null where
			// the configuration sets a value; with it, it logs a warning.
			// The plan is the truth: the apply sends nothing. See
			// frozenServer and TestAccFrozenPanels_nullToSet.
			PlannedIdentity: req.PriorIdentity, UnsafeToUseLegacyTypeSystem: true}, nil //nolint:staticcheck // see above.
	}
	resp, err := s.fullServer.PlanResourceChange(ctx, req)
	if err != nil || resp == nil || hasError(resp.Diagnostics) {
		return resp, err
	}
	if panel, why := frozenAt(d, typ, resp.PlannedState, false); why != "" {
		if req.ClientCapabilities != nil && req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &tfprotov6.Deferred{Reason: tfprotov6.DeferredReasonAbsentPrereq}
			return resp, nil
		}
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: frozenError(req.TypeName+" is to be created on panel "+panel,
			why, "Or leave the resource out of the configuration until the panel is managed again.")}, nil
	}
	return resp, nil
}

func (s *frozenServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if d := s.freezing(); d != nil {
		s.types(ctx)
		typ := s.resources[req.TypeName]
		for _, v := range []*tfprotov6.DynamicValue{req.PriorState, req.PlannedState} {
			if panel, why := frozenAt(d, typ, v, false); why != "" {
				return &tfprotov6.ApplyResourceChangeResponse{NewState: req.PriorState, Private: req.PlannedPrivate,
					NewIdentity: req.PlannedIdentity,
					Diagnostics: frozenError("This plan changes "+req.TypeName+" on panel "+panel+", and nothing was sent", why,
						"Plan again.")}, nil
			}
		}
	}
	return s.fullServer.ApplyResourceChange(ctx, req)
}

func (s *frozenServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.fullServer.ImportResourceState(ctx, req)
	d := s.freezing()
	if d == nil || err != nil || resp == nil {
		return resp, err
	}
	s.types(ctx)
	for _, r := range resp.ImportedResources {
		if panel, why := frozenAt(d, s.resources[r.TypeName], r.State, false); why != "" {
			return &tfprotov6.ImportResourceStateResponse{Diagnostics: frozenError(req.TypeName+" is to be imported from panel "+
				panel+", which would have to be read", why, "")}, nil
		}
	}
	return resp, nil
}

func (s *frozenServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if d := s.freezing(); d != nil {
		s.types(ctx)
		if panel, why := frozenAt(d, s.dataSources[req.TypeName], req.Config, true); why != "" {
			return &tfprotov6.ReadDataSourceResponse{Diagnostics: frozenError("data source "+req.TypeName+" reads panel "+panel+
				", and a data source has no earlier state to keep", why, "Or remove the data source while the panel is frozen.")}, nil
		}
	}
	return s.fullServer.ReadDataSource(ctx, req)
}

func (s *frozenServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	if d := s.freezing(); d != nil {
		s.types(ctx)
		if panel, why := frozenAt(d, s.actions[req.ActionType], req.Config, true); why != "" {
			return &tfprotov6.PlanActionResponse{Diagnostics: []*tfprotov6.Diagnostic{frozenActionWarning(req.ActionType, panel, why)}}, nil
		}
	}
	return s.fullServer.PlanAction(ctx, req)
}

func (s *frozenServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	if d := s.freezing(); d != nil {
		s.types(ctx)
		if panel, why := frozenAt(d, s.actions[req.ActionType], req.Config, true); why != "" {
			events := []tfprotov6.InvokeActionEvent{
				{Type: tfprotov6.ProgressInvokeActionEventType{Message: "Panel " + panel + " is frozen (" + why + "): nothing was sent to it."}},
				// PlanAction warned already, in the same run.
				{Type: tfprotov6.CompletedInvokeActionEventType{}},
			}
			return &tfprotov6.InvokeActionServerStream{Events: seq(events)}, nil
		}
	}
	return s.fullServer.InvokeAction(ctx, req)
}

func seq[T any](items []T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, it := range items {
			if !yield(it) {
				return
			}
		}
	}
}

// frozenError refuses what would touch a frozen panel, and says how to
// manage it again.
func frozenError(what, why, more string) []*tfprotov6.Diagnostic {
	detail := what + ", but the panel is frozen: " + why + ", and nothing is sent to a frozen panel. " +
		"To roll this change out to it, add it to selected_panels, or remove managed = false from its panels entry."
	if more != "" {
		detail += " " + more
	}
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: summaryFrozenPanel, Detail: detail}}
}

func frozenActionWarning(action, panel, why string) *tfprotov6.Diagnostic {
	return &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: summaryFrozenPanel,
		Detail: action + " does nothing on panel " + panel + ": the panel is frozen (" + why + "), and nothing is sent " +
			"to a frozen panel. Add it to selected_panels, or remove managed = false from its panels entry, to run the action on it."}
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d != nil && d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
