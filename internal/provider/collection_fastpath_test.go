package provider

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
	"github.com/domofon/terraform-provider-intercom/internal/fastpath"
)

// The fast path must answer exactly as the framework would, given the
// same schema. Generated sequences of configurations (create, update,
// relabel, remove, unknown values at each depth, null maps and items,
// invalid keys and values, every exclusive and delete_on_destroy
// transition, import, destroy) go through a framework-only server and
// through the provider's server, each against a fresh emulator at the
// same address; validate diagnostics, plans, applied states, reads and
// what the panel holds must be identical at every step. Every step that
// applies also checks the contract: a refresh right after shows the plan.
func TestCollectionFastPathMatchesFramework(t *testing.T) {
	for _, c := range collectionSpecs {
		if err := fastpath.Supports(c.schema); err != nil {
			t.Fatalf("intercom_%s is outside what the fast path serves: %v", c.typeName, err)
		}
	}
	var current atomic.Pointer[fakepanel.Server]
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { current.Load().ServeHTTP(w, r) }))
	t.Cleanup(hs.Close)
	rng := rand.New(rand.NewSource(16))
	sequences, steps, applied := 0, 0, 0
	for _, c := range collectionSpecs {
		for n := 0; n < 80; n++ {
			g := &configGen{t: t, c: c, rng: rng, url: hs.URL}
			seq := g.sequence()
			var runs [2][]stepResult
			for i, framework := range []bool{true, false} {
				current.Store(seededPanel(c))
				runs[i] = runSequence(t, newTestServer(t, hs.URL, framework), c, hs.URL, seq, current.Load())
			}
			for i := range runs[0] {
				if runs[0][i] != runs[1][i] {
					t.Fatalf("intercom_%s, sequence %d, step %d (%s): the fast path answers\n%s\nthe framework answers\n%s",
						c.typeName, n, i, seq[i].name, runs[1][i], runs[0][i])
				}
				if strings.Contains(runs[0][i], "applied") {
					applied++
				}
			}
			sequences++
			steps += len(runs[0])
		}
	}
	t.Logf("%d generated sequences, %d steps compared, %d of them applied", sequences, steps, applied)
}

// seededPanel is an emulator holding one item that no configuration here
// lists, as a resident's own key or code would be.
func seededPanel(c *collectionSpec) *fakepanel.Server {
	srv := fakepanel.New()
	srv.SetCredentials(testAdminUser, testAdminPassword)
	item := map[string]any{}
	for _, f := range c.fields {
		item[f.wire] = f.def
		if f.kind == kindBool {
			item[f.wire] = int64(1)
		}
	}
	switch c.typeName {
	case "apartments":
		item["iFlatID"] = int64(99)
	case "rfid_keys":
		item["sKeyUid"] = "EE99"
	case "access_codes":
		item["sCodeID"], item["iFlatID"] = "999999", int64(9)
	}
	srv.Panel("").SetItem(c.coll.Path, item)
	return srv
}

func newTestServer(t *testing.T, url string, framework bool) tfprotov6.ProviderServer {
	t.Helper()
	var s tfprotov6.ProviderServer
	if framework {
		s = providerserver.NewProtocol6(New("test")())()
	} else {
		s = NewProtocol6Server("test")()
	}
	ctx := context.Background()
	schemas, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.Provider.ValueType()
	cfg := nullsOf(t, typ)
	cfg["address"] = tftypes.NewValue(tftypes.String, url)
	cfg["username"] = tftypes.NewValue(tftypes.String, testAdminUser)
	cfg["password"] = tftypes.NewValue(tftypes.String, testAdminPassword)
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, cfg))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &dv})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	return s
}

// genStep is one configuration of a sequence; import and destroy are
// steps too.
type genStep struct {
	name     string
	config   tftypes.Value // null: destroy
	doImport bool
}

type stepResult = string

// runSequence plays a sequence on one server, as Terraform would, and
// describes each step's answers as text to compare.
func runSequence(t *testing.T, s tfprotov6.ProviderServer, c *collectionSpec, url string, seq []genStep, panel *fakepanel.Server) []stepResult {
	t.Helper()
	ctx := context.Background()
	typeName := "intercom_" + c.typeName
	prior := tftypes.NewValue(c.stateType, nil)
	var identity *tfprotov6.ResourceIdentityData
	var out []stepResult
	for _, step := range seq {
		var b strings.Builder
		if step.doImport {
			imp, err := s.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typeName, ID: url})
			if err != nil || len(imp.ImportedResources) != 1 {
				t.Fatalf("import: %v %v", err, imp.Diagnostics)
			}
			fmt.Fprintf(&b, "import: %s\n", diagText(imp.Diagnostics))
			prior, identity = readBack(t, s, c, &b, imp.ImportedResources[0].State, imp.ImportedResources[0].Identity)
			out = append(out, b.String())
			continue
		}
		config := step.config
		cfgDV := dynamic(t, c.stateType, config)
		v, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: cfgDV})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "validate: %s\n", diagText(v.Diagnostics))
		if hasError(v.Diagnostics) {
			out = append(out, b.String())
			break
		}
		proposed := proposedNew(c, prior, config)
		p, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, Config: cfgDV,
			PriorState: dynamic(t, c.stateType, prior), ProposedNewState: dynamic(t, c.stateType, proposed), PriorIdentity: identity})
		if err != nil {
			t.Fatal(err)
		}
		planned := decoded(t, c.stateType, p.PlannedState)
		fmt.Fprintf(&b, "plan: %s\n%s\nidentity: %s\nreplace: %v\n", diagText(p.Diagnostics), valueText(planned), identityText(t, p.PlannedIdentity), p.RequiresReplace)
		if hasError(p.Diagnostics) || !planned.IsFullyKnown() || len(p.RequiresReplace) > 0 {
			out = append(out, b.String())
			break
		}
		a, err := s.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, Config: cfgDV,
			PriorState: dynamic(t, c.stateType, prior), PlannedState: p.PlannedState, PlannedIdentity: p.PlannedIdentity})
		if err != nil {
			t.Fatal(err)
		}
		state := decoded(t, c.stateType, a.NewState)
		fmt.Fprintf(&b, "applied: %s\n%s\nidentity: %v\npanel: %v\n", diagText(a.Diagnostics), valueText(state), identityText(t, a.NewIdentity), panelItems(panel, c))
		if hasError(a.Diagnostics) || state.IsNull() {
			out = append(out, b.String())
			break
		}
		prior, identity = readBack(t, s, c, &b, a.NewState, a.NewIdentity)
		checkContract(t, c, prior, planned, panel)
		out = append(out, b.String())
	}
	return out
}

// readBack refreshes a state and describes what the read answered.
func readBack(t *testing.T, s tfprotov6.ProviderServer, c *collectionSpec, b *strings.Builder, state *tfprotov6.DynamicValue,
	identity *tfprotov6.ResourceIdentityData,
) (tftypes.Value, *tfprotov6.ResourceIdentityData) {
	t.Helper()
	r, err := s.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: "intercom_" + c.typeName,
		CurrentState: state, CurrentIdentity: identity})
	if err != nil {
		t.Fatal(err)
	}
	read := decoded(t, c.stateType, r.NewState)
	fmt.Fprintf(b, "read: %s\n%s\nidentity: %v\n", diagText(r.Diagnostics), valueText(read), identityText(t, r.NewIdentity))
	return read, r.NewIdentity
}

// valueText is a value, short: null, ? for unknown, maps and objects in
// key order.
func valueText(v tftypes.Value) string {
	switch {
	case !v.IsKnown():
		return "?"
	case v.IsNull():
		return "null"
	}
	var m map[string]tftypes.Value
	if v.As(&m) == nil {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, k+"="+valueText(m[k]))
		}
		return "{" + strings.Join(parts, " ") + "}"
	}
	var str string
	if v.As(&str) == nil {
		return fmt.Sprintf("%q", str)
	}
	var n big.Float
	if v.As(&n) == nil {
		return n.String()
	}
	var b bool
	_ = v.As(&b)
	return fmt.Sprint(b)
}

// checkContract: a refresh right after an apply shows every planned item
// as planned, and beside them only items the panel holds that the
// resource never listed, which with exclusive the next plan deletes.
func checkContract(t *testing.T, c *collectionSpec, read, planned tftypes.Value, panel *fakepanel.Server) {
	t.Helper()
	_, got, err := c.readState(read)
	_, want, err2 := c.readState(planned)
	if err != nil || err2 != nil {
		t.Fatal(err, err2)
	}
	for k, v := range want {
		if !v.Equal(got[k]) {
			t.Fatalf("intercom_%s: after apply, %s[%q] reads %v, but the plan showed %v (panel: %v)", c.typeName, c.mapAttr, k, got[k], v, panelItems(panel, c))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok && !strings.HasPrefix(k, "flat-9-") && k != "99" && k != "EE99" {
			t.Fatalf("intercom_%s: after apply, the panel holds %s[%q], which the plan did not show (panel: %v)", c.typeName, c.mapAttr, k, panelItems(panel, c))
		}
	}
}

// proposedNew is Terraform's proposed new state for these schemas: the
// configuration, with a Computed attribute that it leaves null taken from
// prior state, in each item too.
func proposedNew(c *collectionSpec, prior, config tftypes.Value) tftypes.Value {
	if config.IsNull() || prior.IsNull() || !config.IsKnown() {
		return config
	}
	var cfg, was map[string]tftypes.Value
	_ = config.As(&cfg)
	_ = prior.As(&was)
	out := map[string]tftypes.Value{}
	for name, v := range cfg {
		out[name] = v
		if v.IsNull() && name != c.mapAttr {
			out[name] = was[name]
		}
	}
	items, _ := fastpath.Items(cfg[c.mapAttr])
	old, _ := fastpath.Items(was[c.mapAttr])
	if items == nil {
		return tftypes.NewValue(c.stateType, out)
	}
	merged := map[string]tftypes.Value{}
	for key, item := range items {
		merged[key] = item
		prev, ok := old[key]
		if !ok || !item.IsKnown() || item.IsNull() || prev.IsNull() {
			continue
		}
		var a, p map[string]tftypes.Value
		_ = item.As(&a)
		_ = prev.As(&p)
		a = maps.Clone(a)
		for name, v := range a {
			if v.IsNull() && c.fieldNamed(name).def != nil {
				a[name] = p[name]
			}
		}
		merged[key] = tftypes.NewValue(c.objectType, a)
	}
	out[c.mapAttr] = c.mapValue(merged)
	return tftypes.NewValue(c.stateType, out)
}

func (c *collectionSpec) fieldNamed(name string) *itemField {
	for i := range c.fields {
		if c.fields[i].name == name {
			return &c.fields[i]
		}
	}
	return &itemField{}
}

// configGen makes random small configurations of one collection, mostly
// valid, from a small pool of keys, so that sequences relabel, swap and
// remove items.
type configGen struct {
	t   testing.TB
	c   *collectionSpec
	rng *rand.Rand
	url string
}

func (g *configGen) sequence() []genStep {
	var seq []genStep
	if g.rng.Intn(4) == 0 {
		seq = append(seq, genStep{name: "import", doImport: true})
	}
	for i := 0; i < 4; i++ {
		seq = append(seq, g.step(i))
	}
	return append(seq, genStep{name: "destroy", config: tftypes.NewValue(g.c.stateType, nil)})
}

func (g *configGen) pick(n int) int { return g.rng.Intn(n) }

func (g *configGen) step(i int) genStep {
	c := g.c
	top := nullsOf(g.t, c.stateType)
	unknownOK := i == 3 // only the last step may plan unknowns: nothing applies after it
	top["exclusive"] = g.boolOrNull()
	top["delete_on_destroy"] = g.boolOrNull()
	switch g.pick(6) {
	case 0:
		top["address"] = tftypes.NewValue(tftypes.String, g.url)
	case 1:
		top["address"] = tftypes.NewValue(tftypes.String, g.url+"/")
	}
	switch r := g.pick(20); {
	case r == 0:
		// null map: top stays null
	case r == 1 && unknownOK:
		top[c.mapAttr] = tftypes.NewValue(c.mapType, tftypes.UnknownValue)
	default:
		items := map[string]tftypes.Value{}
		for n := g.pick(4); n > 0; n-- {
			items[g.key()] = g.item(unknownOK)
		}
		top[c.mapAttr] = c.mapValue(items)
	}
	return genStep{name: fmt.Sprintf("config %d", i), config: tftypes.NewValue(c.stateType, top)}
}

func (g *configGen) boolOrNull() tftypes.Value {
	switch g.pick(3) {
	case 0:
		return tftypes.NewValue(tftypes.Bool, true)
	case 1:
		return tftypes.NewValue(tftypes.Bool, false)
	}
	return tftypes.NewValue(tftypes.Bool, nil)
}

func (g *configGen) key() string {
	pools := map[string][]string{
		"apartments":   {"1", "2", "3", "01"},
		"rfid_keys":    {"AA01", "AA02", "BB03", "aa"},
		"access_codes": {"a", "b", "c", "bad label"},
	}
	pool := pools[g.c.typeName]
	if g.pick(25) == 0 {
		return pool[3]
	}
	return pool[g.pick(3)]
}

func (g *configGen) item(unknownOK bool) tftypes.Value {
	c := g.c
	if g.pick(30) == 0 {
		return tftypes.NewValue(c.objectType, nil)
	}
	if unknownOK && g.pick(15) == 0 {
		return tftypes.NewValue(c.objectType, tftypes.UnknownValue)
	}
	a := nullsOf(g.t, c.objectType)
	for _, f := range c.fields {
		typ := c.objectType.AttributeTypes[f.name]
		if f.def != nil && g.pick(2) == 0 {
			continue
		}
		if unknownOK && g.pick(12) == 0 {
			a[f.name] = tftypes.NewValue(typ, tftypes.UnknownValue)
			continue
		}
		a[f.name] = g.value(f, typ)
	}
	return tftypes.NewValue(c.objectType, a)
}

func (g *configGen) value(f itemField, typ tftypes.Type) tftypes.Value {
	switch f.kind {
	case kindBool:
		return tftypes.NewValue(typ, g.pick(2) == 0)
	case kindInt:
		n := []float64{0, 7, 12}[g.pick(3)]
		if g.pick(25) == 0 {
			n = []float64{1.5, -3, 10000, 1e30}[g.pick(4)]
		}
		return tftypes.NewValue(typ, big.NewFloat(n))
	}
	if f.sensitive {
		if g.pick(25) == 0 {
			return tftypes.NewValue(typ, "12a4")
		}
		return tftypes.NewValue(typ, []string{"1111", "2222", "3333"}[g.pick(3)])
	}
	return tftypes.NewValue(typ, []string{"", "sip:x@pbx.example"}[g.pick(2)])
}

func dynamic(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func decoded(t *testing.T, typ tftypes.Type, dv *tfprotov6.DynamicValue) tftypes.Value {
	t.Helper()
	if dv == nil {
		return tftypes.NewValue(typ, nil)
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func identityText(t *testing.T, id *tfprotov6.ResourceIdentityData) string {
	t.Helper()
	if id == nil || id.IdentityData == nil {
		return "none"
	}
	return valueText(decoded(t, identityType, id.IdentityData))
}

// diagText is the diagnostics in a stable order: the framework's order
// follows map iteration.
func diagText(diags []*tfprotov6.Diagnostic) string {
	var lines []string
	for _, d := range diags {
		lines = append(lines, fmt.Sprintf("%v %q %q at %v", d.Severity, d.Summary, d.Detail, d.Attribute))
	}
	sort.Strings(lines)
	return strings.Join(lines, "; ")
}

func panelItems(panel *fakepanel.Server, c *collectionSpec) string {
	var lines []string
	for _, it := range panel.Panel("").Items(c.coll.Path) {
		keys := make([]string, 0, len(it))
		for k := range it {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%v", k, it[k]))
		}
		lines = append(lines, strings.Join(parts, ","))
	}
	sort.Strings(lines)
	return strings.Join(lines, " | ")
}
