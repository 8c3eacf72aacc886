// Package plugin holds what a provider process does before it serves
// Terraform: quiet logging, collector tuning and an optional CPU profile.
// The intercom provider and the benchmark's no-op baseline share it, so
// that the baseline is tuned exactly as the provider is.
package plugin

import (
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
)

// logEnv are the variables that make Terraform keep provider log lines,
// besides the provider's own TF_LOG_PROVIDER_<NAME>.
var logEnv = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PATH",
}

// QuietUnlessLogging turns the SDK's trace logging off when none of the
// logging variables is set (providerVar is the provider's own, such as
// TF_LOG_PROVIDER_INTERCOM), and says whether it did. Terraform then
// discards every provider log line, yet by default the SDK still builds and
// sends dozens of TRACE lines per call, which is most of a no-op
// provider's CPU time on a large plan.
func QuietUnlessLogging(providerVar string) bool {
	for _, name := range append(logEnv, providerVar) {
		if os.Getenv(name) != "" {
			return false
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(name, "off")
	}
	return true
}

// TuneGC trades memory the provider does not need for less collection
// work: its live heap is a few MB, so a higher GOGC bounded by a memory
// limit keeps the peak small and the collector mostly idle. A fixed limit
// fails a large collection, though: a refresh of 9,999 flats keeps some
// 80 MB live, and under a 64 MiB limit the collector ran nearly without
// pause and tripled the provider's CPU time. So the limit follows the live
// heap, never below 64 MiB and always 48 MiB above what the last
// collection kept. GOGC and GOMEMLIMIT still win when set.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryFloor)
		followLiveHeap()
	}
}

const (
	memoryFloor    = 64 << 20
	memoryHeadroom = 48 << 20
)

// gcSentinel is garbage as soon as it is made: its finalizer runs once
// after each collection. It holds a pointer so that the tiny allocator,
// whose objects may never be finalized, does not take it.
type gcSentinel struct{ _ *int }

// followLiveHeap sets the memory limit after every collection from the
// live heap it measured.
func followLiveHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var rearm func(*gcSentinel)
	rearm = func(*gcSentinel) {
		metrics.Read(sample)
		debug.SetMemoryLimit(memoryLimitFor(sample[0].Value.Uint64()))
		runtime.SetFinalizer(&gcSentinel{}, rearm)
	}
	runtime.SetFinalizer(&gcSentinel{}, rearm)
}

func memoryLimitFor(live uint64) int64 {
	return max(memoryFloor, int64(min(live, 1<<40))+memoryHeadroom)
}

// StartCPUProfile writes a CPU profile of this process for the fleet
// benchmark when TF_PROVIDER_CPUPROFILE is set (to a path such as
// /tmp/plan.pprof). Terraform starts the provider several times per
// command, so each process adds its pid: /tmp/plan-1234.pprof.
func StartCPUProfile() (stop func()) {
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
