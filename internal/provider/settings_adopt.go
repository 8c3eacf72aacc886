package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// adopted is the resource a query lists: what an import would read, but
// with the secrets left out. Generated configuration then shows them as
// null, for the operator to fill in, and no query output holds one.
func (b *settingsBlock) adopted(id string, values client.Values) attrs {
	a := attrs{}
	if object, ok := b.stateType.(tftypes.Object); ok {
		for name, t := range object.AttributeTypes {
			a[name] = tftypes.NewValue(t, nil)
		}
	}
	a["id"], a["address"] = stringValue(id), stringValue(id)
	for _, f := range b.fields {
		if v, ok := values[f.wire]; ok && !f.sensitive {
			a[f.name] = f.fromPanel(v, ok, tftypes.NewValue(f.tfType(), nil))
		}
	}
	if b.reset != nil {
		a["reset_on_destroy"] = boolValue(false)
	}
	return a
}

// wouldNotPlan says why configuration generated from a listed panel would
// fail its own plan, in the schema's words: a required attribute the panel
// leaves out, or a value the attribute's validators refuse (a
// factory-fresh panel's blank SIP account). "" when it would plan. The
// secrets, left null for the operator to fill in, are not judged.
func (b *settingsBlock) wouldNotPlan(ctx context.Context, a attrs) string {
	var problems []string
	for _, f := range b.fields {
		if f.sensitive {
			continue
		}
		s := b.resourceSchema.Attributes[f.name]
		v := a[f.name]
		if v.IsNull() {
			if s.IsRequired() {
				problems = append(problems, f.name+": the panel has no value, and it is required")
			}
			continue
		}
		value, err := s.GetType().ValueFromTerraform(ctx, v)
		if err != nil {
			continue
		}
		diags := validate(ctx, s, path.Root(f.name), value)
		for _, d := range diags.Errors() {
			problems = append(problems, f.name+": "+strings.TrimSuffix(d.Detail(), "."))
		}
	}
	sort.Strings(problems)
	return strings.Join(problems, "; ")
}

// validate runs an attribute's own validators on a value.
func validate(ctx context.Context, s interface{ GetType() attr.Type }, p path.Path, value attr.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	switch s := s.(type) {
	case interface{ StringValidators() []validator.String }:
		for _, v := range s.StringValidators() {
			resp := &validator.StringResponse{}
			v.ValidateString(ctx, validator.StringRequest{Path: p, ConfigValue: value.(basetypes.StringValue)}, resp) //nolint:forcetypeassert // the schema's own type.
			diags.Append(resp.Diagnostics...)
		}
	case interface{ NumberValidators() []validator.Number }:
		for _, v := range s.NumberValidators() {
			resp := &validator.NumberResponse{}
			v.ValidateNumber(ctx, validator.NumberRequest{Path: p, ConfigValue: value.(basetypes.NumberValue)}, resp) //nolint:forcetypeassert // the schema's own type.
			diags.Append(resp.Diagnostics...)
		}
	case interface{ ListValidators() []validator.List }:
		for _, v := range s.ListValidators() {
			resp := &validator.ListResponse{}
			v.ValidateList(ctx, validator.ListRequest{Path: p, ConfigValue: value.(basetypes.ListValue)}, resp) //nolint:forcetypeassert // the schema's own type.
			diags.Append(resp.Diagnostics...)
		}
	}
	return diags
}
