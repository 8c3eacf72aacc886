package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The engine's pair rules skip ConflictsWith and AlsoRequires when the
// other attribute's value leaves them nothing to say. For every null,
// unknown and set value of both attributes of intercom_sip_config's
// write-only trio, each must answer exactly as the framework-validators
// rule it wraps, and describe itself the same.
func TestPairRulesAnswerAsWrapped(t *testing.T) {
	ctx := context.Background()
	b := sipConfigBlock
	text := []tftypes.Value{
		tftypes.NewValue(tftypes.String, nil),
		tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		tftypes.NewValue(tftypes.String, "s3cret"),
		tftypes.NewValue(tftypes.String, ""),
	}
	number := []tftypes.Value{
		tftypes.NewValue(tftypes.Number, nil),
		tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		tftypes.NewValue(tftypes.Number, big.NewFloat(3)),
	}
	valuesOf := map[string][]tftypes.Value{"password": text, "password_wo": text, "password_wo_version": number}
	cases := []struct {
		name, attr, other string
		ours, theirs      any
	}{
		{"conflictsWith", "password", "password_wo", conflictsWith("password_wo"), stringvalidator.ConflictsWith(path.MatchRoot("password_wo"))},
		{"conflictsWith", "password_wo", "password", conflictsWith("password"), stringvalidator.ConflictsWith(path.MatchRoot("password"))},
		{"alsoRequires", "password_wo", "password_wo_version", alsoRequires("password_wo_version"), stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version"))},
		{"alsoRequiresNumber", "password_wo_version", "password_wo", alsoRequiresNumber("password_wo"), numbervalidator.AlsoRequires(path.MatchRoot("password_wo"))},
	}
	compared, refused := 0, 0
	for _, tc := range cases {
		for _, own := range valuesOf[tc.attr] {
			for _, other := range valuesOf[tc.other] {
				a := nullsOf(t, b.stateType)
				a["user"], a["domain"] = stringValue("u"), stringValue("sip.example.net")
				a[tc.attr], a[tc.other] = own, other
				config := tfsdk.Config{Schema: b.resourceSchema, Raw: tftypes.NewValue(b.stateType, a)}
				at := path.Root(tc.attr)
				ours, theirs := answers(ctx, t, tc.ours, config, at, own), answers(ctx, t, tc.theirs, config, at, own)
				if ours != theirs {
					t.Errorf("%s of %s, %s = %v and %s = %v: the engine's rule answers\n%s\nthe wrapped one\n%s",
						tc.name, tc.attr, tc.attr, own, tc.other, other, ours, theirs)
				}
				compared++
				if strings.Contains(theirs, "Invalid Attribute Combination") {
					refused++
				}
			}
		}
	}
	if refused == 0 {
		t.Fatal("no configuration was refused: the comparison proves nothing")
	}
	t.Logf("%d configurations compared, %d of them refused", compared, refused)
}

// answers is what a String or Number validator says about v at at, with its
// descriptions.
func answers(ctx context.Context, t *testing.T, v any, config tfsdk.Config, at path.Path, raw tftypes.Value) string {
	t.Helper()
	// The framework-validators' rules are validators of every type: the
	// attribute's type says which one the framework calls.
	if sv, ok := v.(validator.String); ok && raw.Type().Is(tftypes.String) {
		s, err := types.StringType.ValueFromTerraform(ctx, raw)
		if err != nil {
			t.Fatal(err)
		}
		str, _ := s.(types.String)
		resp := validator.StringResponse{}
		sv.ValidateString(ctx, validator.StringRequest{Path: at, PathExpression: at.Expression(), Config: config, ConfigValue: str}, &resp)
		return fmt.Sprintf("%s | %s | %v", sv.Description(ctx), sv.MarkdownDescription(ctx), resp.Diagnostics)
	}
	if v, ok := v.(validator.Number); ok && raw.Type().Is(tftypes.Number) {
		n, err := types.NumberType.ValueFromTerraform(ctx, raw)
		if err != nil {
			t.Fatal(err)
		}
		nv, _ := n.(types.Number)
		resp := validator.NumberResponse{}
		v.ValidateNumber(ctx, validator.NumberRequest{Path: at, PathExpression: at.Expression(), Config: config, ConfigValue: nv}, &resp)
		return fmt.Sprintf("%s | %s | %v", v.Description(ctx), v.MarkdownDescription(ctx), resp.Diagnostics)
	}
	t.Fatalf("%T does not validate a %v", v, raw.Type())
	return ""
}

// Every validator of every settings resource describes itself as the
// validator it wraps.
func TestDescribedValidatorsDescribeAsWrapped(t *testing.T) {
	ctx := context.Background()
	checked := 0
	for _, b := range settingsBlocks {
		for name, a := range b.resourceSchema.Attributes {
			var pairs [][2]string
			if v, ok := a.(interface{ StringValidators() []validator.String }); ok {
				for _, c := range v.StringValidators() {
					if h, ok := c.(hiddenValue); ok {
						c = h.inner
					}
					switch d := c.(type) {
					case describedString:
						pairs = append(pairs, [2]string{d.Description(ctx) + d.MarkdownDescription(ctx), d.wrappedString.Description(ctx) + d.wrappedString.MarkdownDescription(ctx)})
					case pairString:
						pairs = append(pairs, [2]string{d.Description(ctx) + d.MarkdownDescription(ctx), d.wrappedString.Description(ctx) + d.wrappedString.MarkdownDescription(ctx)})
					}
				}
			}
			if v, ok := a.(interface{ NumberValidators() []validator.Number }); ok {
				for _, c := range v.NumberValidators() {
					if d, ok := c.(describedNumber); ok {
						pairs = append(pairs, [2]string{d.Description(ctx) + d.MarkdownDescription(ctx), d.wrappedNumber.Description(ctx) + d.wrappedNumber.MarkdownDescription(ctx)})
					}
				}
			}
			if v, ok := a.(interface{ ListValidators() []validator.List }); ok {
				for _, c := range v.ListValidators() {
					if d, ok := c.(describedList); ok {
						pairs = append(pairs, [2]string{d.Description(ctx) + d.MarkdownDescription(ctx), d.wrappedList.Description(ctx) + d.wrappedList.MarkdownDescription(ctx)})
					}
				}
			}
			for _, p := range pairs {
				if p[0] != p[1] {
					t.Errorf("intercom_%s.%s: a validator describes itself as %q, the one it wraps as %q", b.typeName, name, p[0], p[1])
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no described validator found")
	}
	t.Logf("%d validators checked", checked)
}
