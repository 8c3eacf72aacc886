package provider

import (
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/domofon/terraform-provider-intercom/internal/fastpath"
)

// withCollections serves the collection resources' per-item calls through
// the fast path (internal/fastpath), which reads the same schema as the
// framework; TestCollectionFastPathMatchesFramework shows both answer
// alike. Schema, import and the data sources stay with the framework:
// they cost nothing per item.
func withCollections(server tfprotov6.ProviderServer, p *intercomProvider) tfprotov6.ProviderServer {
	types := map[string]fastpath.Type{}
	for _, c := range collectionSpecs {
		types["intercom_"+c.typeName] = fastpath.Type{
			Schema:       c.schema,
			IdentityType: identityType,
			New:          func() fastpath.Resource { return &collectionResource{spec: c, panels: p.configured.Load()} },
		}
	}
	return fastpath.Wrap(server, types)
}
