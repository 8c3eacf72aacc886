package provider

import (
	"context"
	"math/big"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// A collection (flats, RFID keys, codes) is one resource per panel whose
// map holds the items: one resource and one GET per refresh, where a
// resource per item would cost a request each.

// itemField is one attribute of an item and the wire field behind it.
type itemField struct {
	name, wire  string
	kind        fieldKind // kindInt, kindBool (0/1 on the wire) or kindString
	def         any       // int64, bool or string: what an item left without it gets
	sensitive   bool
	description string
	validators  []validator.String // for a kindString field
	numbers     []validator.Number // for a kindInt field; anyWholeNumber without
}

// collectionSpec describes one collection resource and its data source.
type collectionSpec struct {
	typeName    string // after "intercom_"
	title       string
	what        string // "the flats"
	description string
	mapAttr     string // the map attribute: "apartments"
	keyText     string // what a map key is, for the docs
	dataKeyText string // the same for the data source, when it differs
	keyPattern  *regexp.Regexp
	keyRule     string // what keyPattern asks, after "the key"
	coll        client.Collection
	// labelled: the map key is a label of the user's choosing, and the
	// item's wire key is one of its attributes (a code, which must not
	// show in a plan as a map key would).
	labelled bool
	// wireKey turns a map key into the item's key on the wire.
	wireKey func(key string) any
	fields  []itemField

	objectType tftypes.Object
	mapType    tftypes.Map
	stateType  tftypes.Type
	subj       subject
	schema     schema.Schema
	dataSchema dsschema.Schema
	dataType   tftypes.Type
}

func compileCollection(c *collectionSpec) *collectionSpec {
	if !c.labelled {
		keyType := client.String
		if _, isInt := c.wireKey("1").(int64); isInt {
			keyType = client.Int
		}
		c.coll.Fields = append(c.coll.Fields, client.Field{Name: c.coll.Key, Type: keyType})
	}
	for _, f := range c.fields {
		t := client.String
		if f.kind != kindString {
			t = client.Int
		}
		c.coll.Fields = append(c.coll.Fields, client.Field{Name: f.wire, Type: t, Secret: f.sensitive})
	}
	c.objectType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
	for _, f := range c.fields {
		c.objectType.AttributeTypes[f.name] = (&fieldSpec{kind: f.kind}).tfType()
	}
	c.mapType = tftypes.Map{ElementType: c.objectType}
	c.subj = subject{title: c.title, what: c.what, paths: []string{c.coll.Path}, fields: []string{c.mapAttr}}
	c.schema = c.resourceSchema()
	c.stateType = c.schema.Type().TerraformType(context.Background())
	c.dataSchema = c.buildDataSchema()
	c.dataType = c.dataSchema.Type().TerraformType(context.Background())
	return c
}

// itemAttributes are the schema of an item: its defaults and validators
// are the truth that both the framework and the fast path serve.
func (c *collectionSpec) itemAttributes() map[string]schema.Attribute {
	a := map[string]schema.Attribute{}
	for _, f := range c.fields {
		desc := f.description + " Wire field `" + f.wire + "`."
		checks := f.validators
		if f.sensitive {
			checks = secretSafe(checks)
		}
		switch {
		case f.def == nil:
			a[f.name] = schema.StringAttribute{Required: true, Sensitive: f.sensitive, MarkdownDescription: desc, Validators: checks}
		case f.kind == kindInt:
			numbers := f.numbers
			if len(numbers) == 0 {
				numbers = []validator.Number{anyWholeNumber}
			}
			a[f.name] = schema.NumberAttribute{Optional: true, Computed: true, MarkdownDescription: desc + " Defaults to `" + quoteDefault(f.def) + "`.",
				Default: numberdefault.StaticBigFloat(new(big.Float).SetInt64(defInt(f.def))), Validators: numbers}
		case f.kind == kindBool:
			a[f.name] = schema.BoolAttribute{Optional: true, Computed: true, MarkdownDescription: desc + " Defaults to `" + quoteDefault(f.def) + "`.",
				Default: booldefault.StaticBool(f.def == true)}
		default:
			def, _ := f.def.(string)
			a[f.name] = schema.StringAttribute{Optional: true, Computed: true, Sensitive: f.sensitive, MarkdownDescription: desc + " Defaults to `\"\"`.",
				Default: stringdefault.StaticString(def), Validators: checks}
		}
	}
	return a
}

func (c *collectionSpec) resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: c.description,
		Attributes: map[string]schema.Attribute{
			// id needs no UseStateForUnknown: ModifyPlan always plans it.
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: descID},
			"address": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{addressValidator},
				MarkdownDescription: descAddress + " Defaults to the provider's `address`. Changing it to another panel replaces the resource."},
			c.mapAttr: schema.MapNestedAttribute{
				Optional: true,
				MarkdownDescription: "The items, by " + c.keyText + ". An attribute left out of an item takes its default. " +
					"Null (or left out) manages no item, as `{}` does.",
				NestedObject: schema.NestedAttributeObject{Attributes: c.itemAttributes()},
				Validators:   c.mapValidators(),
			},
			"exclusive": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "`false` (the default): the resource manages the items it lists; removing one from the map " +
					"deletes it from the panel, and items it never listed are left alone and never shown. `true`: the map is the " +
					"whole collection; a refresh shows items added at the panel as drift, and apply deletes them, each listed in " +
					"the plan first. See the table of transitions below."},
			"delete_on_destroy": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "`false` (the default): destroy only forgets the items, with a warning. `true`: destroy " +
					"deletes every item the resource manages from the panel. Destroy follows the value in state, so set it and " +
					"apply before destroying."},
		},
	}
}

func (c *collectionSpec) buildDataSchema() dsschema.Schema {
	item := map[string]dsschema.Attribute{}
	for _, f := range c.fields {
		desc := f.description + " Wire field `" + f.wire + "`."
		switch f.kind {
		case kindInt:
			item[f.name] = dsschema.NumberAttribute{Computed: true, MarkdownDescription: desc}
		case kindBool:
			item[f.name] = dsschema.BoolAttribute{Computed: true, MarkdownDescription: desc}
		default:
			item[f.name] = dsschema.StringAttribute{Computed: true, Sensitive: f.sensitive, MarkdownDescription: desc}
		}
	}
	return dsschema.Schema{
		MarkdownDescription: "Reads every item of " + c.what + " of one panel (`GET /api/v1.cgi/" + c.coll.Path + "`), with one request.",
		Attributes: map[string]dsschema.Attribute{
			"id":      dsschema.StringAttribute{Computed: true, MarkdownDescription: descID},
			"address": dsschema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{addressValidator}, MarkdownDescription: descAddress + " Defaults to the provider's `address`."},
			c.mapAttr: dsschema.MapNestedAttribute{Computed: true, MarkdownDescription: "Every item, by " + c.dataKey() + ".",
				NestedObject: dsschema.NestedAttributeObject{Attributes: item}},
		},
	}
}

// collectionSpecs is every collection the provider serves.
var collectionSpecs = []*collectionSpec{apartmentsCollection, rfidKeysCollection, accessCodesCollection}

func collectionResources() []func() resource.Resource {
	var out []func() resource.Resource
	for _, c := range collectionSpecs {
		out = append(out, newCollectionResource(c))
	}
	return out
}

func collectionDataSources() []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, c := range collectionSpecs {
		out = append(out, newCollectionDataSource(c))
	}
	return out
}

func (c *collectionSpec) dataKey() string {
	if c.dataKeyText != "" {
		return c.dataKeyText
	}
	return c.keyText
}
