package provider

import (
	"context"
	"encoding/json"
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// memPrivate is private state as a map, as the framework keeps it.
type memPrivate map[string][]byte

func (m memPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return m[key], nil
}

// SetKey removes a key set to nothing, as the framework does.
func (m memPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	m[key] = value
	if len(value) == 0 {
		delete(m, key)
	}
	return nil
}

// resetting is a plan with reset_on_destroy = true, the only one that
// records what it applied.
var resetting = attrs{"reset_on_destroy": boolValue(true)}

var appliedSIP = client.Values{"sUser": "alice", "sPassword": "s3cret", "sDomain": "sip.example", "sProxy": "",
	"sRealm": "*", "sProtocol": "udp", "iPort": int64(5060)}

// appliedWith is appliedSIP with one wire field set to v, or left out
// when v is nil.
func appliedWith(wire string, v any) client.Values {
	got := maps.Clone(appliedSIP)
	got[wire] = v
	if v == nil {
		delete(got, wire)
	}
	return got
}

// expectDiffers checks that the record in p names want as the first field
// in which got differs ("" for none).
func expectDiffers(t *testing.T, p privateState, got client.Values, want, when string) {
	t.Helper()
	if field, ok := sipConfigBlock.appliedDiffers(context.Background(), p, got); field != want || !ok {
		t.Errorf("%s: appliedDiffers = %q, %v; want %q, true", when, field, ok, want)
	}
}

// The record answers reset_on_destroy's question field by field: the same
// values match, a changed one is named, a masked password cannot differ
// and firmware's own spelling of a host still matches.
func TestAppliedRecordNamesTheFieldThatDiffers(t *testing.T) {
	b, ctx := sipConfigBlock, context.Background()
	p := memPrivate{}
	var diags diag.Diagnostics
	b.saveApplied(ctx, p, resetting, appliedSIP, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	for _, tc := range []struct {
		name string
		got  client.Values
		want string
	}{
		{"the same values", appliedSIP, ""},
		{"the port as a JSON number", appliedWith("iPort", float64(5060)), ""},
		{"a re-cased domain", appliedWith("sDomain", "SIP.Example"), ""},
		{"a masked password", appliedWith("sPassword", "******"), ""},
		{"another user", appliedWith("sUser", "carol"), "user"},
		{"another password", appliedWith("sPassword", "other"), "password"},
		{"another port", appliedWith("iPort", int64(5061)), "port"},
		{"another protocol", appliedWith("sProtocol", "tls"), "protocol"},
		{"no realm", appliedWith("sRealm", nil), "realm"},
	} {
		expectDiffers(t, p, tc.got, tc.want, tc.name)
	}
}

// Terraform reads and sends every instance's private state in every plan,
// so the record stays small: the first form, full digests by name in
// JSON, was 562 bytes for a SIP account (801 once the framework and
// Terraform had each encoded it).
func TestAppliedRecordIsSmall(t *testing.T) {
	p := memPrivate{}
	var diags diag.Diagnostics
	sipConfigBlock.saveApplied(context.Background(), p, resetting, appliedSIP, &diags)
	if n := len(p[appliedKey]); n == 0 || n > 110 {
		t.Errorf("the record of a SIP account is %d bytes, want 1 to 110: %s", n, p[appliedKey])
	}
}

// Records written by earlier releases (full digests by field name) are
// still read, so upgrading the provider changes nothing reset_on_destroy
// decides.
func TestAppliedRecordReadsTheLegacyForm(t *testing.T) {
	b := sipConfigBlock
	salt := []byte("0123456789abcdef")
	legacy := legacyApplied{Salt: salt, Fields: map[string][]byte{}}
	for i := range b.fields {
		f := &b.fields[i]
		legacy.Fields[f.name] = f.digest(appliedSIP[f.wire], salt)
	}
	raw, _ := json.Marshal(legacy)
	p := memPrivate{appliedKey: raw}
	expectDiffers(t, p, appliedSIP, "", "legacy record against the values it recorded")
	expectDiffers(t, p, appliedWith("sDomain", "pbx.example"), "domain", "legacy record against another domain")
}

// A record that this block cannot read (damaged, cut short, or written
// for another list of fields) counts as none, so Delete falls back to
// comparing the panel with state instead of trusting misaligned digests.
func TestAppliedRecordUnreadableIsNone(t *testing.T) {
	b, ctx := sipConfigBlock, context.Background()
	p := memPrivate{}
	var diags diag.Diagnostics
	b.saveApplied(ctx, p, resetting, appliedSIP, &diags)
	var enc string
	if err := json.Unmarshal(p[appliedKey], &enc); err != nil {
		t.Fatal(err)
	}
	reordered := *b.blockSpec
	reordered.fields = append([]fieldSpec{b.fields[1], b.fields[0]}, b.fields[2:]...)
	other := &settingsBlock{blockSpec: &reordered}
	for name, tc := range map[string]struct {
		block *settingsBlock
		raw   string
	}{
		"cut short":        {b, `"` + enc[:len(enc)-3] + `"`},
		"one byte more":    {b, `"` + enc + `AAA"`},
		"not base64":       {b, `"!!"`},
		"not JSON":         {b, `{`},
		"legacy, damaged":  {b, `{"salt":1}`},
		"fields reordered": {other, `"` + enc + `"`},
	} {
		field, ok := tc.block.appliedDiffers(ctx, memPrivate{appliedKey: []byte(tc.raw)}, appliedSIP)
		if ok {
			t.Errorf("%s: appliedDiffers = %q, true; want no record", name, field)
		}
	}
}

// Only destroy reads the record, and only with reset_on_destroy = true,
// while every plan carries it through Terraform: a resource that does not
// reset keeps none, and turning reset_on_destroy on records the planned
// block, so destroy can still tell another configuration's account apart.
func TestAppliedRecordOnlyWhileResetting(t *testing.T) {
	b, ctx := sipConfigBlock, context.Background()
	var diags diag.Diagnostics
	p := memPrivate{}
	b.saveApplied(ctx, p, resetting, appliedSIP, &diags)
	b.saveApplied(ctx, p, attrs{"reset_on_destroy": boolValue(false)}, appliedSIP, &diags)
	if _, ok := p[appliedKey]; ok {
		t.Errorf("a write with reset_on_destroy = false left a record: %s", p[appliedKey])
	}
	plan := attrs{}
	for i := range b.fields {
		f := &b.fields[i]
		plan[f.name] = f.fromPanel(appliedSIP[f.wire], true, tftypes.NewValue(f.tfType(), nil))
	}
	flip := func(from, to bool, config attrs) {
		plan["reset_on_destroy"] = boolValue(to)
		prior := maps.Clone(plan)
		prior["reset_on_destroy"] = boolValue(from)
		b.flipApplied(ctx, plan, config, prior, writeResult{private: p, diags: &diags})
	}
	flip(false, true, attrs{})
	expectDiffers(t, p, appliedSIP, "", "after turning reset_on_destroy on, the planned block")
	expectDiffers(t, p, appliedWith("sUser", "carol"), "user", "after turning reset_on_destroy on, another user")
	// With password_wo, the password is only in the configuration.
	plan["password"] = tftypes.NewValue(tftypes.String, nil)
	flip(false, true, attrs{"password_wo": tftypes.NewValue(tftypes.String, "s3cret")})
	expectDiffers(t, p, appliedSIP, "", "after turning reset_on_destroy on with password_wo, the same password")
	expectDiffers(t, p, appliedWith("sPassword", "other"), "password", "after turning reset_on_destroy on with password_wo, another password")
	flip(true, false, attrs{})
	if _, ok := p[appliedKey]; ok {
		t.Errorf("turning reset_on_destroy off kept the record: %s", p[appliedKey])
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}
