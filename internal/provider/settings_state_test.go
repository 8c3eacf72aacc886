package provider

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The state of a settings resource that goes back to Terraform as its own
// JSON decodes to exactly what the framework's answer decodes to, and
// every state the passthrough must not take (another version, an
// attribute the schema lacks, not an object) still gets the framework's
// answer. Write-only attributes, null or not, are among the states.
func TestSettingsStateUpgradeMatchesFramework(t *testing.T) {
	ctx := context.Background()
	ours, theirs := NewProtocol6Server("test")(), providerserver.NewProtocol6(&intercomProvider{version: "test"})()
	rng := rand.New(rand.NewPCG(7, 16))
	compared, passed, fellBack := 0, 0, 0
	for _, b := range settingsBlocks {
		name := "intercom_" + b.typeName
		for i := range 200 {
			state, version := randomState(rng, b), b.resourceSchema.Version
			raw, _ := json.Marshal(state)
			switch i % 10 {
			case 7:
				version++
			case 8:
				raw = []byte(`[]`)
			}
			req := func() *tfprotov6.UpgradeResourceStateRequest {
				return &tfprotov6.UpgradeResourceStateRequest{TypeName: name, Version: version, RawState: &tfprotov6.RawState{JSON: raw}}
			}
			a, errA := ours.UpgradeResourceState(ctx, req())
			f, errF := theirs.UpgradeResourceState(ctx, req())
			if errA != nil || errF != nil {
				t.Fatalf("%s: %v / %v", name, errA, errF)
			}
			if got, want := diagText(a.Diagnostics), diagText(f.Diagnostics); got != want {
				t.Fatalf("%s %s: diagnostics\n%s\nwant\n%s", name, raw, got, want)
			}
			compared++
			if f.UpgradedState == nil {
				if a.UpgradedState != nil {
					t.Fatalf("%s %s: a state where the framework gives none", name, raw)
				}
				fellBack++
				continue
			}
			if a.UpgradedState.JSON != nil {
				passed++
			} else {
				fellBack++
			}
			got, want := decoded(t, b.stateType, a.UpgradedState), decoded(t, b.stateType, f.UpgradedState)
			if !got.Equal(want) {
				t.Fatalf("%s %s: upgraded to\n%v\nwant\n%v", name, raw, got, want)
			}
		}
	}
	if passed == 0 || fellBack == 0 {
		t.Fatalf("%d states went back as JSON and %d to the framework: the comparison needs both", passed, fellBack)
	}
	t.Logf("%d states compared over %d settings resources: %d went back as their JSON, %d to the framework", compared, len(settingsBlocks), passed, fellBack)
}

// randomState is a settings resource's state as Terraform writes it, with
// now and then an attribute left out, one the schema lacks, or a value
// in a write-only attribute.
func randomState(rng *rand.Rand, b *settingsBlock) map[string]any {
	state := map[string]any{}
	for name, typ := range b.stateType.(tftypes.Object).AttributeTypes { //nolint:forcetypeassert // a schema of attributes.
		if rng.IntN(12) == 0 {
			continue
		}
		state[name] = randomJSON(rng, typ)
		if b.resourceSchema.Attributes[name].IsWriteOnly() && rng.IntN(8) != 0 {
			state[name] = nil
		}
	}
	if rng.IntN(12) == 0 {
		state["retired"] = 1
	}
	return state
}

func randomJSON(rng *rand.Rand, typ tftypes.Type) any {
	if rng.IntN(4) == 0 {
		return nil
	}
	switch {
	case typ.Is(tftypes.String):
		return []string{"", "sip.example.net", "Привет, мир", "1234", " spaced "}[rng.IntN(5)]
	case typ.Is(tftypes.Number):
		return []any{0, 5060, -128, 4294967295, 2.5}[rng.IntN(5)]
	case typ.Is(tftypes.Bool):
		return rng.IntN(2) == 0
	case typ.Is(tftypes.List{ElementType: tftypes.String}):
		return []string{"ntp0.example", "ntp1.example"}[:rng.IntN(3)]
	}
	return nil
}

// The upgrade of one SIP state, as Terraform asks for it once per
// resource in every plan: through the framework, and as its JSON.
func BenchmarkSettingsStateUpgrade(b *testing.B) {
	state := []byte(`{"id":"http://10.0.0.5","address":"10.0.0.5","user":"alice","password":"s3cret","password_wo":null,` +
		`"password_wo_version":null,"domain":"sip.example.net","proxy":"","realm":"*","protocol":"udp","port":5060,"reset_on_destroy":false}`)
	for _, s := range []struct {
		name   string
		server tfprotov6.ProviderServer
	}{{"framework", providerserver.NewProtocol6(&intercomProvider{version: "test"})()}, {"passthrough", NewProtocol6Server("test")()}} {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resp, err := s.server.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
					TypeName: "intercom_sip_config", Version: 0, RawState: &tfprotov6.RawState{JSON: state}})
				if err != nil || resp.UpgradedState == nil {
					b.Fatal(err, resp.Diagnostics)
				}
				if s.name == "passthrough" && resp.UpgradedState.JSON == nil {
					b.Fatal("the state went to the framework")
				}
			}
		})
	}
}
