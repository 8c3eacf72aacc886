package provider

import (
	"context"
	"fmt"
	"math/big"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

const (
	descID      = "The panel's normalised base URL, such as `http://10.0.0.5` or `https://gw.example:8443/panels/17`."
	descAddress = "The panel: a host (`10.0.0.5`), host and port (`10.0.0.5:8080`) or URL with an optional path " +
		"prefix (`https://gw.example:8443/panels/17`). Without a scheme it is `http`."
	descUnmanaged = " Left out, it is not managed: state follows the panel and apply sends the panel's own value back."
)

// settingsBlock is a block spec compiled once into what the framework
// asks for on every call.
type settingsBlock struct {
	*blockSpec
	endpoints      []client.Endpoint
	resourceSchema schema.Schema
	stateType      tftypes.Type
	dataSchema     dsschema.Schema
	dataType       tftypes.Type
	subj           subject
}

func compileBlock(spec *blockSpec) *settingsBlock {
	b := &settingsBlock{blockSpec: spec, endpoints: spec.clientEndpoints()}
	b.subj = subject{title: spec.title, what: spec.what}
	for _, e := range spec.endpoints {
		b.subj.paths = append(b.subj.paths, e.path)
	}
	for _, f := range spec.fields {
		b.subj.fields = append(b.subj.fields, f.name)
	}
	b.resourceSchema = b.buildResourceSchema()
	b.stateType = b.resourceSchema.Type().TerraformType(context.Background())
	b.dataSchema = b.buildDataSchema()
	b.dataType = b.dataSchema.Type().TerraformType(context.Background())
	return b
}

var identitySchema = identityschema.Schema{
	Attributes: map[string]identityschema.Attribute{
		"address": identityschema.StringAttribute{
			RequiredForImport: true,
			Description:       "The panel's address; any spelling of it, normalised in state.",
		},
	},
}

var identityType = identitySchema.Type().TerraformType(context.Background())

func (f *fieldSpec) markdown() string {
	d := f.description
	if f.rules != "" {
		d += " " + f.rules
	}
	switch f.presence {
	case unmanaged:
		d += descUnmanaged
	case defaulted:
		d += fmt.Sprintf(" Defaults to `%v`.", quoteDefault(f.def))
	}
	return d + " Wire field `" + f.wire + "`."
}

func quoteDefault(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

// panelAttributes are the id and address of a resource on one panel,
// which ModifyPlan settles with planPanel.
func panelAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: descID,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"address": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: descAddress + " Defaults to the provider's `address`. Changing it to another panel " +
				"replaces the resource; another spelling of the same panel does not.",
			Validators: []validator.String{addressValidator},
		},
	}
}

func (b *settingsBlock) buildResourceSchema() schema.Schema {
	a := panelAttributes()
	for i := range b.fields {
		f := &b.fields[i]
		a[f.name] = f.resourceAttribute()
		if f.writeOnly {
			b.addWriteOnly(a, f)
		}
	}
	if b.reset != nil {
		a["reset_on_destroy"] = schema.BoolAttribute{
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
			MarkdownDescription: "What destroy does on the panel. `false` (the default) only removes the resource from " +
				"state and leaves " + b.what + " on the panel, with a warning. `true` clears it (" + b.resetText() +
				"), but only if the panel still holds what this resource last applied: a panel that holds something " +
				"else (a replacement created before this one was destroyed, or another configuration's) is left alone, " +
				"with a warning.",
		}
	}
	return schema.Schema{MarkdownDescription: b.description, Attributes: a}
}

func (b *settingsBlock) resetText() string {
	s := ""
	for _, f := range b.fields {
		if s != "" {
			s += ", "
		}
		s += fmt.Sprintf("%s `%v`", f.name, quoteDefault(b.reset[f.wire]))
	}
	return s
}

func (f *fieldSpec) resourceAttribute() schema.Attribute {
	req := f.presence == required
	opt := !req
	comp := f.presence == unmanaged || f.presence == defaulted
	desc := f.markdown()
	switch f.kind {
	case kindInt:
		a := schema.NumberAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: f.sensitive,
			MarkdownDescription: desc, Validators: describeNumbers(f.intValidators)}
		if len(a.Validators) == 0 {
			a.Validators = []validator.Number{anyWholeNumber}
		}
		if d, ok := f.def.(int64); ok {
			a.Default = numberdefault.StaticBigFloat(new(big.Float).SetInt64(d))
		}
		return a
	case kindBool:
		a := schema.BoolAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: f.sensitive, MarkdownDescription: desc}
		if d, ok := f.def.(bool); ok {
			a.Default = booldefault.StaticBool(d)
		}
		return a
	case kindList:
		return schema.ListAttribute{ElementType: types.StringType, Required: req, Optional: opt, Computed: comp,
			Sensitive: f.sensitive, MarkdownDescription: desc, Validators: describeLists(f.listValidators)}
	}
	a := schema.StringAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: f.sensitive,
		MarkdownDescription: desc, Validators: describeStrings(f.stringValidators)}
	if d, ok := f.def.(string); ok {
		a.Default = stringdefault.StaticString(d)
	}
	if f.writeOnly {
		a.Validators = append(a.Validators, conflictsWith(f.name+"_wo"))
	}
	if f.sensitive {
		a.Validators = secretSafe(a.Validators)
	}
	return a
}

func (b *settingsBlock) addWriteOnly(a map[string]schema.Attribute, f *fieldSpec) {
	wo, version := f.name+"_wo", f.name+"_wo_version"
	a[wo] = schema.StringAttribute{
		Optional:  true,
		Sensitive: true,
		WriteOnly: true,
		MarkdownDescription: "Write-only `" + f.name + "`: it is sent to the panel but never stored in state or " +
			"plan. Needs Terraform 1.11+ or OpenTofu 1.11+. Requires `" + version + "`; conflicts with `" + f.name +
			"`. A salted hash of the last value sent is kept in private state, so a value changed at the panel still " +
			"shows as drift (as `" + version + "` changing) and apply re-sends it.",
		Validators: secretSafe(append([]validator.String{conflictsWith(f.name), alsoRequires(version)},
			describeStrings(f.stringValidators)...)),
	}
	a[version] = schema.NumberAttribute{
		Optional: true,
		MarkdownDescription: "Any number; change it to send `" + wo + "` again, for example after rotating it. " +
			"Terraform cannot see a change of a write-only value by itself.",
		Validators: []validator.Number{anyWholeNumber, alsoRequiresNumber(wo)},
	}
}

func (b *settingsBlock) buildDataSchema() dsschema.Schema {
	a := map[string]dsschema.Attribute{
		"id": dsschema.StringAttribute{Computed: true, MarkdownDescription: descID},
		"address": dsschema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: descAddress + " Defaults to the provider's `address`.",
			Validators:          []validator.String{addressValidator},
		},
	}
	for _, f := range b.fields {
		desc := f.description + " Wire field `" + f.wire + "`."
		switch {
		case f.masked:
			desc += " Null when the panel reports none or masks it."
		case f.presence == optional || f.mayBeAbsent:
			desc += " Null when the panel reports none."
		}
		switch f.kind {
		case kindInt:
			a[f.name] = dsschema.NumberAttribute{Computed: true, Sensitive: f.sensitive, MarkdownDescription: desc}
		case kindBool:
			a[f.name] = dsschema.BoolAttribute{Computed: true, Sensitive: f.sensitive, MarkdownDescription: desc}
		case kindList:
			a[f.name] = dsschema.ListAttribute{ElementType: types.StringType, Computed: true, Sensitive: f.sensitive, MarkdownDescription: desc}
		default:
			a[f.name] = dsschema.StringAttribute{Computed: true, Sensitive: f.sensitive, MarkdownDescription: desc}
		}
	}
	return dsschema.Schema{
		MarkdownDescription: "Reads " + b.what + " of one intercom panel (" + b.subj.pathsText() + b.sharedReadText() + ").",
		Attributes:          a,
	}
}

// sharedReadText says when reads go through the panel's aggregate.
func (b *settingsBlock) sharedReadText() string {
	for _, e := range b.endpoints {
		if e.Aggregated {
			return "; read through the panel's shared `GET /api/v1.cgi/intercom/gconfig` where the firmware has it"
		}
	}
	return ""
}
