package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var (
	_ action.ActionWithConfigure      = (*alertAction)(nil)
	_ action.ActionWithValidateConfig = (*alertAction)(nil)
)

// NewAlertAction returns the intercom_emergency_alert action (Terraform
// 1.14+): start or stop a panel's emergency alert.
func NewAlertAction() action.Action {
	return &alertAction{}
}

type alertAction struct {
	panelAction
}

type alertActionModel struct {
	Address   types.String `tfsdk:"address"`
	AlertType types.String `tfsdk:"alert_type"`
	Flat      types.Number `tfsdk:"flat"`
	Sound     types.String `tfsdk:"sound"`
	Timeout   types.Number `tfsdk:"timeout"`
	Stop      types.Bool   `tfsdk:"stop"`
}

// The sounds an alert plays, as the action names them, and their wire
// names.
var alertSounds = map[string]string{"builtin": "", "uploaded": client.AlertSoundName}

func (a *alertAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_emergency_alert"
}

func (a *alertAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	stopConflicts := stringvalidator.ConflictsWith(path.MatchRoot("stop"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "Starts or stops a panel's emergency alert (`POST /api/v1.cgi/emergency_alert`), then " +
			"reads it back (`GET emergency_alert`) and reports whether it plays. **While an alert plays, the keypad " +
			"is disabled: no calls to the flats' handsets or over SIP; keys still open doors.** A start is sent once " +
			"and never retried, so that a lost answer never starts a second alert; a stop is retried, since stopping " +
			"twice does no harm. Start one with `alert_type` and `timeout` (and `flat` for a flat's handset); stop it " +
			"with `stop = true` alone.",
		Attributes: map[string]schema.Attribute{
			"address": actionAddress(),
			"alert_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Where the alert plays: `speaker` (the panel's own speaker) or `flat` (the " +
					"handset of the flat in `flat`). Required to start an alert.",
				Validators: []validator.String{stringvalidator.OneOf("speaker", "flat"), stopConflicts},
			},
			"flat": schema.NumberAttribute{
				Optional:            true,
				MarkdownDescription: "The flat whose handset plays the alert, 1 to 9999. Required with `alert_type = \"flat\"`, and refused with `speaker`, where the vendor does not say what it means.",
				Validators: []validator.Number{between(1, 9999),
					numbervalidator.ConflictsWith(path.MatchRoot("stop"))},
			},
			"sound": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "What the alert plays: `builtin` (the panel's own recording, the default) or " +
					"`uploaded` (the recording of `intercom_alert_sound`, which the panel calls `alert_1.wav`; the " +
					"panel refuses it when none is uploaded).",
				Validators: []validator.String{stringvalidator.OneOf("builtin", "uploaded"), stopConflicts},
			},
			"timeout": schema.NumberAttribute{
				Optional: true,
				MarkdownDescription: "How long the alert plays, in seconds; `0` plays it until it is stopped " +
					"(`stop = true`). Required to start an alert, so that an alert that disables the keypad for good " +
					"is always a choice written down.",
				Validators: []validator.Number{between(0, maxInt32), numbervalidator.ConflictsWith(path.MatchRoot("stop"))},
			},
			"stop": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "`true` stops the alert that plays; it takes no other attribute but `address`.",
			},
		},
	}
}

func (a *alertAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var cfg alertActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.Stop.IsUnknown() || cfg.AlertType.IsUnknown() {
		return
	}
	if cfg.Stop.ValueBool() {
		return
	}
	if cfg.AlertType.IsNull() || cfg.Timeout.IsNull() {
		resp.Diagnostics.AddError("Missing Alert Attributes", "Starting an alert needs alert_type and timeout "+
			"(seconds; 0 plays until stopped); stopping one needs stop = true.")
		return
	}
	switch flat := cfg.AlertType.ValueString() == "flat"; {
	case flat && cfg.Flat.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("flat"), "Missing Alert Flat",
			`An alert with alert_type = "flat" plays on one flat's handset: set flat to its number.`)
	case !flat && !cfg.Flat.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("flat"), summaryInvalidValue,
			`flat is only for alert_type = "flat"; the vendor does not say what it means for the speaker. Remove it.`)
	}
}

func (a *alertAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg alertActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := a.panel(cfg.Address, &resp.Diagnostics)
	if c == nil {
		return
	}
	if cfg.Stop.ValueBool() {
		a.stop(ctx, c, resp)
		return
	}
	want := client.Alert{Type: cfg.AlertType.ValueString(), Flat: int(wholeValue(cfg.Flat)),
		Sound: alertSounds[cfg.Sound.ValueString()], Timeout: int(wholeValue(cfg.Timeout))}
	start := time.Now()
	if err := c.StartAlert(ctx, want); err != nil {
		hint := sentOnceHint(err, "emergency alert")
		if want.Sound != "" && client.IsUnsupported(err) {
			hint = "The panel has no uploaded recording to play: upload one with intercom_alert_sound, or set " +
				"sound = \"builtin\"."
		}
		resp.Diagnostics.AddError("Error Starting Alert", redact("Could not start the alert on panel "+c.BaseURL()+
			": "+err.Error()+"\n\n"+hint))
		return
	}
	got, err := c.Alert(ctx)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Alert", redact("Panel "+c.BaseURL()+" took the alert, but its "+
			"state could not be read back: "+err.Error()+"\n\nThe alert is not started again; check the panel."))
	case got.Playing:
		actionProgress(resp)(fmt.Sprintf("Panel %s: the alert plays (%s); the keypad is disabled until it ends",
			c.BaseURL(), describeAlert(want)))
	case want.Timeout > 0 && time.Since(start) >= time.Duration(want.Timeout)*time.Second:
		actionProgress(resp)("Panel " + c.BaseURL() + ": the alert played and has ended")
	default:
		resp.Diagnostics.AddError("Alert Did Not Start", "Panel "+c.BaseURL()+" took the alert but reports it not "+
			"playing (GET emergency_alert). The alert is not started again; check the panel.")
	}
}

func (a *alertAction) stop(ctx context.Context, c *client.Client, resp *action.InvokeResponse) {
	if err := c.StopAlert(ctx); err != nil {
		resp.Diagnostics.AddError("Error Stopping Alert", redact("Could not stop the alert on panel "+c.BaseURL()+
			": "+err.Error()+"\n\n"+subject{what: "the emergency alert", paths: []string{"emergency_alert"}}.hint(err)))
		return
	}
	got, err := c.Alert(ctx)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Alert", redact("Panel "+c.BaseURL()+" took the stop, but the "+
			"alert's state could not be read back: "+err.Error()+"\n\nInvoke the action again to make sure."))
	case got.Playing:
		resp.Diagnostics.AddError("Alert Did Not Stop", "Panel "+c.BaseURL()+" took the stop but reports the alert "+
			"still playing (GET emergency_alert). Invoke the action again, or stop it at the panel.")
	default:
		actionProgress(resp)("Panel " + c.BaseURL() + ": no alert plays; the keypad works again")
	}
}

// describeAlert says where an alert plays, what and for how long.
func describeAlert(a client.Alert) string {
	where := "on the panel's speaker"
	if a.Type == "flat" {
		where = fmt.Sprintf("on the handset of flat %d", a.Flat)
	}
	sound := "the built-in recording"
	if a.Sound != "" {
		sound = "the uploaded recording"
	}
	until := "until stopped"
	if a.Timeout > 0 {
		until = fmt.Sprintf("for %d s", a.Timeout)
	}
	return where + ", " + sound + ", " + until
}
