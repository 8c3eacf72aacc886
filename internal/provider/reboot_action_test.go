package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// invokeReboot runs the action's Invoke as Terraform would, against the
// emulator, and returns its progress messages and diagnostics.
func invokeReboot(t *testing.T, url, timeout string) ([]string, action.InvokeResponse) {
	t.Helper()
	c, err := client.New(url, testAdminUser, testAdminPassword, client.WithConnectTimeout(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	a := &rebootAction{panels: &providerData{client: c}, poll: 50 * time.Millisecond}
	var sr action.SchemaResponse
	a.Schema(context.Background(), action.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(context.Background())
	raw := tftypes.NewValue(typ, map[string]tftypes.Value{
		"address": tftypes.NewValue(tftypes.String, nil),
		"timeout": tftypes.NewValue(tftypes.String, timeout),
	})
	var messages []string
	resp := action.InvokeResponse{SendProgress: func(e action.InvokeProgressEvent) { messages = append(messages, e.Message) }}
	a.Invoke(context.Background(), action.InvokeRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: raw}}, &resp)
	return messages, resp
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
	if !strings.Contains(all, "is rebooting") || !strings.Contains(all, "answers again") {
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
