package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*sipConfigResource)(nil)
	_ resource.ResourceWithImportState = (*sipConfigResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*sipConfigResource)(nil)
	_ resource.ResourceWithIdentity    = (*sipConfigResource)(nil)
)

// NewSIPConfigResource returns the intercom_sip_config resource.
func NewSIPConfigResource() resource.Resource {
	return &sipConfigResource{}
}

type sipConfigResource struct {
	client *client.Client
}

// sipSettingsModel is the panel's SIP account in Terraform's terms. The
// resource and the data source both embed it, so one pair of converters
// serves them.
type sipSettingsModel struct {
	User     types.String `tfsdk:"user"`
	Password types.String `tfsdk:"password"`
	Domain   types.String `tfsdk:"domain"`
	Proxy    types.String `tfsdk:"proxy"`
	Realm    types.String `tfsdk:"realm"`
	Protocol types.String `tfsdk:"protocol"`
	Port     types.Int64  `tfsdk:"port"`
}

type sipConfigResourceModel struct {
	ID                types.String `tfsdk:"id"`
	Address           types.String `tfsdk:"address"`
	ResetOnDestroy    types.Bool   `tfsdk:"reset_on_destroy"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	sipSettingsModel
}

// sipConfigIdentityModel identifies the resource by its panel, for
// `import { identity = { address = ... } }` on Terraform and OpenTofu 1.12+.
type sipConfigIdentityModel struct {
	Address types.String `tfsdk:"address"`
}

func (r *sipConfigResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sip_config"
}

func (r *sipConfigResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = sipConfigResourceSchema
}

func (r *sipConfigResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = sipConfigIdentitySchema
}

func (r *sipConfigResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *sipConfigResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan sipConfigResourceModel
	var passwordWO types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &passwordWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out := writeResult{state: &resp.State, identity: resp.Identity, private: resp.Private, diags: &resp.Diagnostics}
	r.write(ctx, plan, passwordWO, nil, out)
}

func (r *sipConfigResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, err := readRawState(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError(summaryReadFailed, "The resource's state cannot be read: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return
	}
	c := panelClient(r.client, state.ID.ValueString(), &resp.Diagnostics)
	if c == nil {
		return
	}
	secret := state.Password.ValueString()
	ctx = maskSecrets(ctx, secret)
	// A failed read is an error and never a removal: every panel has SIP
	// settings, so failing to read them says nothing about whether the
	// resource still exists.
	cfg, err := c.GetSIPConfig(ctx)
	if err != nil {
		addPanelError(&resp.Diagnostics, summaryReadFailed, "Could not read the SIP settings", err, secret)
		return
	}
	hash, writeOnly := loadPasswordHash(ctx, resp.Private, &resp.Diagnostics)
	state.sipSettingsModel = flattenSIPConfig(cfg, state.Password, writeOnly)
	// The panel's password no longer matches the last password_wo sent.
	// Nulling the version in state makes the plan show an update, which
	// re-sends the password from the configuration.
	if writeOnly && !isMasked(cfg.Password) && !hash.matches(cfg.Password) {
		state.PasswordWOVersion = types.Int64Null()
		resp.Diagnostics.AddWarning(summaryPasswordDrift, "The SIP password on panel "+state.ID.ValueString()+
			" was changed outside Terraform. The plan re-sends password_wo to put it back.")
	}
	if state.ResetOnDestroy.IsNull() {
		state.ResetOnDestroy = types.BoolValue(false)
	}
	resp.State.Raw = rawState(state)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *sipConfigResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state sipConfigResourceModel
	var passwordWO types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &passwordWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out := writeResult{state: &resp.State, identity: resp.Identity, private: resp.Private, diags: &resp.Diagnostics}
	r.write(ctx, plan, passwordWO, &state, out)
}

func (r *sipConfigResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state sipConfigResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !state.ResetOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning(summaryLeftOnPanel,
			"Panel "+state.ID.ValueString()+" keeps its SIP account: destroying intercom_sip_config only removes it "+
				"from Terraform state. Set reset_on_destroy = true before destroying to clear the account on the panel.")
		return
	}
	c := panelClient(r.client, state.ID.ValueString(), &resp.Diagnostics)
	if c == nil {
		return
	}
	if err := c.SetSIPConfig(ctx, client.EmptySIPConfig()); err != nil {
		addPanelError(&resp.Diagnostics, summaryResetFailed, "Could not reset the SIP account (reset_on_destroy = true)", err)
	}
}

func (r *sipConfigResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	address := req.ID
	if address == "" && req.Identity != nil {
		var identity sipConfigIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		address = identity.Address.ValueString()
	}
	id, err := client.NormalizeAddress(address)
	if err != nil {
		resp.Diagnostics.AddError(summaryInvalidImportID,
			"The import ID must be the panel's address, as in `terraform import intercom_sip_config.lobby 10.0.0.5` "+
				"or an import block with id = \"https://gw.example/panels/17\": "+err.Error()+".")
		return
	}
	// The address keeps the spelling of the ID, so a configuration that
	// writes the address the same way plans no change after the import.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("address"), address)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("reset_on_destroy"), false)...)
	setIdentity(ctx, resp.Identity, types.StringValue(id), &resp.Diagnostics)
}

// writeResult is where write records its outcome: the Create and Update
// responses have the same four parts.
type writeResult struct {
	state    *tfsdk.State
	identity *tfsdk.ResourceIdentity
	private  privateState
	diags    *diag.Diagnostics
}

// write sends the planned account to the panel and reads it back. The
// password comes from password_wo when that is set: a write-only value is
// only in the configuration. prior is the state before an update, nil on
// create.
func (r *sipConfigResource) write(ctx context.Context, plan sipConfigResourceModel, passwordWO types.String, prior *sipConfigResourceModel, out writeResult) {
	c := panelClient(r.client, plan.ID.ValueString(), out.diags)
	if c == nil {
		return
	}
	settings := plan.sipSettingsModel
	writeOnly := !passwordWO.IsNull()
	if writeOnly {
		settings.Password = passwordWO
	}
	secret := settings.Password.ValueString()
	ctx = maskSecrets(ctx, secret)
	defer setIdentity(ctx, out.identity, plan.ID, out.diags)

	// Only reset_on_destroy changed: the panel already holds the account.
	if prior != nil {
		same := plan
		same.ResetOnDestroy = prior.ResetOnDestroy
		if same == *prior {
			out.diags.Append(out.state.Set(ctx, &plan)...)
			return
		}
	}
	if err := c.SetSIPConfig(ctx, expandSIPConfig(settings)); err != nil {
		addPanelError(out.diags, summaryWriteFailed, "Could not write the SIP settings", err, secret)
		return
	}
	var sent *string
	if writeOnly {
		sent = &secret
	}
	savePasswordHash(ctx, out.private, sent, out.diags)
	got, err := c.GetSIPConfig(ctx)
	if err != nil {
		// The panel took the account, so state records what was sent: the
		// next refresh compares it with the panel and plans any repair.
		out.diags.Append(out.state.Set(ctx, &plan)...)
		addPanelError(out.diags, summaryReadBackFailed, "The SIP settings were written, but reading them back failed", err, secret)
		return
	}
	plan.sipSettingsModel = flattenSIPConfig(got, plan.Password, writeOnly)
	out.diags.Append(out.state.Set(ctx, &plan)...)
}

// setIdentity records the panel as the resource's identity. An identity
// that already says so is left alone: Read runs once per resource on every
// plan, and a Set is a reflection pass.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	if identity == nil || id.IsUnknown() {
		return
	}
	var current types.String
	if !identity.Raw.IsNull() {
		diags.Append(identity.GetAttribute(ctx, path.Root("address"), &current)...)
	}
	if !current.Equal(id) {
		diags.Append(identity.Set(ctx, sipConfigIdentityModel{Address: id})...)
	}
}

// expandSIPConfig turns the Terraform model into the panel's fields. A
// null password is sent as "": the panel has no other way to say none.
func expandSIPConfig(m sipSettingsModel) client.SIPConfig {
	return client.SIPConfig{
		User:     m.User.ValueString(),
		Password: m.Password.ValueString(),
		Domain:   m.Domain.ValueString(),
		Proxy:    m.Proxy.ValueString(),
		Realm:    m.Realm.ValueString(),
		Protocol: m.Protocol.ValueString(),
		Port:     m.Port.ValueInt64(),
	}
}

// flattenSIPConfig turns what the panel reports into the Terraform model.
// priorPassword is the password Terraform last knew; see flattenPassword.
// With writeOnly the password comes from password_wo and stays out of
// state altogether.
func flattenSIPConfig(cfg client.SIPConfig, priorPassword types.String, writeOnly bool) sipSettingsModel {
	password := flattenPassword(cfg.Password, priorPassword)
	if writeOnly {
		password = types.StringNull()
	}
	return sipSettingsModel{
		User:     types.StringValue(cfg.User),
		Password: password,
		Domain:   types.StringValue(cfg.Domain),
		Proxy:    types.StringValue(cfg.Proxy),
		Realm:    types.StringValue(cfg.Realm),
		Protocol: types.StringValue(cfg.Protocol),
		Port:     types.Int64Value(cfg.Port),
	}
}

// flattenPassword decides what state records for the panel's password.
// Firmware that hides secrets shows a run of asterisks; comparing that
// with the configuration would show a change on every plan, so the prior
// value stands (and drift of a masked password cannot be seen). A panel
// reporting "" where the configuration sets no password matches it, so
// null stays null.
func flattenPassword(reported string, prior types.String) types.String {
	switch {
	case isMasked(reported):
		return prior
	case reported == "" && prior.IsNull():
		return prior
	}
	return types.StringValue(reported)
}

func isMasked(s string) bool {
	return s != "" && strings.Trim(s, "*") == ""
}
