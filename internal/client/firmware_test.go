package client_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

var quickFirmware = fakepanel.FirmwareTimings{
	Preparation: 30 * time.Millisecond, Loading: 300 * time.Millisecond, Updating: 80 * time.Millisecond,
	CPURestartDelay: 100 * time.Millisecond, CPURestartTime: 300 * time.Millisecond, ProgressScale: 100,
}

func uploadFirmware(t *testing.T, c *client.Client, chip string, file []byte) (bool, error) {
	t.Helper()
	return c.UploadFirmware(t.Context(), chip, "update.upd", bytes.NewReader(file), int64(len(file)))
}

// The MCU update goes through its states, with progress moving while it
// loads, and ends idle on the file's version.
func TestMCUUpdateRunsThroughItsStates(t *testing.T) {
	fleet, srv := startFleet(t)
	panel := fleet.Panel("")
	panel.SetFirmwareTimings(quickFirmware)
	c := newClient(t, srv.URL)
	if _, err := uploadFirmware(t, c, client.ChipMCU, fakepanel.FirmwareFile("mcu", "MCU V9", 4096)); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	last := -1.0
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(15 * time.Millisecond) {
		st, err := c.MCUUpdateState(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		seen[st.State] = true
		if st.State == "loading" {
			if st.Progress < last || st.Progress > 100 {
				t.Errorf("progress went from %v to %v", last, st.Progress)
			}
			last = st.Progress
		}
		if st.State == "idle" {
			break
		}
	}
	if !seen["loading"] || !seen["updating"] || !seen["idle"] || last <= 0 {
		t.Errorf("states seen %v, last progress %v", seen, last)
	}
	v, err := c.FirmwareVersions(t.Context())
	if err != nil || v[client.ChipMCU] != "MCU V9" || panel.FirmwareUploads("mcu") != 1 {
		t.Errorf("versions %v (%v), uploads %d", v, err, panel.FirmwareUploads("mcu"))
	}
}

// A CPU update answers, keeps answering for a moment, drops, and comes
// back with the new version.
func TestCPUUpdateRestartsThePanel(t *testing.T) {
	fleet, srv := startFleet(t)
	panel := fleet.Panel("")
	panel.SetFirmwareTimings(quickFirmware)
	c := newClient(t, srv.URL)
	if _, err := uploadFirmware(t, c, client.ChipCPU, fakepanel.FirmwareFile("cpu", "CPU V9", 1000)); err != nil {
		t.Fatal(err)
	}
	if err := c.Ping(t.Context()); err != nil {
		t.Fatalf("during the restart delay: %v", err)
	}
	time.Sleep(150 * time.Millisecond)
	if err := c.Ping(t.Context()); !client.IsUnreachable(err) {
		t.Fatalf("while restarting: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	if v, err := c.FirmwareVersions(t.Context()); err != nil || v[client.ChipCPU] != "CPU V9" {
		t.Fatalf("after the restart: %v %v", v, err)
	}
}

// A file that is no update for the chip is a 400 "Unsupported file", and
// a CPU file over 110 MB a 400 as well; neither starts an update.
func TestFirmwareFileRefused(t *testing.T) {
	fleet, srv := startFleet(t)
	panel := fleet.Panel("")
	c := newClient(t, srv.URL)
	_, err := uploadFirmware(t, c, client.ChipCPU, fakepanel.FirmwareFile("mcu", "V1", 100))
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || apiErr.Message != "Unsupported file" {
		t.Errorf("an MCU file sent to the CPU: %v", err)
	}
	head := fakepanel.FirmwareFile("cpu", "V2", 0)
	big := io.MultiReader(bytes.NewReader(head), io.LimitReader(zeros{}, client.MaxCPUFirmware+1-int64(len(head))))
	_, err = c.UploadFirmware(t.Context(), client.ChipCPU, "big.upd", big, client.MaxCPUFirmware+1)
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		t.Errorf("a CPU file of 110 MiB + 1 byte: %v", err)
	}
	if panel.FirmwareUploads("cpu")+panel.FirmwareUploads("mcu") != 0 {
		t.Error("a refused file started an update")
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// An upload is sent once, whatever happens: a dropped connection and a
// 503 are not retried, as any other write would be. A panel that took the
// file and lost the answer is updating, and the client says bytes went out.
func TestUploadIsNeverRetried(t *testing.T) {
	fleet, srv := startFleet(t)
	panel := fleet.Panel("")
	panel.SetFirmwareTimings(quickFirmware)
	c := newClient(t, srv.URL)
	file := fakepanel.FirmwareFile("mcu", "V3", 2048)
	for _, f := range []fakepanel.Fault{{Status: http.StatusServiceUnavailable}, {Drop: true}} {
		f.Path, f.Times = "firmware/mcu/update", 1
		panel.Inject(f)
		before := panel.RequestsTo("POST", "firmware/mcu/update")
		if _, err := uploadFirmware(t, c, client.ChipMCU, file); err == nil {
			t.Fatalf("fault %+v: no error", f)
		}
		if n := panel.RequestsTo("POST", "firmware/mcu/update") - before; n != 1 {
			t.Errorf("fault %+v: the upload was sent %d times", f, n)
		}
	}
	panel.Inject(fakepanel.Fault{Path: "firmware/mcu/update", Times: 1, Truncate: true})
	sent, err := uploadFirmware(t, c, client.ChipMCU, file)
	if !client.IsUnreachable(err) || !sent || panel.FirmwareUploads("mcu") != 1 {
		t.Errorf("a lost answer: sent %v, err %v, updates %d", sent, err, panel.FirmwareUploads("mcu"))
	}
}

// An upload that cannot connect sent nothing.
func TestUploadNothingSentWhenUnreachable(t *testing.T) {
	c := newClient(t, "http://127.0.0.1:1", client.WithConnectTimeout(time.Second))
	sent, err := uploadFirmware(t, c, client.ChipMCU, []byte("x"))
	if err == nil || sent {
		t.Errorf("sent %v, err %v", sent, err)
	}
}

func wav(size int) []byte {
	b := append([]byte("RIFF\x00\x00\x00\x00WAVEfmt "), make([]byte, max(size-16, 0))...)
	return b[:max(size, 16)]
}

// The alert sound slot takes a WAV of at most 1 MB and nothing else, and
// DELETE empties it (a second DELETE is a 404).
func TestAlertSoundSlot(t *testing.T) {
	fleet, srv := startFleet(t)
	panel := fleet.Panel("")
	c := newClient(t, srv.URL)
	put := func(b []byte) error {
		_, err := c.UploadAlertSound(t.Context(), "a.wav", bytes.NewReader(b), int64(len(b)))
		return err
	}
	if err := put([]byte("not a wav file at all")); client.StatusCode(err) != http.StatusBadRequest {
		t.Errorf("a text file: %v", err)
	}
	if err := put(wav(client.MaxAlertSound + 1)); client.StatusCode(err) != http.StatusBadRequest {
		t.Errorf("1 MiB + 1: %v", err)
	}
	if err := put(wav(client.MaxAlertSound)); err != nil {
		t.Fatalf("1 MiB: %v", err)
	}
	if _, size, ok := panel.AlertSound(); !ok || size != client.MaxAlertSound {
		t.Errorf("slot: %v %d", ok, size)
	}
	if err := c.DeleteAlertSound(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteAlertSound(t.Context()); client.StatusCode(err) != http.StatusNotFound {
		t.Errorf("second delete: %v", err)
	}
}

// A door opens and reads back open; an unknown door is a 404.
func TestDoors(t *testing.T) {
	fleet, srv := startFleet(t)
	c := newClient(t, srv.URL)
	if err := c.OpenDoor(t.Context(), 2); err != nil {
		t.Fatal(err)
	}
	doors, err := c.Doors(t.Context())
	if err != nil || len(doors) != 2 || doors[0].Open || !doors[1].Open {
		t.Errorf("doors %+v, %v", doors, err)
	}
	if got := fleet.Panel("").OpenDoors(); len(got) != 1 || got[0] != 2 {
		t.Errorf("open doors %v", got)
	}
	if err := c.OpenDoor(t.Context(), 3); client.StatusCode(err) != http.StatusNotFound {
		t.Errorf("door 3: %v", err)
	}
}

// The alert starts, reads back, refuses the uploaded sound while the slot
// is empty, and stops.
func TestAlertStartStop(t *testing.T) {
	_, srv := startFleet(t)
	c := newClient(t, srv.URL)
	if err := c.StartAlert(t.Context(), client.Alert{Type: "speaker"}); err != nil {
		t.Fatal(err)
	}
	if a, err := c.Alert(t.Context()); err != nil || !a.Playing || a.Type != "speaker" {
		t.Errorf("alert %+v, %v", a, err)
	}
	err := c.StartAlert(t.Context(), client.Alert{Type: "flat", Flat: 12, Sound: client.AlertSoundName})
	if client.StatusCode(err) != http.StatusNotFound {
		t.Errorf("the uploaded sound with an empty slot: %v", err)
	}
	if err := c.StartAlert(t.Context(), client.Alert{Type: "hall"}); !strings.Contains(err.Error(), "400") {
		t.Errorf("a wrong type: %v", err)
	}
	if err := c.StopAlert(t.Context()); err != nil {
		t.Fatal(err)
	}
	if a, _ := c.Alert(t.Context()); a.Playing {
		t.Error("the alert still plays")
	}
}
