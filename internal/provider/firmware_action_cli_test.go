package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// cliFirmware is a panel whose updates take seconds, as the CLI's polls
// (every 2 s) need to see their phases, and a CLI with one firmware
// update action "fw" for chip with file and expect_version.
func cliFirmware(t *testing.T, chip, version, expect string) (*fakepanel.Panel, *cliRun) {
	t.Helper()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetFirmwareTimings(fakepanel.FirmwareTimings{
		Preparation: 200 * time.Millisecond, Loading: 5 * time.Second, Updating: 1500 * time.Millisecond,
		CPURestartDelay: 1500 * time.Millisecond, CPURestartTime: 2 * time.Second, ProgressScale: 100,
	})
	cli := actionCLI(t, fleet.URL, fmt.Sprintf(`
action "intercom_firmware_update" "fw" {
  config {
    chip           = %q
    file           = %q
    expect_version = %q
    timeout        = "2m"
  }
}
`, chip, firmwareFile(t, chip, version), expect))
	return panel, cli
}

func invokeFW(cli *cliRun) string {
	return cli.run("apply", "-invoke=action.intercom_firmware_update.fw", "-auto-approve")
}

// An MCU update end to end: progress through its states, then the new version.
func TestAccFirmwareAction_mcu(t *testing.T) {
	t.Parallel()
	panel, cli := cliFirmware(t, "mcu", "MCU V3.1", "MCU V3.1")
	out := invokeFW(cli)
	t.Logf("terraform printed:\n%s", out)
	for _, want := range []string{"MCU update loading", "MCU update updating", `the MCU now reports "MCU V3.1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if panel.FirmwareUploads("mcu") != 1 {
		t.Errorf("uploads: %d", panel.FirmwareUploads("mcu"))
	}
}

// A CPU update end to end: the panel keeps answering, goes down, comes back
// on the new version.
func TestAccFirmwareAction_cpu(t *testing.T) {
	t.Parallel()
	panel, cli := cliFirmware(t, "cpu", "CPU V0.5.0", "CPU V0.5.0")
	out := invokeFW(cli)
	t.Logf("terraform printed:\n%s", out)
	for _, want := range []string{"went down", "answers again", `the CPU now reports "CPU V0.5.0"`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if panel.Restarting() {
		t.Error("terraform returned while the panel was restarting")
	}
}

// The connection drops once the panel took the whole file: the action
// waits for the update and does not upload again.
func TestAccFirmwareAction_lostAnswer(t *testing.T) {
	t.Parallel()
	panel, cli := cliFirmware(t, "cpu", "CPU V0.5.0", "CPU V0.5.0")
	panel.Inject(fakepanel.Fault{Path: "firmware/cpu/update", Truncate: true})
	out := invokeFW(cli)
	if n := panel.RequestsTo("POST", "firmware/cpu/update"); n != 1 || panel.FirmwareUploads("cpu") != 1 {
		t.Errorf("the file was sent %d times:\n%s", n, out)
	}
	if !strings.Contains(out, "waits instead of uploading again") {
		t.Errorf("output:\n%s", out)
	}
}

// A panel already on expect_version gets nothing, and the output says so.
func TestAccFirmwareAction_expectMet(t *testing.T) {
	t.Parallel()
	panel, cli := cliFirmware(t, "mcu", "X", "INTERCOM V3.0.5.7(Mar 19 2024 14:34:17)")
	out := invokeFW(cli)
	if panel.Requests("POST") != 0 || !strings.Contains(out, "nothing uploaded") {
		t.Errorf("posts %d:\n%s", panel.Requests("POST"), out)
	}
}

// A wrong version at the end fails the apply with the versions named.
func TestAccFirmwareAction_wrongVersion(t *testing.T) {
	t.Parallel()
	panel, cli := cliFirmware(t, "mcu", "MCU V3.1", "MCU V3.1")
	panel.SetFirmwareInstalls("mcu", "MCU V3.0-rc")
	out := strings.Join(strings.Fields(cli.runFail("apply", "-invoke=action.intercom_firmware_update.fw", "-auto-approve")), " ")
	for _, want := range []string{"Firmware Version Mismatch", `"MCU V3.0-rc"`, `"MCU V3.1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}
