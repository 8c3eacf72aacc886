package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/fastpath"
)

// itemsCheck is the rules across a collection's map that no one item can
// check: the keys, null items, and two labels holding one code. The fast
// path calls ValidateRawMap on the raw items; the framework calls
// ValidateMap, which reads its value into the same.
type itemsCheck struct{ c *collectionSpec }

var _ fastpath.RawMapValidator = itemsCheck{}

func (c *collectionSpec) mapValidators() []validator.Map { return []validator.Map{itemsCheck{c}} }

func (v itemsCheck) Description(context.Context) string {
	d := "each key " + v.c.keyRule + "; no item is null"
	if v.c.labelled {
		d += "; no two labels hold the same " + v.c.wireField().name
	}
	return d
}

func (v itemsCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v itemsCheck) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw, err := req.ConfigValue.ToTerraformValue(ctx)
	var items map[string]tftypes.Value
	if err == nil {
		items, err = fastpath.Items(raw)
	}
	if err != nil {
		v.c.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	v.ValidateRawMap(ctx, req.Path, items, &resp.Diagnostics)
}

func (v itemsCheck) ValidateRawMap(_ context.Context, at path.Path, items map[string]tftypes.Value, diags *diag.Diagnostics) {
	c := v.c
	byWire := map[string][]string{}
	for _, key := range keysOf(items) {
		if !c.keyPattern.MatchString(key) {
			diags.AddAttributeError(at.AtMapKey(key), "Invalid "+c.title+" Key", c.mapAttr+"["+quoteKey(key)+"]: the key "+
				c.keyRule+", not "+quoteKey(key)+". Change the key in the configuration.")
		}
		item := items[key]
		if item.IsNull() {
			diags.AddAttributeError(at.AtMapKey(key), "Null "+c.title+" Item", c.mapAttr+"["+quoteKey(key)+"] is null. "+
				"Write the item as an object ({} takes every default), or remove the key.")
			continue
		}
		if c.labelled {
			if wk, known := c.knownWireKey(item); known {
				byWire[wk] = append(byWire[wk], key)
			}
		}
	}
	dups := make([][]string, 0)
	for _, labels := range byWire {
		if len(labels) > 1 {
			dups = append(dups, labels)
		}
	}
	sort.Slice(dups, func(i, j int) bool { return dups[i][0] < dups[j][0] })
	name := c.wireField().name
	for _, labels := range dups {
		quoted := ""
		for i, l := range labels {
			if i > 0 {
				quoted += " and "
			}
			quoted += c.mapAttr + "[" + quoteKey(l) + "]"
		}
		diags.AddAttributeError(at.AtMapKey(labels[len(labels)-1]).AtName(name), "Duplicate "+c.title+" Item",
			quoted+" hold the same "+name+". The panel keeps one item per "+name+", so it can have one label only: "+
				"remove one of them or change its "+name+".")
	}
}

// knownWireKey is an item's key on the panel, when the configuration
// already knows it.
func (c *collectionSpec) knownWireKey(item tftypes.Value) (string, bool) {
	var a map[string]tftypes.Value
	if !item.IsKnown() || item.As(&a) != nil {
		return "", false
	}
	v := a[c.wireField().name]
	if !v.IsKnown() || v.IsNull() {
		return "", false
	}
	return str(v), true
}

// wireField is the item attribute that is the item's key on the panel, for
// a labelled collection.
func (c *collectionSpec) wireField() *itemField {
	for i := range c.fields {
		if c.fields[i].wire == c.coll.Key {
			return &c.fields[i]
		}
	}
	return &itemField{}
}
