package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuMeter tells how busy the machine was with work other than this
// benchmark. On two cores a compile running next to the benchmark can
// double a timing, so the report says how much CPU others took; the
// numbers are only comparable between quiet runs.
type cpuMeter struct {
	start     time.Time
	busy, own time.Duration
}

func startCPUMeter() cpuMeter {
	return cpuMeter{start: time.Now(), busy: machineBusy(), own: ownCPU()}
}

// othersCores is the average number of cores that processes other than
// this one and its children (terraform and the provider) kept busy.
func (m cpuMeter) othersCores() float64 {
	wall := time.Since(m.start)
	others := (machineBusy() - m.busy) - (ownCPU() - m.own)
	return max(others.Seconds()/wall.Seconds(), 0)
}

// machineBusy is the CPU time all cores spent on anything but idling, from
// the first line of /proc/stat (in USER_HZ ticks, 100 a second on Linux).
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	var ticks int64
	for i, v := range f[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		if i >= 8 { // guest time is already counted in user
			break
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}

// ownCPU is this process's CPU time plus that of its waited-for children:
// every terraform command and, through terraform, its provider processes.
func ownCPU() time.Duration {
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return total
}
