package provider

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

var quickFirmware = fakepanel.FirmwareTimings{
	Preparation: 20 * time.Millisecond, Loading: 400 * time.Millisecond, Updating: 100 * time.Millisecond,
	CPURestartDelay: 200 * time.Millisecond, CPURestartTime: 300 * time.Millisecond, ProgressScale: 100,
}

// firmwareFile writes an emulator firmware file for chip and returns its path.
func firmwareFile(t *testing.T, chip, version string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), chip+".upd")
	if err := os.WriteFile(name, fakepanel.FirmwareFile(chip, version, 10000), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func invokeFirmware(t *testing.T, url, chip, file, expect string) ([]string, action.InvokeResponse) {
	t.Helper()
	attrs := map[string]tftypes.Value{"chip": tfString(chip), "file": tfString(file), "timeout": tfString("20s")}
	if expect != "" {
		attrs["expect_version"] = tfString(expect)
	}
	return invokeAction(t, &firmwareAction{pace: testPace}, url, attrs)
}

func quickPanel(t *testing.T) (*testFleet, *fakepanel.Panel) {
	t.Helper()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetFirmwareTimings(quickFirmware)
	return fleet, panel
}

func TestFirmwareActionMCU(t *testing.T) {
	fleet, panel := quickPanel(t)
	messages, resp := invokeFirmware(t, fleet.URL, "mcu", firmwareFile(t, "mcu", "MCU V9"), "MCU V9")
	all := strings.Join(messages, "\n")
	if resp.Diagnostics.HasError() || panel.FirmwareUploads("mcu") != 1 {
		t.Fatalf("diagnostics %v, uploads %d\n%s", resp.Diagnostics, panel.FirmwareUploads("mcu"), all)
	}
	for _, want := range []string{"uploading mcu.upd", "MCU update loading", "MCU update updating", `now reports "MCU V9"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in the progress:\n%s", want, all)
		}
	}
}

func TestFirmwareActionCPU(t *testing.T) {
	fleet, panel := quickPanel(t)
	messages, resp := invokeFirmware(t, fleet.URL, "cpu", firmwareFile(t, "cpu", "CPU V9"), "CPU V9")
	all := strings.Join(messages, "\n")
	if resp.Diagnostics.HasError() || panel.Restarting() {
		t.Fatalf("diagnostics %v, restarting %v\n%s", resp.Diagnostics, panel.Restarting(), all)
	}
	for _, want := range []string{"went down", "answers again", `the CPU now reports "CPU V9"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in the progress:\n%s", want, all)
		}
	}
}

// A panel that reports expect_version already gets nothing.
func TestFirmwareActionExpectMet(t *testing.T) {
	fleet, panel := quickPanel(t)
	_, mcu := panel.FirmwareVersions()
	messages, resp := invokeFirmware(t, fleet.URL, "mcu", firmwareFile(t, "mcu", "MCU V9"), mcu)
	if resp.Diagnostics.HasError() || panel.Requests("POST") != 0 ||
		!strings.Contains(strings.Join(messages, "\n"), "nothing uploaded") {
		t.Fatalf("diagnostics %v, posts %d, progress %q", resp.Diagnostics, panel.Requests("POST"), messages)
	}
}

// A different version at the end is an error naming the panel, the chip,
// the expected and the reported version.
func TestFirmwareActionWrongVersion(t *testing.T) {
	fleet, panel := quickPanel(t)
	panel.SetFirmwareInstalls("mcu", "MCU V8")
	_, resp := invokeFirmware(t, fleet.URL, "mcu", firmwareFile(t, "mcu", "MCU V9"), "MCU V9")
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Firmware Version Mismatch" {
		t.Fatalf("diagnostics %v", resp.Diagnostics)
	}
	detail := resp.Diagnostics[0].Detail()
	for _, want := range []string{fleet.URL, "MCU of panel", `"MCU V8"`, `"MCU V9"`} {
		if !strings.Contains(detail, want) {
			t.Errorf("no %q in:\n%s", want, detail)
		}
	}
}

// The connection drops after the panel took the file: the action waits
// for the update it started, and never uploads a second time.
func TestFirmwareActionLostAnswerNoSecondFlash(t *testing.T) {
	for _, chip := range []string{"mcu", "cpu"} {
		t.Run(chip, func(t *testing.T) {
			fleet, panel := quickPanel(t)
			panel.Inject(fakepanel.Fault{Path: "firmware/" + chip + "/update", Truncate: true})
			messages, resp := invokeFirmware(t, fleet.URL, chip, firmwareFile(t, chip, "V9"), "V9")
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics %v\n%s", resp.Diagnostics, strings.Join(messages, "\n"))
			}
			if n := panel.RequestsTo("POST", "firmware/"+chip+"/update"); n != 1 || panel.FirmwareUploads(chip) != 1 {
				t.Errorf("the file was sent %d times, flashed %d times", n, panel.FirmwareUploads(chip))
			}
			if !strings.Contains(strings.Join(messages, "\n"), "waits instead of uploading again") {
				t.Errorf("progress:\n%s", strings.Join(messages, "\n"))
			}
		})
	}
}

// The file is checked before anything is sent; a file the chip refuses
// is an error naming the chip and the file.
func TestFirmwareActionFileChecks(t *testing.T) {
	fleet, panel := quickPanel(t)
	big := filepath.Join(t.TempDir(), "big.upd")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(client.MaxCPUFirmware + 1); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()
	for file, want := range map[string]string{
		filepath.Join(t.TempDir(), "missing.upd"): "cannot be read",
		big:         "at most 110 MiB",
		t.TempDir(): "not a regular file",
	} {
		_, resp := invokeFirmware(t, fleet.URL, "cpu", file, "")
		if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), want) {
			t.Errorf("%s: diagnostics %v", file, resp.Diagnostics)
		}
	}
	if n := panel.Requests("GET") + panel.Requests("POST"); n != 0 {
		t.Errorf("bad files cost %d requests", n)
	}
	mcuFile := firmwareFile(t, "mcu", "V9")
	_, resp := invokeFirmware(t, fleet.URL, "cpu", mcuFile, "")
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Firmware File Refused" ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "The CPU of panel "+fleet.URL+" refused the file \""+mcuFile) {
		t.Errorf("diagnostics %v", resp.Diagnostics)
	}
}

// An MCU update that runs already is never joined by a second upload.
func TestFirmwareActionMCUBusy(t *testing.T) {
	fleet, panel := quickPanel(t)
	slow := quickFirmware
	slow.Loading = time.Minute
	panel.SetFirmwareTimings(slow)
	file := firmwareFile(t, "mcu", "V9")
	c, err := client.New(fleet.URL, testAdminUser, testAdminPassword)
	if err != nil {
		t.Fatal(err)
	}
	body := fakepanel.FirmwareFile("mcu", "V8", 100)
	if _, err := c.UploadFirmware(t.Context(), "mcu", "first.upd", bytes.NewReader(body), int64(len(body))); err != nil {
		t.Fatal(err)
	}
	_, resp := invokeFirmware(t, fleet.URL, "mcu", file, "")
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "MCU Update Already Running" ||
		panel.FirmwareUploads("mcu") != 1 {
		t.Fatalf("diagnostics %v, uploads %d", resp.Diagnostics, panel.FirmwareUploads("mcu"))
	}
}

func TestProgressScale(t *testing.T) {
	var hundred, one progressScale
	for i, c := range []struct {
		s    *progressScale
		v    float64
		want int
	}{{&one, 0, 0}, {&one, 0.25, 25}, {&one, 1, 100}, {&hundred, 0.5, 50}, {&hundred, 12, 12}, {&hundred, 1, 1}, {&hundred, 150, 100}} {
		if got := c.s.of(c.v); got != c.want {
			t.Errorf("%d: of(%v) = %d, want %d", i, c.v, got, c.want)
		}
	}
}
