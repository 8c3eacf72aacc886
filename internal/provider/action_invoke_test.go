package provider

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// invokeAction runs an action's Invoke as Terraform would, against the
// emulator at url, with the given attributes (the others null), and
// returns its progress messages and diagnostics.
func invokeAction(t *testing.T, a action.ActionWithConfigure, url string, attrs map[string]tftypes.Value) ([]string, action.InvokeResponse) {
	t.Helper()
	ctx := context.Background()
	c, err := client.New(url, testAdminUser, testAdminPassword, client.WithConnectTimeout(time.Second),
		client.WithBackoff(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var cr action.ConfigureResponse
	a.Configure(ctx, action.ConfigureRequest{ProviderData: &providerData{client: c}}, &cr)
	var sr action.SchemaResponse
	a.Schema(ctx, action.SchemaRequest{}, &sr)
	values := map[string]tftypes.Value{}
	for name, attr := range sr.Schema.Attributes {
		values[name] = tftypes.NewValue(attr.GetType().TerraformType(ctx), nil)
		if v, ok := attrs[name]; ok {
			values[name] = v
		}
	}
	raw := tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), values)
	var messages []string
	resp := action.InvokeResponse{SendProgress: func(e action.InvokeProgressEvent) { messages = append(messages, e.Message) }}
	a.Invoke(ctx, action.InvokeRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: raw}}, &resp)
	return messages, resp
}

// testPace makes restarts and polls take milliseconds.
var testPace = restartPace{probe: 20 * time.Millisecond, poll: 50 * time.Millisecond}

func tfString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
