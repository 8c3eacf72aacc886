// Command terraform-provider-intercom serves the intercom provider to
// Terraform and OpenTofu.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/domofon/terraform-provider-intercom/internal/provider"
)

// version is set by the release build.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run under a debugger: print TF_REATTACH_PROVIDERS to use with Terraform")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/domofon/intercom",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
