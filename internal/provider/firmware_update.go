package provider

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var pathFile = path.Root("file")

// firmwareUpdate is one run of the firmware update action.
type firmwareUpdate struct {
	c        *client.Client
	chip     string
	path     string // as configured, for messages
	name     string // the file's base name, sent as the upload's file name
	expect   string
	timeout  time.Duration
	pace     restartPace
	progress func(string)
	diags    *diag.Diagnostics
}

// idleBeforeDone is how many idle MCU states in a row, with no other seen,
// count as an update already over: "preparation" may be missed, and a
// short update may end between two polls.
const idleBeforeDone = 3

func (u *firmwareUpdate) chipName() string {
	if u.chip == client.ChipCPU {
		return "CPU"
	}
	return "MCU"
}

func (u *firmwareUpdate) run(outer context.Context, file io.Reader, size int64) {
	panel := u.c.BaseURL()
	start := time.Now()
	// The restart wait bounds itself by the same deadline and tells a
	// timeout from an interruption, so it gets the outer context.
	ctx, cancel := context.WithDeadline(outer, start.Add(u.timeout))
	defer cancel()
	before, err := u.c.FirmwareVersions(ctx)
	if err != nil {
		u.diags.AddError("Error Reading Firmware Version", fmt.Sprintf("Could not read the firmware version of panel %s "+
			"before the update: %s\n\nNothing was sent to the panel. %s", panel, err, subject{what: "the firmware version",
			paths: []string{client.FirmwareVersion.Path}}.hint(err)))
		return
	}
	if u.expect != "" && before[u.chip] == u.expect {
		u.progress(fmt.Sprintf("Panel %s: the %s already reports %q; nothing uploaded", panel, u.chipName(), u.expect))
		return
	}
	if u.chip == client.ChipMCU && !u.mcuIdle(ctx) {
		return
	}
	u.progress(fmt.Sprintf("Panel %s: uploading %s (%d bytes) to the %s, which reports %q", panel, u.name, size,
		u.chipName(), before[u.chip]))
	sent, err := u.c.UploadFirmware(ctx, u.chip, u.name, file, size)
	switch {
	case err == nil:
		u.progress(fmt.Sprintf("Panel %s took the %s update after %s", panel, u.chipName(), time.Since(start).Round(time.Second)))
	case client.StatusCode(err) == http.StatusBadRequest:
		u.diags.AddAttributeError(pathFile, "Firmware File Refused", fmt.Sprintf("The %s of panel %s refused the file "+
			"%q: %s\n\nCheck that the file is an update for the %s (an .upd file from the vendor for this panel model); "+
			"nothing was flashed.", u.chipName(), panel, u.path, err, u.chipName()))
		return
	case !sent || !client.IsUnreachable(err):
		u.diags.AddError("Error Uploading Firmware", fmt.Sprintf("Could not upload %q to the %s of panel %s: %s\n\n%s",
			u.path, u.chipName(), panel, err, sentOnceHint(err, "firmware update")))
		return
	default:
		// The panel may have the whole file and be flashing: wait, and
		// let the version tell.
		u.progress(fmt.Sprintf("Panel %s: the upload's answer was lost (%s); the panel may be updating, so the "+
			"action waits instead of uploading again", panel, err))
	}
	if u.chip == client.ChipCPU {
		r := restart{c: u.c, what: "the CPU update", timeout: u.timeout, pace: u.pace, progress: u.progress}
		credsChanged, err := r.wait(outer, start)
		if err != nil {
			addRestartFailure(u.diags, err)
			return
		}
		if credsChanged {
			addCredentialsChanged(u.diags, panel, "the CPU update")
			return
		}
	} else if !u.waitMCU(ctx) {
		return
	}
	u.checkVersion(ctx, before[u.chip])
}

// mcuIdle refuses to upload while an MCU update runs: a second upload
// would be a second flash.
func (u *firmwareUpdate) mcuIdle(ctx context.Context) bool {
	st, err := u.c.MCUUpdateState(ctx)
	if err != nil {
		u.diags.AddError("Error Reading MCU Update State", fmt.Sprintf("Could not read the MCU update state of panel "+
			"%s: %s\n\nNothing was sent to the panel. Check that the panel answers, then run the action again.",
			u.c.BaseURL(), err))
		return false
	}
	if st.State != "idle" {
		u.diags.AddError("MCU Update Already Running", fmt.Sprintf("Panel %s is updating its MCU already (state %q). "+
			"Nothing was sent: a second upload would flash it twice. Wait until firmware/mcu/update/state is idle, "+
			"then run the action again.", u.c.BaseURL(), st.State))
		return false
	}
	return true
}

// waitMCU polls the MCU update until it is idle again.
func (u *firmwareUpdate) waitMCU(ctx context.Context) bool {
	panel := u.c.BaseURL()
	idle, active, last := 0, false, ""
	var percent progressScale
	for {
		select {
		case <-ctx.Done():
			u.diags.AddError("MCU Update Not Finished", fmt.Sprintf("Panel %s took the MCU update but did not end it "+
				"within %s (timeout); last state: %s. Do not run the action again until "+
				"firmware/mcu/update/state is idle: a second upload is a second flash. Check the panel, and raise the "+
				"action's timeout if its updates take longer.", panel, u.timeout, orNone(last)))
			return false
		case <-time.After(u.pace.poll):
		}
		st, err := u.c.MCUUpdateState(ctx)
		if err != nil {
			if ctx.Err() == nil {
				last = "unreadable: " + err.Error()
				u.progress(fmt.Sprintf("Panel %s: the MCU update state is unreadable (%s); still waiting", panel, err))
			}
			continue
		}
		msg := st.State
		if st.State == "loading" {
			msg = fmt.Sprintf("loading %d%%", percent.of(st.Progress))
		}
		if msg != last {
			u.progress(fmt.Sprintf("Panel %s: MCU update %s", panel, msg))
			last = msg
		}
		if st.State != "idle" {
			active, idle = true, 0
			continue
		}
		if idle++; active || idle >= idleBeforeDone {
			return true
		}
	}
}

// progressScale reads the MCU's progress, whose scale the vendor does not
// give: 0 to 1 or 0 to 100. A value above 1 settles it at 100 for good.
type progressScale struct{ hundred bool }

func (s *progressScale) of(v float64) int {
	if v > 1 {
		s.hundred = true
	}
	if !s.hundred {
		v *= 100
	}
	return int(math.Round(math.Max(0, math.Min(v, 100))))
}

func orNone(s string) string {
	if s == "" {
		return "none read"
	}
	return s
}

// checkVersion reads the chip's version after the update and holds it to
// expect_version.
func (u *firmwareUpdate) checkVersion(ctx context.Context, before string) {
	panel := u.c.BaseURL()
	after, err := u.c.FirmwareVersions(ctx)
	if err != nil {
		u.diags.AddError("Error Reading Firmware Version", fmt.Sprintf("The %s update of panel %s ended, but its "+
			"version could not be read: %s\n\nCheck `firmware/version` on the panel before running the action again.",
			u.chipName(), panel, err))
		return
	}
	got := after[u.chip]
	switch {
	case u.expect != "" && got != u.expect:
		u.diags.AddError("Firmware Version Mismatch", fmt.Sprintf("After the update, the %s of panel %s reports "+
			"version %q, not the expected %q (expect_version); before it reported %q. Check that %q is the update "+
			"for %q, and that expect_version is spelled as firmware/version shows it.",
			u.chipName(), panel, got, u.expect, before, u.path, u.expect))
	case got == before:
		u.diags.AddWarning("Firmware Version Unchanged", fmt.Sprintf("The %s update of panel %s ended, but the %s "+
			"still reports %q, as before. If the file holds the same version, this is expected; otherwise check "+
			"the panel. Set expect_version to make this an error.", u.chipName(), panel, u.chipName(), got))
	default:
		u.progress(fmt.Sprintf("Panel %s: the %s now reports %q (was %q)", panel, u.chipName(), got, before))
	}
}
