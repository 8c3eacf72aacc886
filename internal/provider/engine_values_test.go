package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	testString = fieldSpec{name: "s", wire: "sS"}
	testHost   = fieldSpec{name: "h", wire: "sH", equal: equalHost}
	testText   = fieldSpec{name: "t", wire: "sT", equal: equalText}
	testInt    = fieldSpec{name: "i", wire: "iI", kind: kindInt}
	testBool   = fieldSpec{name: "b", wire: "bB", kind: kindBool}
	testList   = fieldSpec{name: "l", wire: "sL", kind: kindList, equal: equalHost}
	testSecret = fieldSpec{name: "p", wire: "sP", presence: optional, sensitive: true, masked: true}
)

func null(f fieldSpec) tftypes.Value { return tftypes.NewValue(f.tfType(), nil) }

// Every kind converts from the wire and back unchanged, and the framework
// reads the raw value the engine builds as the value the wire held.
func TestFieldConversions(t *testing.T) {
	spec := &blockSpec{typeName: "test", title: "Test", what: "the test block",
		endpoints: []endpointSpec{{path: "x"}},
		fields:    []fieldSpec{testString, testInt, testBool, testList}}
	b := compileBlock(spec)
	cases := []struct {
		f    fieldSpec
		wire any
		want attr.Value
	}{
		{testString, "Привет, мир", types.StringValue("Привет, мир")},
		{testInt, int64(-128), types.Int64Value(-128)},
		{testInt, int64(4294967295), types.Int64Value(4294967295)},
		{testBool, true, types.BoolValue(true)},
		{testList, "ntp0.example  ntp1.example", types.ListValueMust(types.StringType, []attr.Value{types.StringValue("ntp0.example"), types.StringValue("ntp1.example")})},
		{testList, "", types.ListValueMust(types.StringType, []attr.Value{})},
	}
	for _, tc := range cases {
		tv := tc.f.toTF(tc.wire)
		back, err := tc.f.toWire(tv)
		if err != nil {
			t.Fatalf("%s: toWire: %v", tc.f.name, err)
		}
		if s, ok := tc.wire.(string); ok && tc.f.kind == kindList {
			tc.wire = joinFields(s)
		}
		if back != tc.wire {
			t.Errorf("%s: %v came back as %v", tc.f.name, tc.wire, back)
		}
		a := attrs{"id": stringValue("x"), "address": stringValue("x")}
		for _, f := range spec.fields {
			a[f.name] = null(f)
		}
		a[tc.f.name] = tv
		state := tfsdk.State{Schema: b.resourceSchema, Raw: tftypes.NewValue(b.stateType, a)}
		got := frameworkValue(t, state, tc.f)
		if !got.Equal(tc.want) {
			t.Errorf("%s: framework reads %v, want %v", tc.f.name, got, tc.want)
		}
	}
}

// frameworkValue reads f's attribute through the framework's reflection.
func frameworkValue(t *testing.T, state tfsdk.State, f fieldSpec) attr.Value {
	t.Helper()
	var (
		target any
		value  func() attr.Value
	)
	switch f.kind {
	case kindInt:
		var v types.Number
		target, value = &v, func() attr.Value {
			i, _ := v.ValueBigFloat().Int64()
			return types.Int64Value(i)
		}
	case kindBool:
		var v types.Bool
		target, value = &v, func() attr.Value { return v }
	case kindList:
		var v types.List
		target, value = &v, func() attr.Value { return v }
	default:
		var v types.String
		target, value = &v, func() attr.Value { return v }
	}
	if diags := state.GetAttribute(context.Background(), path.Root(f.name), target); diags.HasError() {
		t.Fatalf("%s: the framework cannot read the value: %v", f.name, diags)
	}
	return value()
}

func joinFields(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestToWireRefusesFractions(t *testing.T) {
	_, err := testInt.toWire(tftypes.NewValue(tftypes.Number, big.NewFloat(5060.5)))
	if err == nil {
		t.Fatal("5060.5 was accepted as a whole number")
	}
}

func TestFromPanel(t *testing.T) {
	s := func(v string) tftypes.Value { return stringValue(v) }
	cases := map[string]struct {
		f     fieldSpec
		wire  any
		ok    bool
		known tftypes.Value
		want  tftypes.Value
	}{
		"clear password is drift-visible":    {testSecret, "pw", true, s("old"), s("pw")},
		"masked keeps the prior value":       {testSecret, "********", true, s("secret"), s("secret")},
		"masked after import stays null":     {testSecret, "***", true, null(testSecret), null(testSecret)},
		"empty matches a null config":        {testSecret, "", true, null(testSecret), null(testSecret)},
		"empty against a set value is drift": {testSecret, "", true, s("secret"), s("")},
		"set where config had none is drift": {testSecret, "pw", true, null(testSecret), s("pw")},
		"stars and text are a password":      {testSecret, "*a*", true, null(testSecret), s("*a*")},
		"absent field is null":               {testString, nil, false, s("x"), null(testString)},
		"host in other case keeps spelling":  {testHost, "SIP.Example", true, s("sip.example"), s("sip.example")},
		"host with spaces keeps spelling":    {testHost, " sip.example ", true, s("sip.example"), s("sip.example")},
		"other host is drift":                {testHost, "pbx.example", true, s("sip.example"), s("pbx.example")},
		"padded text keeps spelling":         {testText, " ВХОДИТЕ ", true, s("ВХОДИТЕ"), s("ВХОДИТЕ")},
		"text in other case is drift":        {testText, "входите", true, s("ВХОДИТЕ"), s("входите")},
		"exact field compares exactly":       {testString, " x", true, s("x"), s(" x")},
		"lower-cased servers keep spelling":  {testList, "NTP.example", true, testList.toTF("ntp.EXAMPLE"), testList.toTF("ntp.EXAMPLE")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := tc.f.fromPanel(tc.wire, tc.ok, tc.known); !got.Equal(tc.want) {
				t.Errorf("fromPanel = %v, want %v", got, tc.want)
			}
		})
	}
}
