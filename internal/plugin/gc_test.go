package plugin

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The memory limit follows the live heap up and back down, and never goes
// below the floor.
func TestMemoryLimitFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	TuneGC()

	limitAfterGC := func(want func(int64) bool) int64 {
		t.Helper()
		var limit int64
		for range 100 {
			runtime.GC() // the finalizer runs after the collection, on its own goroutine
			time.Sleep(10 * time.Millisecond)
			if limit = debug.SetMemoryLimit(-1); want(limit) {
				break
			}
		}
		return limit
	}
	live := make([]byte, 200<<20)
	for i := range live {
		live[i] = 1 // touch it, so that it is really held
	}
	high := limitAfterGC(func(l int64) bool { return l >= 200<<20+memoryHeadroom })
	if high < 200<<20+memoryHeadroom {
		t.Fatalf("with 200 MiB live the limit is %d MiB, want at least %d", high>>20, (200<<20+memoryHeadroom)>>20)
	}
	runtime.KeepAlive(live) // and from here on it is garbage
	low := limitAfterGC(func(l int64) bool { return l < 200<<20 })
	if low >= 200<<20 || low < memoryFloor {
		t.Fatalf("after the 200 MiB went, the limit is %d MiB, want between the floor (%d) and 200", low>>20, memoryFloor>>20)
	}
}
