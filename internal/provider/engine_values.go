package provider

import (
	"fmt"
	"maps"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The engine keeps a resource's values as raw Terraform values by
// attribute name, and converts them to and from the panel's values field
// by field. Read and ModifyPlan run once per resource on every plan; the
// framework's reflection (State.Get and Set) compiles a regular expression
// per field per call, which made it most of the provider's CPU on a plan
// of a thousand panels. These plain conversions cost a map per call.

type attrs = map[string]tftypes.Value

var stringList = tftypes.List{ElementType: tftypes.String}

func (f *fieldSpec) tfType() tftypes.Type {
	switch f.kind {
	case kindInt:
		return tftypes.Number
	case kindBool:
		return tftypes.Bool
	case kindList:
		return stringList
	}
	return tftypes.String
}

// toTF is the attribute value of a wire value.
func (f *fieldSpec) toTF(v any) tftypes.Value {
	switch x := v.(type) {
	case int64:
		return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(x))
	case bool:
		return tftypes.NewValue(tftypes.Bool, x)
	case string:
		if f.kind == kindList {
			items := []tftypes.Value{}
			for _, s := range strings.Fields(x) {
				items = append(items, tftypes.NewValue(tftypes.String, s))
			}
			return tftypes.NewValue(stringList, items)
		}
		return tftypes.NewValue(tftypes.String, x)
	}
	return tftypes.NewValue(f.tfType(), nil)
}

// toWire is the wire value of a known attribute value; null is the wire's
// empty value.
func (f *fieldSpec) toWire(v tftypes.Value) (any, error) {
	switch f.kind {
	case kindInt:
		var n *big.Float
		if err := v.As(&n); err != nil {
			return nil, err
		}
		if n == nil {
			return int64(0), nil
		}
		i, acc := n.Int64()
		if acc != big.Exact {
			return nil, fmt.Errorf("%s is not a whole number", n.Text('f', -1))
		}
		return i, nil
	case kindBool:
		var b *bool
		if err := v.As(&b); err != nil || b == nil {
			return false, err
		}
		return *b, nil
	case kindList:
		var items []tftypes.Value
		if err := v.As(&items); err != nil {
			return nil, err
		}
		parts := make([]string, 0, len(items))
		for _, item := range items {
			var s string
			if err := item.As(&s); err != nil {
				return nil, err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, " "), nil
	}
	var s *string
	if err := v.As(&s); err != nil || s == nil {
		return "", err
	}
	return *s, nil
}

// same reports whether two known values mean the same to the panel.
func (f *fieldSpec) same(a, b tftypes.Value) bool {
	if a.Equal(b) {
		return true
	}
	if f.equal == equalExact || !a.IsKnown() || !b.IsKnown() || a.IsNull() || b.IsNull() {
		return false
	}
	wa, errA := f.toWire(a)
	wb, errB := f.toWire(b)
	if errA != nil || errB != nil {
		return false
	}
	sa, okA := wa.(string)
	sb, okB := wb.(string)
	if !okA || !okB {
		return false
	}
	if f.kind == kindList {
		sa, sb = strings.Join(strings.Fields(sa), " "), strings.Join(strings.Fields(sb), " ")
	}
	sa, sb = strings.TrimSpace(sa), strings.TrimSpace(sb)
	if f.equal == equalHost {
		return strings.EqualFold(sa, sb)
	}
	return sa == sb
}

func isMasked(s string) bool {
	return s != "" && strings.Trim(s, "*") == ""
}

// fromPanel is what state records for a field the panel reports as v
// (ok false: the panel left it out), given the value Terraform knew.
// Firmware that hides secrets shows asterisks, which say nothing, so the
// known value stands (and drift of a masked value cannot be seen). A panel
// reporting "" where the configuration sets nothing matches it. A value
// that means the same as the known one keeps the known spelling, so
// firmware that stores "SIP.Example" for "sip.example" plans no change.
func (f *fieldSpec) fromPanel(v any, ok bool, known tftypes.Value) tftypes.Value {
	if !ok {
		return tftypes.NewValue(f.tfType(), nil)
	}
	if s, isString := v.(string); isString {
		switch {
		case f.masked && isMasked(s):
			return known
		case f.presence == optional && s == "" && known.IsNull():
			return known
		}
	}
	got := f.toTF(v)
	if known.IsKnown() && !known.IsNull() && f.same(got, known) {
		return known
	}
	return got
}

func stringValue(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func boolValue(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }

// str is a known, non-null string attribute's value, else "".
func str(v tftypes.Value) string {
	var s *string
	if !v.IsKnown() || v.As(&s) != nil || s == nil {
		return ""
	}
	return *s
}

func isTrue(v tftypes.Value) bool {
	var b *bool
	return v.IsKnown() && v.As(&b) == nil && b != nil && *b
}

// readAttrs is a copy of an object's attributes, to change at will: As
// hands out the value's own map.
func readAttrs(raw tftypes.Value) (attrs, error) {
	var a attrs
	if err := raw.As(&a); err != nil {
		return nil, fmt.Errorf("reading the state: %w", err)
	}
	return maps.Clone(a), nil
}
