package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// validate checks a configuration as the schema's validators would: the
// address, each map key, and each item attribute's value that is known.
func (c *collectionSpec) validate(ctx context.Context, config tftypes.Value, diags *diag.Diagnostics) error {
	if config.IsNull() || !config.IsKnown() {
		return nil
	}
	a, err := readAttrs(config)
	if err != nil {
		return err
	}
	if address := a["address"]; address.IsKnown() && !address.IsNull() {
		resp := validator.StringResponse{}
		addressValidator.ValidateString(ctx, validator.StringRequest{Path: path.Root("address"), ConfigValue: types.StringValue(str(address))}, &resp)
		diags.Append(resp.Diagnostics...)
	}
	items, err := readMap(a[c.mapAttr])
	if err != nil {
		return err
	}
	for _, key := range keysOf(items) {
		at := path.Root(c.mapAttr).AtMapKey(key)
		if !c.keyPattern.MatchString(key) {
			diags.AddAttributeError(at, "Invalid "+c.title+" Key", c.mapAttr+"["+quoteKey(key)+"]: the key "+c.keyRule+
				", not "+quoteKey(key)+". Change the key in the configuration.")
		}
		item := items[key]
		if item.IsNull() || !item.IsKnown() {
			continue
		}
		var values map[string]tftypes.Value
		if err := item.As(&values); err != nil {
			return err
		}
		for i := range c.fields {
			f := &c.fields[i]
			if v := values[f.name]; v.IsNull() && f.def == nil {
				diags.AddAttributeError(at.AtName(f.name), "Missing Required Attribute", c.mapAttr+"["+quoteKey(key)+"]."+f.name+
					" must be set: "+f.description)
				continue
			}
			f.validate(ctx, at, values[f.name], diags)
		}
	}
	return nil
}

func (f *itemField) validate(ctx context.Context, item path.Path, v tftypes.Value, diags *diag.Diagnostics) {
	if v.IsNull() || !v.IsKnown() {
		return
	}
	switch f.kind {
	case kindInt:
		var n big.Float
		if err := v.As(&n); err != nil {
			return
		}
		resp := validator.NumberResponse{}
		anyWholeNumber.ValidateNumber(ctx, validator.NumberRequest{Path: item.AtName(f.name), ConfigValue: types.NumberValue(&n)}, &resp)
		diags.Append(resp.Diagnostics...)
	case kindString:
		req := validator.StringRequest{Path: item.AtName(f.name), ConfigValue: types.StringValue(str(v))}
		for _, check := range f.validators {
			resp := validator.StringResponse{}
			check.ValidateString(ctx, req, &resp)
			diags.Append(resp.Diagnostics...)
		}
	}
}

// withDefaults is the configuration with what it leaves out at its
// default: each item attribute, exclusive and delete_on_destroy. A default
// applies whenever the attribute is left out, whatever the prior state
// held. id and address are ModifyPlan's.
func (c *collectionSpec) withDefaults(config tftypes.Value) (tftypes.Value, error) {
	plan, err := readAttrs(config)
	if err != nil {
		return tftypes.Value{}, err
	}
	for _, name := range []string{"exclusive", "delete_on_destroy"} {
		if plan[name].IsNull() {
			plan[name] = boolValue(false)
		}
	}
	items := plan[c.mapAttr]
	if items.IsKnown() && !items.IsNull() {
		m, err := readMap(items)
		if err != nil {
			return tftypes.Value{}, err
		}
		for key, item := range m {
			if m[key], err = c.itemWithDefaults(item); err != nil {
				return tftypes.Value{}, err
			}
		}
		items = c.mapValue(m)
	}
	plan[c.mapAttr] = items
	return tftypes.NewValue(c.stateType, plan), nil
}

func (c *collectionSpec) itemWithDefaults(item tftypes.Value) (tftypes.Value, error) {
	if item.IsNull() || !item.IsKnown() {
		return item, nil
	}
	var values map[string]tftypes.Value
	if err := item.As(&values); err != nil {
		return tftypes.Value{}, err
	}
	for i := range c.fields {
		f := &c.fields[i]
		if values[f.name].IsNull() && f.def != nil {
			values[f.name] = f.defValue
		}
	}
	return tftypes.NewValue(c.objectType, values), nil
}

func (f *itemField) defaultValue() tftypes.Value {
	if f.kind == kindBool {
		return tftypes.NewValue(tftypes.Bool, f.def == true)
	}
	return f.toTF(f.def)
}
