package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Read runs once per resource on every refresh. The framework's reflection
// (tfsdk.State.Get and Set) compiles a regular expression per struct field
// on every call, which made it most of the provider's CPU on a plan of a
// thousand panels. Read therefore moves the model in and out of state with
// these two plain functions instead; TestRawStateRoundTrip keeps them in
// step with the schema.

// sipConfigStateType is the resource's state type, computed once.
var sipConfigStateType = sipConfigResourceSchema.Type().TerraformType(context.Background())

// readRawState reads the resource model from raw state.
func readRawState(raw tftypes.Value) (sipConfigResourceModel, error) {
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return sipConfigResourceModel{}, fmt.Errorf("reading the state: %w", err)
	}
	var m sipConfigResourceModel
	var err error
	str := func(name string) types.String {
		v := attrs[name]
		if err != nil || !v.IsKnown() {
			return types.StringUnknown()
		}
		var s *string
		if e := v.As(&s); e != nil {
			err = e
		}
		return types.StringPointerValue(s)
	}
	num := func(name string) types.Int64 {
		v := attrs[name]
		if err != nil || !v.IsKnown() {
			return types.Int64Unknown()
		}
		var n *big.Float
		if e := v.As(&n); e != nil {
			err = e
		}
		if n == nil {
			return types.Int64Null()
		}
		i, _ := n.Int64()
		return types.Int64Value(i)
	}
	m.ID, m.Address = str("id"), str("address")
	m.User, m.Password, m.Domain = str("user"), str("password"), str("domain")
	m.Proxy, m.Realm, m.Protocol, m.Port = str("proxy"), str("realm"), str("protocol"), num("port")
	m.PasswordWO, m.PasswordWOVersion = str("password_wo"), num("password_wo_version")
	if v := attrs["reset_on_destroy"]; v.IsKnown() && !v.IsNull() {
		var b bool
		if e := v.As(&b); e != nil && err == nil {
			err = e
		}
		m.ResetOnDestroy = types.BoolValue(b)
	} else {
		m.ResetOnDestroy = types.BoolNull()
	}
	if err != nil {
		return sipConfigResourceModel{}, fmt.Errorf("reading the state: %w", err)
	}
	return m, nil
}

// rawState turns the resource model into raw state.
func rawState(m sipConfigResourceModel) tftypes.Value {
	str := func(v types.String) tftypes.Value {
		switch {
		case v.IsUnknown():
			return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		case v.IsNull():
			return tftypes.NewValue(tftypes.String, nil)
		}
		return tftypes.NewValue(tftypes.String, v.ValueString())
	}
	num := func(v types.Int64) tftypes.Value {
		switch {
		case v.IsUnknown():
			return tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
		case v.IsNull():
			return tftypes.NewValue(tftypes.Number, nil)
		}
		return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(v.ValueInt64()))
	}
	reset := tftypes.NewValue(tftypes.Bool, nil)
	if !m.ResetOnDestroy.IsNull() && !m.ResetOnDestroy.IsUnknown() {
		reset = tftypes.NewValue(tftypes.Bool, m.ResetOnDestroy.ValueBool())
	}
	return tftypes.NewValue(sipConfigStateType, map[string]tftypes.Value{
		"id": str(m.ID), "address": str(m.Address), "reset_on_destroy": reset,
		"password_wo": str(m.PasswordWO), "password_wo_version": num(m.PasswordWOVersion),
		"user": str(m.User), "password": str(m.Password), "domain": str(m.Domain), "proxy": str(m.Proxy),
		"realm": str(m.Realm), "protocol": str(m.Protocol), "port": num(m.Port),
	})
}
