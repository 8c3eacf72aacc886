package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ action.ActionWithConfigure = (*rebootAction)(nil)

// NewRebootAction returns the intercom_reboot action (Terraform 1.14+):
// restart a panel and wait until it answers again.
func NewRebootAction() action.Action {
	return &rebootAction{pace: defaultRestartPace}
}

type rebootAction struct {
	panelAction
	pace restartPace
}

type rebootActionModel struct {
	Address types.String `tfsdk:"address"`
	Timeout types.String `tfsdk:"timeout"`
}

const defaultRebootTimeout = 5 * time.Minute

func (a *rebootAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reboot"
}

func (a *rebootAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Restarts a panel (`POST /api/v1.cgi/system/reboot`, sent once, never retried) and waits, with " +
			"progress messages, until the panel has gone down and answers again, for at most `timeout`. An answer " +
			"before the panel went down does not count, since a panel may go on answering for a while after it took " +
			"the reboot. A panel that comes back refusing the credentials gives a warning. Trigger it after a change that needs a restart, with " +
			"`lifecycle { action_trigger { events = [after_update], actions = [action.intercom_reboot.lobby] } }` on " +
			"the resource, or run it on its own with `terraform apply -invoke=action.intercom_reboot.lobby`.",
		Attributes: map[string]schema.Attribute{
			"address": actionAddress(),
			"timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long to wait for the panel to go down and answer again, as a Go duration. " +
					"Defaults to `5m`.",
				Validators: []validator.String{actionTimeoutCheck("The reboot timeout", "5m")},
			},
		},
	}
}

func (a *rebootAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg rebootActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout := actionTimeout(cfg.Timeout, defaultRebootTimeout)
	c := a.panel(cfg.Address, &resp.Diagnostics)
	if c == nil {
		return
	}
	progress := actionProgress(resp)
	if err := c.Reboot(ctx); err != nil {
		resp.Diagnostics.AddError("Error Rebooting Panel", redact("Could not ask panel "+c.BaseURL()+
			" to reboot: "+err.Error()+"\n\n"+sentOnceHint(err, "reboot")))
		return
	}
	start := time.Now()
	progress("Panel " + c.BaseURL() + " took the reboot")
	r := restart{c: c, what: "the reboot", timeout: timeout, pace: a.pace, progress: progress}
	credsChanged, err := r.wait(ctx, start)
	if err != nil {
		addRestartFailure(&resp.Diagnostics, err)
		return
	}
	if credsChanged {
		addCredentialsChanged(&resp.Diagnostics, c.BaseURL(), "the reboot")
	}
}

// sentOnceHint says what to do about a request that the provider sends
// once and never retries, since a second one could restart or flash the
// panel again.
func sentOnceHint(err error, what string) string {
	if client.IsUnauthorized(err) {
		return subject{}.hint(err)
	}
	if client.IsUnsupported(err) {
		return "This panel's firmware has no " + what + " API. Check that the address points at the panel."
	}
	return "The " + what + " request is sent once and never retried, so that the panel does not get it twice. " +
		"Check that the panel is up and answers, then run the action again."
}
