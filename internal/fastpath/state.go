package fastpath

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// stateSchema is what a state needs to go back as it is: the schema's
// version and its attributes.
type stateSchema struct {
	version    int64
	attributes map[string]bool
}

// stateServer answers UpgradeResourceState of its types and hands every
// other call to inner.
type stateServer struct {
	fullServer
	types map[string]stateSchema
}

// PassState returns inner with UpgradeResourceState of the named types
// answered by their state's own JSON, for Terraform to decode, when the
// state is of the schema's version and names only the schema's
// attributes. The framework would decode the same
// JSON with the same schema and encode it again, unchanged: a tenth of
// the provider's time in a plan of many small resources. Any other state
// goes to the framework, which knows what to do with it.
func PassState(inner tfprotov6.ProviderServer, schemas map[string]schema.Schema) tfprotov6.ProviderServer {
	full, ok := inner.(fullServer)
	if !ok {
		return inner
	}
	s := stateServer{full, map[string]stateSchema{}}
	for name, sc := range schemas {
		if len(sc.Blocks) > 0 {
			continue
		}
		t := stateSchema{version: sc.Version, attributes: map[string]bool{}}
		for a := range sc.Attributes {
			t.attributes[a] = true
		}
		s.types[name] = t
	}
	return s
}

func (s stateServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if t, ok := s.types[req.TypeName]; ok && req.Version == t.version && req.RawState != nil && t.passes(req.RawState.JSON) {
		return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: &tfprotov6.DynamicValue{JSON: req.RawState.JSON}}, nil
	}
	return s.fullServer.UpgradeResourceState(ctx, req)
}

// passes tells whether state JSON is an object that names only
// attributes of the schema.
func (t stateSchema) passes(state []byte) bool {
	var top map[string]json.RawMessage
	if len(state) == 0 || json.Unmarshal(state, &top) != nil || top == nil {
		return false
	}
	for name := range top {
		if !t.attributes[name] {
			return false
		}
	}
	return true
}
