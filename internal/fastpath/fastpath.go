// Package fastpath answers the per-item protocol calls of resources whose
// schema holds a large map of nested objects, in one pass over the items.
//
// The framework (v1.19) validates and plans such a map one element at a
// time, and for each element copies the whole map (fwserver's
// mapElemObject; MarkComputedNilsAsUnknown walks each value's path from
// the root): two minutes to plan a building of 9,999 flats. This package
// reads the same schema the framework serves, and does what the framework
// would do with it: the schema's validators, defaults and top-level plan
// modifiers, then the resource's own plan, apply and read. Only the
// subset of schemas checked by Supports is served; the differential test
// in the provider shows that the answers are the framework's.
package fastpath

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Resource is what a resource type does that only it knows, on raw values.
// The framework's methods of the same resource call the same code, so the
// two paths differ only in how values reach it.
type Resource interface {
	// PlanRaw finishes a plan that has the schema's defaults and plan
	// modifiers applied; it returns the plan and the paths that force a
	// replacement.
	PlanRaw(ctx context.Context, config, planned, prior tftypes.Value) (tftypes.Value, []path.Path, diag.Diagnostics)
	// ApplyRaw makes the remote object match planned (null: delete), from
	// prior (null: create), and returns the new state.
	ApplyRaw(ctx context.Context, planned, prior tftypes.Value) (tftypes.Value, diag.Diagnostics)
	ReadRaw(ctx context.Context, state tftypes.Value) (tftypes.Value, diag.Diagnostics)
	// Identity is the resource identity of a state; null for none.
	Identity(state tftypes.Value) tftypes.Value
}

// Type is one resource type served here.
type Type struct {
	Schema       schema.Schema
	IdentityType tftypes.Type
	// New returns the resource as the provider is configured now.
	New func() Resource
}

// fullServer is the framework's server: a provider server that also
// lists resources and runs actions (Terraform 1.14+).
type fullServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

// server answers the calls of its types and hands every other call, and
// every other type, to the framework's server.
type server struct {
	fullServer
	types map[string]*compiled
}

// Wrap returns inner with the per-item calls of types answered here. A
// type whose schema Supports refuses is left to the framework, which is
// slower but right; the provider's tests check that none is.
func Wrap(inner tfprotov6.ProviderServer, types map[string]Type) tfprotov6.ProviderServer {
	full, ok := inner.(fullServer)
	if !ok {
		return inner
	}
	s := server{full, map[string]*compiled{}}
	for name, t := range types {
		if c, err := compile(t); err == nil {
			s.types[name] = c
		}
	}
	return s
}

func (s server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if c, ok := s.types[req.TypeName]; ok {
		if resp, ok := c.upgrade(req); ok {
			return resp, nil
		}
	}
	return s.fullServer.UpgradeResourceState(ctx, req)
}

func (s server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if c, ok := s.types[req.TypeName]; ok {
		return c.validate(ctx, req), nil
	}
	return s.fullServer.ValidateResourceConfig(ctx, req)
}

func (s server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if c, ok := s.types[req.TypeName]; ok {
		return c.plan(ctx, req), nil
	}
	return s.fullServer.PlanResourceChange(ctx, req)
}

func (s server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if c, ok := s.types[req.TypeName]; ok {
		return c.apply(ctx, req), nil
	}
	return s.fullServer.ApplyResourceChange(ctx, req)
}

func (s server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if c, ok := s.types[req.TypeName]; ok {
		return c.read(ctx, req), nil
	}
	return s.fullServer.ReadResource(ctx, req)
}
