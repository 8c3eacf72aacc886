package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Descriptions shared by the resource and the data source, so the two
// pages of the docs cannot drift apart.
const (
	descID      = "The panel's normalised base URL, such as `http://10.0.0.5` or `https://gw.example:8443/panels/17`."
	descUser    = "SIP user name the panel registers with. Wire field `sUser`."
	descDomain  = "SIP server domain name. Wire field `sDomain`."
	descProxy   = "SIP outbound proxy address; empty for none. Defaults to `\"\"`. Wire field `sProxy`."
	descRealm   = "SIP authentication realm; `*` accepts any. Defaults to `*`. Wire field `sRealm`."
	descProto   = "SIP transport: `udp`, `tcp` or `tls`. Defaults to `udp`. Wire field `sProtocol`."
	descPort    = "SIP server port, 1 to 65535. Defaults to `5060`. Wire field `iPort`."
	descAddress = "The panel: a host (`10.0.0.5`), host and port (`10.0.0.5:8080`) or URL with an optional path " +
		"prefix (`https://gw.example:8443/panels/17`). Without a scheme it is `http`."
)

var sipConfigResourceSchema = schema.Schema{
	MarkdownDescription: "The SIP account of one intercom panel. Every panel has exactly one, so this resource " +
		"adopts it rather than creating it: apply writes all seven fields with `POST /api/v1.cgi/intercom/sip/config` " +
		"and reads them back; refresh reads them, so changes made at the panel show as drift. " +
		"Destroy only removes the resource from state unless `reset_on_destroy` is true.",
	Attributes: map[string]schema.Attribute{
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
		"user": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: descUser,
		},
		"password": schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: "SIP password. Unset (and no `password_wo`) sends `\"\"`. Wire field `sPassword`. It is " +
				"stored in state: protect the state, or use `password_wo`. On firmware that masks it (`****`) the value " +
				"from state is kept, so drift of the password cannot be seen there.",
			Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("password_wo"))},
		},
		"password_wo": schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			WriteOnly: true,
			MarkdownDescription: "SIP password, write-only: it is sent to the panel but never stored in state or " +
				"plan. Needs Terraform 1.11+ or OpenTofu 1.11+. Requires `password_wo_version`; conflicts with " +
				"`password`. A salted hash of the last password sent is kept in private state, so a password changed " +
				"at the panel still shows as drift (as `password_wo_version` changing) and apply re-sends it.",
			Validators: []validator.String{
				stringvalidator.ConflictsWith(path.MatchRoot("password")),
				stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version")),
			},
		},
		"password_wo_version": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "Any number; change it to send `password_wo` again, for example after rotating it. " +
				"Terraform cannot see a change of a write-only value by itself.",
			Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
		},
		"domain": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: descDomain,
		},
		"proxy": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(""),
			MarkdownDescription: descProxy,
		},
		"realm": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString("*"),
			MarkdownDescription: descRealm,
		},
		"protocol": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString("udp"),
			MarkdownDescription: descProto,
			Validators:          []validator.String{stringvalidator.OneOf("udp", "tcp", "tls")},
		},
		"port": schema.Int64Attribute{
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(5060),
			MarkdownDescription: descPort,
			Validators:          []validator.Int64{int64validator.Between(1, 65535)},
		},
		"reset_on_destroy": schema.BoolAttribute{
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
			MarkdownDescription: "What destroy does on the panel. `false` (the default) only removes the resource from " +
				"state and leaves the account on the panel, with a warning. `true` clears it: empty user, password, " +
				"domain and proxy, realm `*`, `udp`, port 5060.",
		},
	},
}

var sipConfigIdentitySchema = identityschema.Schema{
	Attributes: map[string]identityschema.Attribute{
		"address": identityschema.StringAttribute{
			RequiredForImport: true,
			Description:       "The panel's address; any spelling of it, normalised in state.",
		},
	},
}

var sipConfigDataSourceSchema = dsschema.Schema{
	MarkdownDescription: "Reads the SIP account of one intercom panel with `GET /api/v1.cgi/intercom/sip/config`.",
	Attributes: map[string]dsschema.Attribute{
		"id": dsschema.StringAttribute{Computed: true, MarkdownDescription: descID},
		"address": dsschema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: descAddress + " Defaults to the provider's `address`.",
			Validators:          []validator.String{addressValidator},
		},
		"user": dsschema.StringAttribute{Computed: true, MarkdownDescription: descUser},
		"password": dsschema.StringAttribute{
			Computed:  true,
			Sensitive: true,
			MarkdownDescription: "SIP password as the panel reports it. Wire field `sPassword`. Null when the panel " +
				"has none or masks it.",
		},
		"domain":   dsschema.StringAttribute{Computed: true, MarkdownDescription: descDomain},
		"proxy":    dsschema.StringAttribute{Computed: true, MarkdownDescription: descProxy},
		"realm":    dsschema.StringAttribute{Computed: true, MarkdownDescription: descRealm},
		"protocol": dsschema.StringAttribute{Computed: true, MarkdownDescription: descProto},
		"port":     dsschema.Int64Attribute{Computed: true, MarkdownDescription: descPort},
	},
}
