package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// rssWatch samples the peak RSS of the provider processes Terraform
// starts. VmHWM is the kernel's own high-water mark for a process, so a
// sample taken any time before the process exits sees its true peak,
// however short the spike was; polling only has to catch each process
// alive, and its last sample before exit is as good as any.
type rssWatch struct {
	quit chan struct{}
	done chan int64
}

// pollEvery is often enough to catch every provider process alive, and
// cheap: after a process is classified once, a tick reads /proc's listing
// and the status of the provider processes only.
const pollEvery = 20 * time.Millisecond

// watchProviderRSS watches the children of terraform (pid parent) whose
// executable is exe. Only children count: someone else running the same
// provider binary on this machine must not show up in the numbers.
func watchProviderRSS(parent int, exe string) *rssWatch {
	w := &rssWatch{quit: make(chan struct{}), done: make(chan int64, 1)}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	go func() {
		var peak int64
		seen := map[int]bool{} // pid -> is a provider child
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		for {
			peak = max(peak, sampleProviders(parent, exe, seen))
			select {
			case <-w.quit:
				w.done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

// stop ends the watch and returns the peak in kB (0 when no provider
// process was seen).
func (w *rssWatch) stop() int64 {
	close(w.quit)
	return <-w.done
}

func sampleProviders(parent int, exe string, seen map[int]bool) int64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	var peak int64
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		isProvider, known := seen[pid]
		if !known {
			child := parentOf(pid) == parent
			isProvider = child && isExe(pid, exe)
			// A child caught between fork and exec still runs terraform's
			// image: look at it again next tick.
			if isProvider || !child {
				seen[pid] = isProvider
			}
		}
		if isProvider {
			peak = max(peak, vmHWM(pid))
		}
	}
	return peak
}

// parentOf reads the ppid from /proc/<pid>/stat: the fourth field,
// counted after the command name, which may itself hold spaces and ")".
func parentOf(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return -1
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// isExe compares /proc/<pid>/exe with the provider binary, falling back to
// comm (the first 15 bytes of the name) where exe cannot be read. A
// rebuild during the run shows as "<path> (deleted)", which still counts.
func isExe(pid int, exe string) bool {
	dir := "/proc/" + strconv.Itoa(pid)
	if link, err := os.Readlink(dir + "/exe"); err == nil {
		return strings.TrimSuffix(link, " (deleted)") == exe
	}
	comm, err := os.ReadFile(dir + "/comm")
	if err != nil {
		return false
	}
	name := filepath.Base(exe)
	return strings.TrimSpace(string(comm)) == name[:min(len(name), 15)]
}

// vmHWM is the process's peak resident set in kB.
func vmHWM(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}
