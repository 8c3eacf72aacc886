package provider

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

func defInt(v any) int64 {
	i, _ := v.(int64)
	return i
}

// toTF is an item attribute's value of a wire value; a permission the
// wire carries as 0/1 is a bool.
func (f *itemField) toTF(v any) tftypes.Value {
	switch f.kind {
	case kindInt:
		return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(defInt(v)))
	case kindBool:
		return tftypes.NewValue(tftypes.Bool, defInt(v) != 0)
	}
	s, _ := v.(string)
	return tftypes.NewValue(tftypes.String, s)
}

func (f *itemField) toWire(v tftypes.Value) (any, error) {
	switch f.kind {
	case kindInt:
		return (&fieldSpec{kind: kindInt}).toWire(v)
	case kindBool:
		if isTrue(v) {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return str(v), nil
}

// item is the object value of an item the panel holds.
func (c *collectionSpec) item(v client.Values) tftypes.Value {
	a := make(map[string]tftypes.Value, len(c.fields))
	for i := range c.fields {
		f := &c.fields[i]
		a[f.name] = f.toTF(v[f.wire])
	}
	return tftypes.NewValue(c.objectType, a)
}

// wire is the item as the panel takes it, its key included.
func (c *collectionSpec) wire(key string, item tftypes.Value) (client.Values, error) {
	var a map[string]tftypes.Value
	if err := item.As(&a); err != nil {
		return nil, err
	}
	out := client.Values{}
	if !c.labelled {
		out[c.coll.Key] = c.wireKey(key)
	}
	for i := range c.fields {
		f := &c.fields[i]
		w, err := f.toWire(a[f.name])
		if err != nil {
			return nil, fmt.Errorf("%s[%q].%s: %w", c.mapAttr, key, f.name, err)
		}
		out[f.wire] = w
	}
	return out, nil
}

// wireKeyOf is the panel's key of the item at key: the key itself, or,
// for a labelled collection, the item's own key attribute.
func (c *collectionSpec) wireKeyOf(key string, item tftypes.Value) string {
	if !c.labelled {
		return fmt.Sprint(c.wireKey(key))
	}
	var a map[string]tftypes.Value
	_ = item.As(&a)
	return str(a[c.wireField().name])
}

func (c *collectionSpec) mapValue(m map[string]tftypes.Value) tftypes.Value {
	return tftypes.NewValue(c.mapType, m)
}
