// Command terraform-provider-noop is the baseline of `make bench`: a plain
// terraform-plugin-framework provider whose one resource, noop_sip_config,
// has the attribute shape of intercom_sip_config and whose CRUD only
// copies plan to state. It never contacts anything. A plan with
// -refresh=false costs Terraform and the framework the same per-resource
// work for both providers, so the intercom provider's time over this one
// is what its own code adds.
//
// By default it gets what the intercom provider does for itself in main.go
// and internal/provider/server.go: SDK logging off when no TF_LOG* is set,
// GOGC=400 with a 64 MiB memory limit, and a fresh context for each
// per-resource call. With FLEETBENCH_NOOP_UNTUNED=1 in its environment it
// is served as the framework's scaffolding serves a provider, with none of
// that, to show what the tuning is worth.
//
// fleetbench builds it into .cache; it is not part of the release.
package main

import (
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Address is the provider's source address; fleetbench maps it to the
// built binary with dev_overrides.
const Address = "registry.terraform.io/fleetbench/noop"

// untunedEnv, set to 1, serves the provider without the tuning.
const untunedEnv = "FLEETBENCH_NOOP_UNTUNED"

func main() {
	tuned := os.Getenv(untunedEnv) != "1"
	detach := false
	if tuned {
		detach = quietUnlessLogging()
		tuneGC()
	}
	factory := func() tfprotov6.ProviderServer {
		server := providerserver.NewProtocol6(&noopProvider{})()
		if detach {
			return detachedServer{server}
		}
		return server
	}
	stop := startCPUProfile()
	err := tf6server.Serve(Address, factory)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// startCPUProfile writes a CPU profile to <TF_PROVIDER_CPUPROFILE without
// .pprof>-<pid>.pprof when that is set, as the intercom provider does, so
// that fleetbench -cpuprofile-dir profiles both alike.
func startCPUProfile() (stop func()) {
	prefix := strings.TrimSuffix(os.Getenv("TF_PROVIDER_CPUPROFILE"), ".pprof")
	if prefix == "" {
		return func() {}
	}
	f, err := os.Create(fmt.Sprintf("%s-%d.pprof", prefix, os.Getpid()))
	if err != nil {
		log.Printf("[WARN] cpu profile: %v", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Printf("[WARN] cpu profile: %v", err)
		_ = f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}

// logEnv are the variables that make Terraform keep provider log lines,
// as in the intercom provider's main.go.
var logEnv = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_NOOP",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PATH",
}

// quietUnlessLogging turns the SDK's trace logging off when no logging is
// asked for, and says whether it did: the same rule as the intercom
// provider's.
func quietUnlessLogging() bool {
	for _, name := range logEnv {
		if os.Getenv(name) != "" {
			return false
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(name, "off")
	}
	return true
}

// tuneGC is the intercom provider's collector setting: GOGC 400 bounded
// by a 64 MiB limit, unless GOGC or GOMEMLIMIT is set.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
}
