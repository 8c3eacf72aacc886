package provider

import (
	"context"
	"sync/atomic"

	"github.com/domofon/terraform-provider-intercom/internal/fastpath"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server returns the factory of the provider's protocol 6
// server. The calls made once per resource reach the framework with a
// context of their own (see Detach), with or without TF_LOG: a user who
// turns logging on to report a bug runs the code that failed.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := &intercomProvider{version: version}
		return Detach(withFrozenPanels(withCollections(withSettingsState(providerserver.NewProtocol6(p)()), p), p))
	}
}

// withSettingsState hands the state of every settings resource back to
// Terraform as its own JSON where the framework would only decode and
// encode it again (fastpath.PassState); TestSettingsStateUpgradeMatchesFramework
// shows the answers are the framework's.
func withSettingsState(server tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	schemas := map[string]schema.Schema{}
	for _, b := range settingsBlocks {
		schemas["intercom_"+b.typeName] = b.resourceSchema
	}
	return fastpath.PassState(server, schemas)
}

// Detach wraps a framework server so that the per-resource calls get a
// context of their own. The framework (v1.19) keeps every call's context
// until the provider stops, to cancel it then; a context from the plugin
// SDK carries its loggers, some 50 KB, so a plan of a thousand panels kept
// tens of MB alive and the collector busy. The benchmark's no-op baseline
// uses it too, to be tuned exactly as this provider is.
func Detach(server tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return detachedServer{server, listsAndActions{server}}
}

// detachedServer passes the per-resource calls a detached context.
type detachedServer struct {
	tfprotov6.ProviderServer
	listsAndActions
}

// detachedContext is cancelled with the caller's context and, until the
// call returns, answers Value from it, so the SDK's loggers and request
// fields reach every log line. When the call returns it lets go of the
// caller's context: what the framework keeps is then this small struct.
type detachedContext struct {
	context.Context // cancelled with the caller's; holds no values
	values          atomic.Pointer[context.Context]
}

func (c *detachedContext) Value(key any) any {
	// The fresh context answers first: it holds no values, but it names
	// itself to context.WithCancel, which then links a child to it
	// directly instead of starting a goroutine per child.
	if v := c.Context.Value(key); v != nil {
		return v
	}
	if parent := c.values.Load(); parent != nil {
		return (*parent).Value(key)
	}
	return nil
}

// detach returns a context for one call and the function to call when it
// returns.
func detach(ctx context.Context) (context.Context, context.CancelFunc) {
	fresh, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	d := &detachedContext{Context: fresh}
	d.values.Store(&ctx)
	return d, func() { d.values.Store(nil); stop(); cancel() }
}

// detached makes one call with a detached context.
func detached[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	ctx, done := detach(ctx)
	defer done()
	return call(ctx, req)
}

func (s detachedServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return detached(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s detachedServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return detached(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s detachedServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return detached(ctx, req, s.ProviderServer.UpgradeResourceIdentity)
}

func (s detachedServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return detached(ctx, req, s.ProviderServer.ReadResource)
}

func (s detachedServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return detached(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s detachedServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return detached(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s detachedServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return detached(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s detachedServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return detached(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s detachedServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return detached(ctx, req, s.ProviderServer.ReadDataSource)
}

// The list-resource and action calls (Terraform 1.14+) are interfaces of
// their own beside ProviderServer, which embedding alone would hide: a
// wrapper must say it has them. ListResource and InvokeAction answer with
// streams read after they return, so they keep the caller's context.
type listsAndActions struct {
	inner tfprotov6.ProviderServer
}

var (
	_ tfprotov6.ListResourceServer = detachedServer{}
	_ tfprotov6.ActionServer       = detachedServer{}
)

func (s listsAndActions) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return s.lists().ValidateListResourceConfig(ctx, req)
}

func (s listsAndActions) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return s.lists().ListResource(ctx, req)
}

func (s listsAndActions) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return s.actions().ValidateActionConfig(ctx, req)
}

func (s listsAndActions) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return s.actions().PlanAction(ctx, req)
}

func (s listsAndActions) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return s.actions().InvokeAction(ctx, req)
}

// lists and actions are the inner server's own: the framework's server
// always has them, and so does every wrapper here.
func (s listsAndActions) lists() tfprotov6.ListResourceServer {
	return s.inner.(tfprotov6.ListResourceServer) //nolint:forcetypeassert // see above.
}

func (s listsAndActions) actions() tfprotov6.ActionServer {
	return s.inner.(tfprotov6.ActionServer) //nolint:forcetypeassert // see above.
}
