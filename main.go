// Command terraform-provider-intercom serves the intercom provider to
// Terraform and OpenTofu.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/domofon/terraform-provider-intercom/internal/plugin"
	"github.com/domofon/terraform-provider-intercom/internal/provider"
)

// version is set by the release build.
var version = "dev"

func main() {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "run under a debugger: print TF_REATTACH_PROVIDERS to use with Terraform")
	flag.Parse()

	plugin.QuietUnlessLogging("TF_LOG_PROVIDER_INTERCOM")
	plugin.TuneGC()
	stop := plugin.StartCPUProfile()
	var opts []tf6server.ServeOpt
	if debugMode {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve("registry.terraform.io/domofon/intercom", provider.NewProtocol6Server(version), opts...)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}
