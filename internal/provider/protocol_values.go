package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The conversions between the protocol and raw values that the
// framework does for the calls it answers, for those collectionServer
// answers itself.

var identityType = identitySchema.Type().TerraformType(context.Background())

// decodeValue is a call's value; one the call leaves out is null.
func decodeValue(typ tftypes.Type, dv *tfprotov6.DynamicValue) (tftypes.Value, error) {
	if dv == nil {
		return tftypes.NewValue(typ, nil), nil
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		return tftypes.Value{}, fmt.Errorf("decoding a value from Terraform: %w", err)
	}
	return v, nil
}

func decodeValues(typ tftypes.Type, dvs ...*tfprotov6.DynamicValue) ([]tftypes.Value, error) {
	out := make([]tftypes.Value, len(dvs))
	for i, dv := range dvs {
		v, err := decodeValue(typ, dv)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func encodeValue(typ tftypes.Type, v tftypes.Value, diags *diag.Diagnostics) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		diags.AddError("Provider Bug", "A value for Terraform could not be encoded: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return nil
	}
	return &dv
}

// decodeIdentity is the resource identity of a call, null when Terraform
// sends none (before 1.12).
func decodeIdentity(data *tfprotov6.ResourceIdentityData) (*tfsdk.ResourceIdentity, error) {
	var dv *tfprotov6.DynamicValue
	if data != nil {
		dv = data.IdentityData
	}
	raw, err := decodeValue(identityType, dv)
	if err != nil {
		return nil, err
	}
	return &tfsdk.ResourceIdentity{Schema: identitySchema, Raw: raw}, nil
}

func encodeIdentity(identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) *tfprotov6.ResourceIdentityData {
	if identity == nil {
		return nil
	}
	dv := encodeValue(identityType, identity.Raw, diags)
	if dv == nil {
		return nil
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: dv}
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
