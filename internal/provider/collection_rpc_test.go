package provider

import (
	"context"
	"fmt"
	"math/big"
	"runtime"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/fastpath"
)

// nullsOf is every attribute of an object type, null.
func nullsOf(t testing.TB, typ tftypes.Type) map[string]tftypes.Value {
	t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("%v is not an object type", typ)
	}
	out := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		out[name] = tftypes.NewValue(at, nil)
	}
	return out
}

// flatsConfig is an intercom_apartments configuration of n flats, each
// setting only its type, as a create's config and proposed new state.
func flatsConfig(t testing.TB, n int) *tfprotov6.DynamicValue {
	t.Helper()
	c := apartmentsCollection
	items := make(map[string]tftypes.Value, n)
	for i := 1; i <= n; i++ {
		a := nullsOf(t, c.objectType)
		a["type"] = tftypes.NewValue(tftypes.Number, big.NewFloat(1))
		items[strconv.Itoa(i)] = tftypes.NewValue(c.objectType, a)
	}
	top := nullsOf(t, c.stateType)
	top["address"] = tftypes.NewValue(tftypes.String, "http://10.0.0.5")
	top["apartments"] = c.mapValue(items)
	dv, err := tfprotov6.NewDynamicValue(c.stateType, tftypes.NewValue(c.stateType, top))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// planBytes is the heap a server allocates to validate and plan the
// creation of n flats, and to plan again after it; ours also checks what
// the plans hold.
func planBytes(t *testing.T, server tfprotov6.ProviderServer, n int, ours bool) uint64 {
	t.Helper()
	ctx := context.Background()
	config := flatsConfig(t, n)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	v, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "intercom_apartments", Config: config})
	if err != nil || len(v.Diagnostics) > 0 {
		t.Fatalf("validate: %v %v", err, v.Diagnostics)
	}
	p, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "intercom_apartments", Config: config, ProposedNewState: config})
	if err != nil || len(p.Diagnostics) > 0 {
		t.Fatalf("plan: %v %v", err, p.Diagnostics)
	}
	planned, err := p.PlannedState.Unmarshal(apartmentsCollection.stateType)
	if err != nil {
		t.Fatal(err)
	}
	if got := countFlatsWithDefaults(t, planned); ours && got != n {
		t.Fatalf("the plan has %d flats with their defaults, want %d", got, n)
	}
	// The next plan, with that as the prior state.
	prior := stateOf(t, planned)
	p, err = server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "intercom_apartments",
		Config: config, ProposedNewState: prior, PriorState: prior})
	if err != nil || len(p.Diagnostics) > 0 || len(p.RequiresReplace) > 0 {
		t.Fatalf("plan with a prior state: %v %v %v", err, p.Diagnostics, p.RequiresReplace)
	}
	if next, err := p.PlannedState.Unmarshal(apartmentsCollection.stateType); ours && (err != nil || !next.Equal(mustValue(t, prior))) {
		t.Fatalf("the plan after an apply is not empty: %v", err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// stateOf is a planned value as the apply records it: the id known.
func stateOf(t *testing.T, planned tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	a, err := readAttrs(planned)
	if err != nil {
		t.Fatal(err)
	}
	a["id"] = a["address"]
	dv, err := tfprotov6.NewDynamicValue(apartmentsCollection.stateType, tftypes.NewValue(apartmentsCollection.stateType, a))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func mustValue(t *testing.T, dv *tfprotov6.DynamicValue) tftypes.Value {
	t.Helper()
	v, err := dv.Unmarshal(apartmentsCollection.stateType)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func countFlatsWithDefaults(t *testing.T, planned tftypes.Value) int {
	t.Helper()
	_, a, err := apartmentsCollection.readState(planned)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, item := range a {
		var v map[string]tftypes.Value
		if err := item.As(&v); err != nil {
			t.Fatal(err)
		}
		if isTrue(v["voip_calls"]) && v["digital_address"].IsKnown() && !v["digital_address"].IsNull() {
			n++
		}
	}
	return n
}

// Validating and planning a collection costs the same per item at any
// size, and a fraction of what the framework alone costs, which builds
// framework values of every item and walks them attribute by attribute.
func TestCollectionPlanIsLinear(t *testing.T) {
	const small, large = 300, 1200
	ours := NewProtocol6Server("test")()
	framework := providerserver.NewProtocol6(New("test")())()
	planBytes(t, ours, 10, true) // schemas are built once
	growth := float64(planBytes(t, ours, large, true)) / float64(planBytes(t, ours, small, true))
	share := float64(planBytes(t, ours, large, true)) / float64(planBytes(t, framework, large, false))
	t.Logf("heap allocated for %d flats ÷ for %d: %.1f×; against the framework alone: %.2f×", large, small, growth, share)
	if growth > 5 {
		t.Errorf("the plan grows %.1f× for 4× the flats, want linear (at most 5×)", growth)
	}
	if share > 0.2 {
		t.Errorf("the plan allocates %.2f× what the framework alone does, want at most 0.2×: are the collection calls still routed past it?", share)
	}
}

// Values not known until apply stay unknown in the plan, and are not
// checked or defaulted before they are known.
func TestCollectionPlanKeepsUnknowns(t *testing.T) {
	c := apartmentsCollection
	item := func(voip tftypes.Value) tftypes.Value {
		a := nullsOf(t, c.objectType)
		a["voip_address"] = voip
		return tftypes.NewValue(c.objectType, a)
	}
	unknownText := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	for name, items := range map[string]tftypes.Value{
		"an attribute": c.mapValue(map[string]tftypes.Value{"1": item(unknownText)}),
		"an item":      c.mapValue(map[string]tftypes.Value{"1": tftypes.NewValue(c.objectType, tftypes.UnknownValue)}),
		"the map":      tftypes.NewValue(c.mapType, tftypes.UnknownValue),
	} {
		t.Run(name, func(t *testing.T) {
			top := nullsOf(t, c.stateType)
			top["address"] = tftypes.NewValue(tftypes.String, "http://10.0.0.5")
			top["apartments"] = items
			dv, err := tfprotov6.NewDynamicValue(c.stateType, tftypes.NewValue(c.stateType, top))
			if err != nil {
				t.Fatal(err)
			}
			server := NewProtocol6Server("test")()
			ctx := context.Background()
			v, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "intercom_apartments", Config: &dv})
			if err != nil || len(v.Diagnostics) > 0 {
				t.Fatalf("validate: %v %v", err, v.Diagnostics)
			}
			p, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "intercom_apartments", Config: &dv, ProposedNewState: &dv})
			if err != nil || len(p.Diagnostics) > 0 {
				t.Fatalf("plan: %v %v", err, p.Diagnostics)
			}
			planned, err := readAttrs(mustValue(t, p.PlannedState))
			if err != nil {
				t.Fatal(err)
			}
			if planned["apartments"].IsFullyKnown() {
				t.Errorf("the planned flats are all known: %v", planned["apartments"])
			}
			if !planned["exclusive"].Equal(boolValue(false)) {
				t.Errorf("exclusive is %v, want its default false", planned["exclusive"])
			}
			if name == "an attribute" {
				flats, _ := fastpath.Items(planned["apartments"])
				var flat map[string]tftypes.Value
				if err := flats["1"].As(&flat); err != nil || !flat["voip_calls"].Equal(boolValue(true)) {
					t.Errorf("flat 1 is %v, want voip_calls at its default true beside the unknown address", flats["1"])
				}
			}
		})
	}
}

// State the schema wrote goes back to Terraform as the JSON it is; state
// naming an attribute the schema lacks goes through the framework, which
// drops it.
func TestCollectionStateUpgrade(t *testing.T) {
	flat := `{"type":1,"analog_calls":true,"voip_calls":true,"voip_address":"sip:12@pbx","digital_address":0,` +
		`"matrix_address":0,"analog_handset":0,"ring_device":0,"voip_device":0,"external_voip_device":0,` +
		`"panel_analog":0,"hung_level":0,"speak_level":0,"unlock_level":0%s}`
	state := `{"id":"http://10.0.0.5","address":"10.0.0.5","exclusive":false,"delete_on_destroy":false,"apartments":{"12":` + flat + `}}`
	server := NewProtocol6Server("test")()
	upgrade := func(raw string) *tfprotov6.UpgradeResourceStateResponse {
		t.Helper()
		resp, err := server.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
			TypeName: "intercom_apartments", Version: 0, RawState: &tfprotov6.RawState{JSON: []byte(raw)}})
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("upgrade: %v %v", err, resp.Diagnostics)
		}
		return resp
	}
	current := fmt.Sprintf(state, "")
	if got := upgrade(current).UpgradedState; string(got.JSON) != current || len(got.MsgPack) != 0 {
		t.Errorf("current state came back as %q (msgpack %d bytes), want the JSON as it was", got.JSON, len(got.MsgPack))
	}
	stale := fmt.Sprintf(state, `,"retired":1`)
	got := upgrade(stale).UpgradedState
	if len(got.MsgPack) == 0 {
		t.Fatalf("state with an attribute the schema lacks came back as JSON %q, want the framework's decoding", got.JSON)
	}
	_, flats, err := apartmentsCollection.readState(mustValue(t, got))
	if err != nil || len(flats) != 1 {
		t.Fatalf("the upgraded state holds %d flats (%v), want flat 12", len(flats), err)
	}
}
