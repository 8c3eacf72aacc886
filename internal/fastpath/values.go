package fastpath

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The conversions between the protocol and raw values that the framework
// does for the calls it answers.

// decode is a call's value; one the call leaves out is null.
func decode(typ tftypes.Type, dv *tfprotov6.DynamicValue) (tftypes.Value, error) {
	if dv == nil {
		return tftypes.NewValue(typ, nil), nil
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		return tftypes.Value{}, fmt.Errorf("decoding a value from Terraform: %w", err)
	}
	return v, nil
}

func decodeAll(typ tftypes.Type, dvs ...*tfprotov6.DynamicValue) ([]tftypes.Value, error) {
	out := make([]tftypes.Value, len(dvs))
	for i, dv := range dvs {
		v, err := decode(typ, dv)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func encode(typ tftypes.Type, v tftypes.Value, diags *diag.Diagnostics) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		addBug(diags, fmt.Errorf("encoding a value for Terraform: %w", err))
		return nil
	}
	return &dv
}

// passIdentity is the prior identity as the planned one, a null one when
// there is none yet, as the framework plans it: a resource's panel never
// changes in place.
func passIdentity(typ tftypes.Type, prior *tfprotov6.ResourceIdentityData) (*tfprotov6.ResourceIdentityData, error) {
	if typ == nil {
		return nil, nil
	}
	if prior != nil && prior.IdentityData != nil {
		if _, err := decode(typ, prior.IdentityData); err != nil {
			return nil, err
		}
		return prior, nil
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		return nil, err
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: &dv}, nil
}

func addBug(diags *diag.Diagnostics, err error) {
	diags.AddError("Provider Bug", "A value from or for Terraform could not be read or written: "+err.Error()+
		". This is a bug in the provider; please report it.")
}

// Items reads a map value's elements; a null or unknown map has none. The
// map is tftypes' own: copy it before changing it.
func Items(v tftypes.Value) (map[string]tftypes.Value, error) {
	if v.IsNull() || !v.IsKnown() {
		return nil, nil
	}
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		return nil, fmt.Errorf("reading the items: %w", err)
	}
	return m, nil
}

func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityWarning {
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(withPath.Path())
		}
		out = append(out, pd)
	}
	return out
}

func attributePath(p path.Path) *tftypes.AttributePath {
	out := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			out = out.WithAttributeName(string(s))
		case path.PathStepElementKeyString:
			out = out.WithElementKeyString(string(s))
		case path.PathStepElementKeyInt:
			out = out.WithElementKeyInt(int(s))
		}
	}
	return out
}
