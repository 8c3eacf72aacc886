package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// invokeReboot runs the reboot action against the emulator.
func invokeReboot(t *testing.T, url, timeout string) ([]string, action.InvokeResponse) {
	t.Helper()
	return invokeAction(t, &rebootAction{pace: testPace}, url, map[string]tftypes.Value{"timeout": tfString(timeout)})
}

func TestRebootActionWaitsForThePanel(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetRebootTime(400 * time.Millisecond)
	start := time.Now()
	messages, resp := invokeReboot(t, fleet.URL, "10s")
	if resp.Diagnostics.HasError() {
		t.Fatalf("the reboot failed: %v", resp.Diagnostics)
	}
	if panel.Reboots() != 1 {
		t.Errorf("the panel was asked to reboot %d times, want 1", panel.Reboots())
	}
	if took := time.Since(start); took < 400*time.Millisecond {
		t.Errorf("the action returned after %s, before the panel was back", took)
	}
	all := strings.Join(messages, "\n")
	if !strings.Contains(all, "took the reboot") || !strings.Contains(all, "went down") || !strings.Contains(all, "answers again") {
		t.Errorf("progress messages:\n%s", all)
	}
}

func TestRebootActionTimesOut(t *testing.T) {
	fleet := startFleet(t)
	fleet.Panel("").SetRebootTime(5 * time.Second)
	_, resp := invokeReboot(t, fleet.URL, "300ms")
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), "did not answer again within 300ms") {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
}

// A panel that goes on answering after it took the reboot is not back:
// the action waits until it went down and came up again.
func TestRebootActionWaitsForTheDrop(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetRebootDelay(600 * time.Millisecond)
	panel.SetRebootTime(300 * time.Millisecond)
	messages, resp := invokeReboot(t, fleet.URL, "10s")
	if resp.Diagnostics.HasError() {
		t.Fatalf("the reboot failed: %v", resp.Diagnostics)
	}
	if panel.Restarting() {
		t.Errorf("the action reported the panel back while its restart was still to come:\n%s", strings.Join(messages, "\n"))
	}
}

// A panel that never goes down within the timeout is an error that says so.
func TestRebootActionNeverDown(t *testing.T) {
	fleet := startFleet(t)
	fleet.Panel("").SetRebootDelay(time.Minute)
	_, resp := invokeReboot(t, fleet.URL, "300ms")
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Panel Did Not Restart" ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "never seen down") {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
}

// A panel that comes back refusing the credentials gives a warning.
func TestRebootActionCredentialsChanged(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetRebootTime(200 * time.Millisecond)
	panel.SetCredentialsAfterRestart(testAdminUser, "reset-by-someone")
	_, resp := invokeReboot(t, fleet.URL, "10s")
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 ||
		resp.Diagnostics[0].Summary() != "Panel Credentials Changed" ||
		!strings.Contains(resp.Diagnostics[0].Detail(), fleet.URL) {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
}

// The reboot request is sent once: its error speaks of neither retries
// nor the provider's retry settings.
func TestRebootActionErrorIsAboutOneRequest(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.Inject(fakepanel.Fault{Path: "system/reboot", Status: 503})
	_, resp := invokeReboot(t, fleet.URL, "10s")
	if !resp.Diagnostics.HasError() {
		t.Fatal("a refused reboot did not fail")
	}
	detail := resp.Diagnostics[0].Detail()
	for _, bad := range []string{"retries", "max_retries", "request_timeout"} {
		if strings.Contains(detail, bad) {
			t.Errorf("the error speaks of %q:\n%s", bad, detail)
		}
	}
	if !strings.Contains(detail, "sent once") || panel.RequestsTo("POST", "system/reboot") != 1 {
		t.Errorf("posts = %d, detail:\n%s", panel.RequestsTo("POST", "system/reboot"), detail)
	}
}

// A wrong timeout is an error about the action's attribute, not about a
// provider setting.
func TestRebootActionTimeoutIsTheActions(t *testing.T) {
	var sr action.SchemaResponse
	(&rebootAction{}).Schema(context.Background(), action.SchemaRequest{}, &sr)
	attr, ok := sr.Schema.Attributes["timeout"].(schema.StringAttribute)
	if !ok {
		t.Fatal("no timeout attribute")
	}
	var resp validator.StringResponse
	for _, v := range attr.Validators {
		v.ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringValue("soon")}, &resp)
	}
	if !resp.Diagnostics.HasError() || strings.Contains(resp.Diagnostics[0].Summary(), "Provider") ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "The reboot timeout") {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
}
