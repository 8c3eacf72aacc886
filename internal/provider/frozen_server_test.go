package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A create on a frozen panel is deferred where Terraform allows deferrals,
// and refused otherwise; the engines that the acceptance tests run allow
// none, so this asks the server directly.
func TestFrozenPanelCreateIsDeferredWhereAllowed(t *testing.T) {
	const selected, frozen = "http://127.0.0.1:1/panels/1", "http://127.0.0.1:1/panels/2"
	s := NewProtocol6Server("test")()
	ctx := context.Background()
	schemas, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	ptyp := schemas.Provider.ValueType()
	cfg := nullsOf(t, ptyp)
	cfg["address"] = tftypes.NewValue(tftypes.String, selected)
	cfg["username"] = tftypes.NewValue(tftypes.String, testAdminUser)
	cfg["selected_panels"] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String},
		[]tftypes.Value{tftypes.NewValue(tftypes.String, selected)})
	configured, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamic(t, ptyp, tftypes.NewValue(ptyp, cfg))})
	if err != nil || hasError(configured.Diagnostics) {
		t.Fatalf("configure: %v %v", err, configured.Diagnostics)
	}
	rtyp := schemas.ResourceSchemas["intercom_timeouts"].ValueType()
	res := nullsOf(t, rtyp)
	res["address"] = tftypes.NewValue(tftypes.String, frozen)
	config := dynamic(t, rtyp, tftypes.NewValue(rtyp, res))
	for _, allowed := range []bool{true, false} {
		resp, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: "intercom_timeouts", PriorState: dynamic(t, rtyp, tftypes.NewValue(rtyp, nil)),
			ProposedNewState: config, Config: config,
			ClientCapabilities: &tfprotov6.PlanResourceChangeClientCapabilities{DeferralAllowed: allowed},
		})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case allowed && (resp.Deferred == nil || resp.Deferred.Reason != tfprotov6.DeferredReasonAbsentPrereq || hasError(resp.Diagnostics)):
			t.Errorf("with deferrals allowed: deferred %v, diagnostics %v; want a deferral", resp.Deferred, resp.Diagnostics)
		case !allowed && (resp.Deferred != nil || !hasError(resp.Diagnostics) || resp.Diagnostics[0].Summary != summaryFrozenPanel):
			t.Errorf("without deferrals: deferred %v, diagnostics %v; want %q", resp.Deferred, resp.Diagnostics, summaryFrozenPanel)
		}
	}
}

// An entry of panels that sets only managed gives no credentials, so a
// panel thawed below a prefix keeps the prefix's credentials.
func TestPanelsEntryWithOnlyManagedGivesNoCredentials(t *testing.T) {
	obj := types.ObjectType{AttrTypes: map[string]attr.Type{"username": types.StringType, "password": types.StringType, "managed": types.BoolType}}
	entry := func(user string, managed types.Bool) attr.Value {
		u := types.StringNull()
		if user != "" {
			u = types.StringValue(user)
		}
		return types.ObjectValueMust(obj.AttrTypes, map[string]attr.Value{"username": u, "password": types.StringNull(), "managed": managed})
	}
	m := types.MapValueMust(obj, map[string]attr.Value{
		"https://gw.example/panels":    entry("site", types.BoolValue(false)),
		"https://gw.example/panels/17": entry("", types.BoolValue(true)),
		"https://gw.example/panels/18": entry("", types.BoolNull()),
	})
	var diags diag.Diagnostics
	creds, managed := panelCredentials(m, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if _, ok := creds["https://gw.example/panels/17"]; ok {
		t.Errorf("the managed-only entry gives credentials: %v", creds)
	}
	if _, ok := creds["https://gw.example/panels/18"]; !ok {
		t.Errorf("an entry without managed lost its (empty) credentials: %v", creds)
	}
	if len(managed) != 2 || managed["https://gw.example/panels"] || !managed["https://gw.example/panels/17"] {
		t.Errorf("managed = %v", managed)
	}
}
