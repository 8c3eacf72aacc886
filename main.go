// Command terraform-provider-intercom serves the intercom provider to
// Terraform and OpenTofu.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/domofon/terraform-provider-intercom/internal/provider"
)

// version is set by the release build.
var version = "dev"

func main() {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "run under a debugger: print TF_REATTACH_PROVIDERS to use with Terraform")
	flag.Parse()

	quiet := quietUnlessLogging()
	tuneGC()
	stop := startCPUProfile()
	var opts []tf6server.ServeOpt
	if debugMode {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve("registry.terraform.io/domofon/intercom", provider.NewProtocol6Server(version, quiet), opts...)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// logEnv are the variables that make Terraform keep provider log lines.
var logEnv = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_INTERCOM",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PATH",
}

// quietUnlessLogging turns the SDK's trace logging off when none of the
// logging variables is set, and says whether it did. Terraform then
// discards every provider log line, yet by default the SDK still builds and
// sends dozens of TRACE lines per call, which is most of a no-op
// provider's CPU time on a large plan.
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

// tuneGC trades memory the provider does not need for less collection
// work: its live heap is a few MB, so a higher GOGC bounded by a memory
// limit keeps the peak small and the collector mostly idle. GOGC and
// GOMEMLIMIT still win when set.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
}

// startCPUProfile writes a CPU profile of this process for the fleet
// benchmark when TF_PROVIDER_CPUPROFILE is set (to a path such as
// /tmp/plan.pprof). Terraform starts the provider several times per
// command, so each process adds its pid: /tmp/plan-1234.pprof.
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
