package fastpath

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// RawMapValidator is a map validator that can also check the map's
// elements as raw values: the framework's own map value of 9,999 objects
// costs more to build than the whole plan. A map attribute served here
// must have only such validators; its ValidateMap should call the same
// code, so both paths answer alike.
type RawMapValidator interface {
	validator.Map
	ValidateRawMap(ctx context.Context, at path.Path, items map[string]tftypes.Value, diags *diag.Diagnostics)
}

// scalar is a String, Bool or Number attribute, at the top level or in an
// item.
type scalar struct {
	name     string
	computed bool
	optional bool
	required bool
	// def is the default as a raw value; zero without one.
	def      tftypes.Value
	validate func(ctx context.Context, config tfsdk.Config, at path.Path, v tftypes.Value, diags *diag.Diagnostics)
}

// compiled is a type's schema, read once into what the calls need.
type compiled struct {
	Type
	stateType  tftypes.Object
	top        []scalar
	mapName    string
	mapType    tftypes.Map
	mapChecks  []RawMapValidator
	items      []scalar
	objectType tftypes.Object
}

// Supports tells why a schema is outside what this package serves, or nil:
// String, Bool and Number attributes without plan modifiers, and one
// Optional map of nested objects whose attributes are such scalars and
// whose validators are RawMapValidators. Every Computed item attribute
// has a default, so no item value is ever unknown in a plan.
func Supports(s schema.Schema) error {
	_, err := compile(Type{Schema: s})
	return err
}

func compile(t Type) (*compiled, error) {
	ctx := context.Background()
	c := &compiled{Type: t}
	st, ok := t.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok || len(t.Schema.Blocks) > 0 {
		return nil, errors.New("the schema is not an object of attributes")
	}
	c.stateType = st
	for name, a := range t.Schema.Attributes {
		m, isMap := a.(schema.MapNestedAttribute)
		if !isMap {
			s, err := compileScalar(name, a)
			if err != nil {
				return nil, err
			}
			c.top = append(c.top, s)
			continue
		}
		if c.mapName != "" || m.Computed || m.Default != nil || len(m.PlanModifiers) > 0 || m.CustomType != nil {
			return nil, fmt.Errorf("%s: only one Optional map, without default or plan modifiers", name)
		}
		c.mapName = name
		for _, v := range m.Validators {
			raw, ok := v.(RawMapValidator)
			if !ok {
				return nil, fmt.Errorf("%s: validator %T has no ValidateRawMap", name, v)
			}
			c.mapChecks = append(c.mapChecks, raw)
		}
		if len(m.NestedObject.Validators) > 0 || len(m.NestedObject.PlanModifiers) > 0 {
			return nil, fmt.Errorf("%s: the item object has validators or plan modifiers", name)
		}
		for iname, ia := range m.NestedObject.Attributes {
			s, err := compileScalar(iname, ia)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if s.computed && s.def.Type() == nil {
				return nil, fmt.Errorf("%s.%s: a Computed item attribute needs a default", name, iname)
			}
			c.items = append(c.items, s)
		}
		c.mapType, _ = st.AttributeTypes[name].(tftypes.Map)
		c.objectType, _ = c.mapType.ElementType.(tftypes.Object)
	}
	return c, nil
}

func compileScalar(name string, a schema.Attribute) (scalar, error) {
	s := scalar{name: name, computed: a.IsComputed(), optional: a.IsOptional(), required: a.IsRequired()}
	if a.IsWriteOnly() {
		return s, fmt.Errorf("%s: write-only attributes are not served", name)
	}
	var err error
	switch a := a.(type) {
	case schema.StringAttribute:
		if len(a.PlanModifiers) > 0 || a.CustomType != nil {
			return s, fmt.Errorf("%s: plan modifiers or a custom type", name)
		}
		s.def, err = stringDefault(a.Default)
		s.validate = func(ctx context.Context, config tfsdk.Config, at path.Path, v tftypes.Value, diags *diag.Diagnostics) {
			req := validator.StringRequest{Path: at, PathExpression: at.Expression(), Config: config, ConfigValue: stringOf(v)}
			for _, check := range a.Validators {
				resp := validator.StringResponse{}
				check.ValidateString(ctx, req, &resp)
				diags.Append(resp.Diagnostics...)
			}
		}
	case schema.BoolAttribute:
		if len(a.PlanModifiers) > 0 || a.CustomType != nil {
			return s, fmt.Errorf("%s: plan modifiers or a custom type", name)
		}
		s.def, err = boolDefault(a.Default)
		s.validate = func(ctx context.Context, config tfsdk.Config, at path.Path, v tftypes.Value, diags *diag.Diagnostics) {
			req := validator.BoolRequest{Path: at, PathExpression: at.Expression(), Config: config, ConfigValue: boolOf(v)}
			for _, check := range a.Validators {
				resp := validator.BoolResponse{}
				check.ValidateBool(ctx, req, &resp)
				diags.Append(resp.Diagnostics...)
			}
		}
	case schema.NumberAttribute:
		if len(a.PlanModifiers) > 0 || a.CustomType != nil {
			return s, fmt.Errorf("%s: plan modifiers or a custom type", name)
		}
		s.def, err = numberDefault(a.Default)
		s.validate = func(ctx context.Context, config tfsdk.Config, at path.Path, v tftypes.Value, diags *diag.Diagnostics) {
			req := validator.NumberRequest{Path: at, PathExpression: at.Expression(), Config: config, ConfigValue: numberOf(v)}
			for _, check := range a.Validators {
				resp := validator.NumberResponse{}
				check.ValidateNumber(ctx, req, &resp)
				diags.Append(resp.Diagnostics...)
			}
		}
	default:
		return s, fmt.Errorf("%s: %T is not served", name, a)
	}
	return s, err
}

// check is the framework's AttributeValidate for one value: the checks
// that Terraform does not make itself (terraform#30669), then the
// attribute's validators.
func (s scalar) check(ctx context.Context, config tfsdk.Config, at path.Path, v tftypes.Value, diags *diag.Diagnostics) {
	if s.computed && !s.optional && !v.IsNull() {
		diags.AddAttributeError(at, "Invalid Configuration for Read-Only Attribute",
			"Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.\n\n"+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable and read-only attributes that are supported.")
	}
	if s.required && v.IsNull() {
		diags.AddAttributeError(at, "Missing Configuration for Required Attribute",
			fmt.Sprintf("Must set a configuration value for the %s attribute as the provider has marked it as required.\n\n", at.String())+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable attributes that are required.")
	}
	s.validate(ctx, config, at, v, diags)
}

func stringDefault(d defaults.String) (tftypes.Value, error) {
	if d == nil {
		return tftypes.Value{}, nil
	}
	resp := defaults.StringResponse{}
	d.DefaultString(context.Background(), defaults.StringRequest{}, &resp)
	return rawDefault(resp.PlanValue, resp.Diagnostics)
}

func boolDefault(d defaults.Bool) (tftypes.Value, error) {
	if d == nil {
		return tftypes.Value{}, nil
	}
	resp := defaults.BoolResponse{}
	d.DefaultBool(context.Background(), defaults.BoolRequest{}, &resp)
	return rawDefault(resp.PlanValue, resp.Diagnostics)
}

func numberDefault(d defaults.Number) (tftypes.Value, error) {
	if d == nil {
		return tftypes.Value{}, nil
	}
	resp := defaults.NumberResponse{}
	d.DefaultNumber(context.Background(), defaults.NumberRequest{}, &resp)
	return rawDefault(resp.PlanValue, resp.Diagnostics)
}

// rawDefault is a default's value, made once: a default served here must
// not depend on the request, which static defaults do not.
func rawDefault(v attr.Value, diags diag.Diagnostics) (tftypes.Value, error) {
	if diags.HasError() {
		return tftypes.Value{}, errors.New("a default reports an error")
	}
	return v.ToTerraformValue(context.Background())
}

func stringOf(v tftypes.Value) types.String {
	switch {
	case !v.IsKnown():
		return types.StringUnknown()
	case v.IsNull():
		return types.StringNull()
	}
	var s string
	_ = v.As(&s)
	return types.StringValue(s)
}

func boolOf(v tftypes.Value) types.Bool {
	switch {
	case !v.IsKnown():
		return types.BoolUnknown()
	case v.IsNull():
		return types.BoolNull()
	}
	var b bool
	_ = v.As(&b)
	return types.BoolValue(b)
}

func numberOf(v tftypes.Value) types.Number {
	switch {
	case !v.IsKnown():
		return types.NumberUnknown()
	case v.IsNull():
		return types.NumberNull()
	}
	n := new(big.Float)
	_ = v.As(&n)
	return types.NumberValue(n)
}
