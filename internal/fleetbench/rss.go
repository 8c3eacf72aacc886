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
// alive, and its last sample before exit is as good as any. It also keeps
// each process's last CPU time (user + system): that one is short of the
// truth by at most one poll interval per process.
type rssWatch struct {
	quit chan struct{}
	done chan providerUse
}

// providerUse is what the provider processes of one command used.
type providerUse struct {
	peakKB int64
	cpu    time.Duration // summed over the processes
}

// clockTick is the unit of /proc/<pid>/stat's times: USER_HZ, 100 on Linux.
const clockTick = 10 * time.Millisecond

// pollEvery is often enough to catch every provider process alive, and
// cheap: after a process is classified once, a tick reads /proc's listing
// and the status of the provider processes only.
const pollEvery = 20 * time.Millisecond

// watchProviderRSS watches the children of terraform (pid parent) whose
// executable is exe. Only children count: someone else running the same
// provider binary on this machine must not show up in the numbers.
func watchProviderRSS(parent int, exe string) *rssWatch {
	w := &rssWatch{quit: make(chan struct{}), done: make(chan providerUse, 1)}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	go func() {
		var peak int64
		seen := map[int]bool{}         // pid -> is a provider child
		cpu := map[int]time.Duration{} // provider pid -> its last CPU time
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		for {
			peak = max(peak, sampleProviders(parent, exe, seen, cpu))
			select {
			case <-w.quit:
				use := providerUse{peakKB: peak}
				for _, d := range cpu {
					use.cpu += d
				}
				w.done <- use
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

// stop ends the watch and returns the peak in kB (0 when no provider
// process was seen) and the CPU time.
func (w *rssWatch) stop() providerUse {
	close(w.quit)
	return <-w.done
}

func sampleProviders(parent int, exe string, seen map[int]bool, cpu map[int]time.Duration) int64 {
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
			if d, ok := cpuTime(pid); ok {
				cpu[pid] = d
			}
		}
	}
	return peak
}

// statFields are the fields of /proc/<pid>/stat after the command name,
// which may itself hold spaces and ")": the first is the state (field 3).
func statFields(pid int) []string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}

// parentOf is the ppid (field 4).
func parentOf(pid int) int {
	f := statFields(pid)
	if len(f) < 2 {
		return -1
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// cpuTime is utime + stime (fields 14 and 15).
func cpuTime(pid int) (time.Duration, bool) {
	f := statFields(pid)
	if len(f) < 13 {
		return 0, false
	}
	user, err1 := strconv.ParseInt(f[11], 10, 64)
	system, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(user+system) * clockTick, true
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
