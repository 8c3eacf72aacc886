package fakepanel

import (
	"net/http"
	"time"
)

// The firmware endpoints (API-panel.md §4).
const (
	mcuUpdatePath  = "firmware/mcu/update"
	mcuStatePath   = "firmware/mcu/update/state"
	cpuUpdatePath  = "firmware/cpu/update"
	versionPath    = "firmware/version"
	deviceInfoPath = "system/device-info"
)

// FirmwareTimings is how long the phases of an update take. The MCU goes
// preparation, loading (progress moves), updating, then back to idle with
// its new version. The CPU has no state endpoint: after it took the file
// it goes on answering for CPURestartDelay, then is down for
// CPURestartTime and comes back with its new version.
type FirmwareTimings struct {
	Preparation, Loading, Updating  time.Duration
	CPURestartDelay, CPURestartTime time.Duration
	// ProgressScale is what full progress reads: 100 or 1; the vendor
	// does not say which its firmware uses.
	ProgressScale float64
}

// DefaultFirmwareTimings are quick enough for a demo.
var DefaultFirmwareTimings = FirmwareTimings{
	Preparation: 200 * time.Millisecond, Loading: 3 * time.Second, Updating: time.Second,
	CPURestartDelay: time.Second, CPURestartTime: 3 * time.Second, ProgressScale: 100,
}

// firmwareState is one panel's updates in flight. The phases are worked
// out from the time on each request, so no goroutine runs an update.
type firmwareState struct {
	timings  FirmwareTimings
	mcuStart time.Time // zero when no MCU update runs
	mcuNext  string    // the version the running MCU update installs
	cpuNext  string    // the version the CPU comes back with
	uploads  map[string]int
	wrong    map[string]string // a version to install in place of the file's
}

func newFirmwareState() firmwareState {
	return firmwareState{timings: DefaultFirmwareTimings, uploads: map[string]int{}, wrong: map[string]string{}}
}

// mcuPhase is the MCU update's state and progress at now, and whether it
// has just ended. The caller holds the lock.
func (f *firmwareState) mcuPhase(now time.Time) (state string, progress float64, done bool) {
	if f.mcuStart.IsZero() {
		return "idle", 0, false
	}
	t := f.timings
	since := now.Sub(f.mcuStart)
	switch {
	case since < t.Preparation:
		return "preparation", 0, false
	case since < t.Preparation+t.Loading:
		return "loading", t.ProgressScale * float64(since-t.Preparation) / float64(t.Loading), false
	case since < t.Preparation+t.Loading+t.Updating:
		return "updating", t.ProgressScale, false
	}
	return "idle", 0, true
}

// stepFirmware installs the versions of updates that ended by now. The
// caller holds the lock.
func (x *panel) stepFirmware(now time.Time) {
	if _, _, done := x.fw.mcuPhase(now); done {
		x.blocks[versionPath]["sMCUFirmwareVersion"] = x.fw.mcuNext
		x.fw.mcuStart, x.fw.mcuNext = time.Time{}, ""
	}
	if x.fw.cpuNext != "" && !now.Before(x.downUntil) {
		x.blocks[versionPath]["sCPUFirmwareVersion"] = x.fw.cpuNext
		x.blocks[deviceInfoPath]["firmwareVersion"] = x.fw.cpuNext
		x.fw.cpuNext = ""
	}
}

// postFirmware takes an update for chip: the file must be an update for
// that chip ("Unsupported file" otherwise), and no update may run.
func (s *Server) postFirmware(w http.ResponseWriter, r *http.Request, prefix, chip string) {
	u, status, msg := readUpload(r, "firmware", MaxCPUFirmware)
	if status != http.StatusOK {
		writeError(w, status, msg)
		return
	}
	version, ok := firmwareVersionOf(u, chip)
	if !ok {
		writeError(w, http.StatusBadRequest, "Unsupported file")
		return
	}
	s.mu.Lock()
	p := s.panelLocked(prefix)
	now := time.Now()
	if state, _, _ := p.fw.mcuPhase(now); state != "idle" || now.Before(p.downUntil) {
		s.mu.Unlock()
		// Not documented: the emulator refuses a second update while one runs.
		writeError(w, http.StatusBadRequest, "Update in progress")
		return
	}
	p.fw.uploads[chip]++
	if v, ok := p.fw.wrong[chip]; ok {
		version = v
	}
	if chip == "mcu" {
		p.fw.mcuStart, p.fw.mcuNext = now, version
	} else {
		p.fw.cpuNext = version
		p.downFrom = now.Add(p.fw.timings.CPURestartDelay)
		p.downUntil = p.downFrom.Add(p.fw.timings.CPURestartTime)
	}
	s.mu.Unlock()
	if s.Logf != nil {
		s.Logf("panel %q: %s update to %q started (%d bytes)", prefix, chip, version, u.size)
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Server) getMCUState(w http.ResponseWriter, prefix string) {
	s.mu.Lock()
	state, progress, _ := s.panelLocked(prefix).fw.mcuPhase(time.Now())
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"fMCUFirmwareUpdateProgress": progress, "sMCUFirmwareUpdateState": state})
}

// SetFirmwareTimings sets how long this panel's updates take.
func (p *Panel) SetFirmwareTimings(t FirmwareTimings) {
	p.with(func(x *panel) { x.fw.timings = t })
}

// SetFirmwareInstalls makes the next updates of chip install version,
// whatever the file says: a panel that ends on the wrong version.
func (p *Panel) SetFirmwareInstalls(chip, version string) {
	p.with(func(x *panel) { x.fw.wrong[chip] = version })
}

// FirmwareUploads counts the updates of chip the panel took.
func (p *Panel) FirmwareUploads(chip string) int {
	var n int
	p.with(func(x *panel) { n = x.fw.uploads[chip] })
	return n
}

// FirmwareVersions is what the panel reports now: CPU, then MCU.
func (p *Panel) FirmwareVersions() (cpu, mcu string) {
	p.with(func(x *panel) {
		x.stepFirmware(time.Now())
		cpu, _ = x.blocks[versionPath]["sCPUFirmwareVersion"].(string)
		mcu, _ = x.blocks[versionPath]["sMCUFirmwareVersion"].(string)
	})
	return cpu, mcu
}
