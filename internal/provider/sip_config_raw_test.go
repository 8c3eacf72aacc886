package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The hand-written state conversion must agree with the framework's
// reflection for every attribute, in both directions.
func TestRawStateRoundTrip(t *testing.T) {
	ctx := context.Background()
	full := sipConfigResourceModel{
		ID: types.StringValue("http://10.0.0.5"), Address: types.StringValue("10.0.0.5"),
		ResetOnDestroy: types.BoolValue(true), PasswordWO: types.StringNull(), PasswordWOVersion: types.Int64Value(3),
		sipSettingsModel: sipSettingsModel{
			User: types.StringValue("alice"), Password: types.StringValue("pw"), Domain: types.StringValue("d"),
			Proxy: types.StringValue(""), Realm: types.StringValue("*"), Protocol: types.StringValue("tls"), Port: types.Int64Value(5061),
		},
	}
	imported := sipConfigResourceModel{
		ID: types.StringValue("http://10.0.0.5"), Address: types.StringValue("10.0.0.5"), ResetOnDestroy: types.BoolNull(),
		PasswordWO: types.StringNull(), PasswordWOVersion: types.Int64Null(),
		sipSettingsModel: sipSettingsModel{
			User: types.StringNull(), Password: types.StringNull(), Domain: types.StringNull(), Proxy: types.StringNull(),
			Realm: types.StringNull(), Protocol: types.StringNull(), Port: types.Int64Null(),
		},
	}
	for name, m := range map[string]sipConfigResourceModel{"every attribute set": full, "just imported": imported} {
		t.Run(name, func(t *testing.T) {
			framework := tfsdk.State{Schema: sipConfigResourceSchema, Raw: tftypes.NewValue(sipConfigStateType, nil)}
			if diags := framework.Set(ctx, &m); diags.HasError() {
				t.Fatalf("framework Set: %v", diags)
			}
			raw := rawState(m)
			if !raw.Equal(framework.Raw) {
				t.Fatalf("rawState differs from the framework's:\n got %v\nwant %v", raw, framework.Raw)
			}
			back, err := readRawState(raw)
			if err != nil {
				t.Fatal(err)
			}
			if back != m {
				t.Errorf("readRawState(rawState(m)) = %+v, want %+v", back, m)
			}
			var viaFramework sipConfigResourceModel
			if diags := framework.Get(ctx, &viaFramework); diags.HasError() {
				t.Fatalf("framework Get: %v", diags)
			}
			if back != viaFramework {
				t.Errorf("readRawState = %+v, framework Get = %+v", back, viaFramework)
			}
		})
	}
}
