// Command terraform-provider-noop is the baseline of `make bench`: a plain
// terraform-plugin-framework provider whose one resource, noop_sip_config,
// has the attribute shape of intercom_sip_config and whose CRUD only
// copies plan to state. It never contacts anything. A plan with
// -refresh=false costs Terraform and the framework the same per-resource
// work for both providers, so the intercom provider's time over this one
// is what its own code adds.
//
// By default it gets what the intercom provider does for itself, from the
// same code (internal/plugin and provider.Detach): SDK logging off when no TF_LOG* is set,
// GOGC=400 with a memory limit that follows the live heap, and a context of its own for each
// per-resource call. With FLEETBENCH_NOOP_UNTUNED=1 in its environment it
// is served as the framework's scaffolding serves a provider, with none of
// that, to show what the tuning is worth.
//
// fleetbench builds it into .cache; it is not part of the release.
package main

import (
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/domofon/terraform-provider-intercom/internal/plugin"
	"github.com/domofon/terraform-provider-intercom/internal/provider"
)

// Address is the provider's source address; fleetbench maps it to the
// built binary with dev_overrides.
const Address = "registry.terraform.io/fleetbench/noop"

// untunedEnv, set to 1, serves the provider without the tuning.
const untunedEnv = "FLEETBENCH_NOOP_UNTUNED"

func main() {
	tuned := os.Getenv(untunedEnv) != "1"
	if tuned {
		plugin.QuietUnlessLogging("TF_LOG_PROVIDER_NOOP")
		plugin.TuneGC()
	}
	factory := func() tfprotov6.ProviderServer {
		server := providerserver.NewProtocol6(&noopProvider{})()
		if tuned {
			return provider.Detach(server)
		}
		return server
	}
	stop := plugin.StartCPUProfile()
	err := tf6server.Serve(Address, factory)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}
