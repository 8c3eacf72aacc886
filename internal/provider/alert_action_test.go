package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

func tfNumber(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

func invokeAlert(t *testing.T, url string, attrs map[string]tftypes.Value) ([]string, action.InvokeResponse) {
	t.Helper()
	return invokeAction(t, &alertAction{}, url, attrs)
}

// wavFile is a small file with a RIFF/WAVE header, padded to size bytes.
func wavFile(size int) []byte {
	b := append([]byte("RIFF\x00\x00\x00\x00WAVEfmt "), bytes.Repeat([]byte{0}, max(0, size-16))...)
	return b[:max(size, 16)]
}

// A start is sent once, with the wire's names, and read back.
func TestAlertActionStarts(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	c, _ := client.New(fleet.URL, testAdminUser, testAdminPassword)
	if _, err := c.UploadAlertSound(context.Background(), "a.wav", bytes.NewReader(wavFile(64)), 64); err != nil {
		t.Fatal(err)
	}
	messages, resp := invokeAlert(t, fleet.URL, map[string]tftypes.Value{"alert_type": tfString("flat"),
		"flat": tfNumber(12), "sound": tfString("uploaded"), "timeout": tfNumber(0)})
	if resp.Diagnostics.HasError() {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	want := fakepanel.Alert{Type: "flat", Flat: 12, Playing: true, Sound: "alert_1.wav"}
	if got := panel.Alert(); got != want {
		t.Errorf("the panel plays %+v, want %+v", got, want)
	}
	all := strings.Join(messages, "\n")
	if !strings.Contains(all, "the alert plays (on the handset of flat 12, the uploaded recording, until stopped)") {
		t.Errorf("progress messages:\n%s", all)
	}
}

// The built-in sound is the wire's "".
func TestAlertActionBuiltinSound(t *testing.T) {
	fleet := startFleet(t)
	_, resp := invokeAlert(t, fleet.URL, map[string]tftypes.Value{"alert_type": tfString("speaker"),
		"sound": tfString("builtin"), "timeout": tfNumber(30)})
	if got := fleet.Panel("").Alert(); resp.Diagnostics.HasError() || !got.Playing || got.Sound != "" || got.Timeout != 30 {
		t.Fatalf("the panel plays %+v; diagnostics %v", got, resp.Diagnostics)
	}
}

// The uploaded sound with nothing uploaded is an error that says what to do.
func TestAlertActionNoUploadedSound(t *testing.T) {
	fleet := startFleet(t)
	_, resp := invokeAlert(t, fleet.URL, map[string]tftypes.Value{"alert_type": tfString("speaker"),
		"sound": tfString("uploaded"), "timeout": tfNumber(0)})
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), "upload one with intercom_alert_sound") {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
}

// A start whose answer is lost is not sent again.
func TestAlertActionStartNotRetried(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.Inject(fakepanel.Fault{Method: "POST", Path: "emergency_alert", Status: 503, Times: 1})
	_, resp := invokeAlert(t, fleet.URL, map[string]tftypes.Value{"alert_type": tfString("speaker"), "timeout": tfNumber(0)})
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), "sent once and never retried") {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	if n := panel.RequestsTo("POST", "emergency_alert"); n != 1 {
		t.Errorf("the alert was sent %d times, want 1", n)
	}
}

// stop = true stops the alert and reads it back.
func TestAlertActionStops(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	invokeAlert(t, fleet.URL, map[string]tftypes.Value{"alert_type": tfString("speaker"), "timeout": tfNumber(0)})
	messages, resp := invokeAlert(t, fleet.URL, map[string]tftypes.Value{"stop": tftypes.NewValue(tftypes.Bool, true)})
	if resp.Diagnostics.HasError() || panel.Alert().Playing {
		t.Fatalf("playing %v; diagnostics %v", panel.Alert().Playing, resp.Diagnostics)
	}
	if all := strings.Join(messages, "\n"); !strings.Contains(all, "no alert plays") {
		t.Errorf("progress messages:\n%s", all)
	}
}

// validateAlert runs the action's ValidateConfig on attrs (the others null)
// and returns the diagnostics' summaries and details.
func validateAlert(t *testing.T, attrs map[string]tftypes.Value) string {
	t.Helper()
	ctx := context.Background()
	a := &alertAction{}
	var sr action.SchemaResponse
	a.Schema(ctx, action.SchemaRequest{}, &sr)
	values := map[string]tftypes.Value{}
	for name, attr := range sr.Schema.Attributes {
		values[name] = tftypes.NewValue(attr.GetType().TerraformType(ctx), nil)
		if v, ok := attrs[name]; ok {
			values[name] = v
		}
	}
	var resp action.ValidateConfigResponse
	a.ValidateConfig(ctx, action.ValidateConfigRequest{Config: tfsdk.Config{Schema: sr.Schema,
		Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), values)}}, &resp)
	var out []string
	for _, d := range resp.Diagnostics {
		out = append(out, d.Summary()+": "+d.Detail())
	}
	return strings.Join(out, "\n")
}

func TestAlertActionValidateConfig(t *testing.T) {
	for name, tc := range map[string]struct {
		attrs map[string]tftypes.Value
		want  string
	}{
		"stop":       {map[string]tftypes.Value{"stop": tftypes.NewValue(tftypes.Bool, true)}, ""},
		"speaker":    {map[string]tftypes.Value{"alert_type": tfString("speaker"), "timeout": tfNumber(0)}, ""},
		"flat":       {map[string]tftypes.Value{"alert_type": tfString("flat"), "flat": tfNumber(3), "timeout": tfNumber(5)}, ""},
		"nothing":    {nil, "Missing Alert Attributes"},
		"no timeout": {map[string]tftypes.Value{"alert_type": tfString("speaker")}, "needs alert_type and timeout"},
		"no flat":    {map[string]tftypes.Value{"alert_type": tfString("flat"), "timeout": tfNumber(0)}, "Missing Alert Flat"},
		"speaker flat": {map[string]tftypes.Value{"alert_type": tfString("speaker"), "flat": tfNumber(3), "timeout": tfNumber(0)},
			`flat is only for alert_type = "flat"`},
	} {
		got := validateAlert(t, tc.attrs)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: diagnostics %q, want %q", name, got, tc.want)
		}
	}
}

// alertReads makes the panel's next read of the alert answer playing.
func alertReads(panel *fakepanel.Panel, playing bool) {
	body := `{"alert_type": "speaker", "flat": 0, "alert_status": false, "alarm_alert": "", "timeout": 0}`
	if playing {
		body = strings.Replace(body, "false", "true", 1)
	}
	panel.Inject(fakepanel.Fault{Method: "GET", Path: "emergency_alert", Status: 200, ContentType: "application/json",
		Body: body, Times: 1})
}

// A start the panel took but does not report playing is an error, not a
// second start.
func TestAlertActionDidNotStart(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	alertReads(panel, false)
	_, resp := invokeAlert(t, fleet.URL, map[string]tftypes.Value{"alert_type": tfString("speaker"), "timeout": tfNumber(0)})
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Alert Did Not Start" {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	if n := panel.RequestsTo("POST", "emergency_alert"); n != 1 {
		t.Errorf("%d starts, want 1", n)
	}
}

// A stop after which the panel still reports the alert playing is an error.
func TestAlertActionDidNotStop(t *testing.T) {
	fleet := startFleet(t)
	alertReads(fleet.Panel(""), true)
	_, resp := invokeAlert(t, fleet.URL, map[string]tftypes.Value{"stop": tftypes.NewValue(tftypes.Bool, true)})
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Alert Did Not Stop" {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
}
