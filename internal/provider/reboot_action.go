package provider

import (
	"context"
	"fmt"
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
	return &rebootAction{poll: 2 * time.Second}
}

type rebootAction struct {
	panels *providerData
	poll   time.Duration
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
		MarkdownDescription: "Restarts a panel (`POST /api/v1.cgi/system/reboot`) and waits, with progress messages, " +
			"until it answers again, for at most `timeout`. Trigger it after a change that needs a restart, with " +
			"`lifecycle { action_trigger { events = [after_update], actions = [action.intercom_reboot.lobby] } }` on " +
			"the resource, or run it on its own with `terraform apply -invoke=action.intercom_reboot.lobby`.",
		Attributes: map[string]schema.Attribute{
			"address": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: descAddress + " Defaults to the provider's `address`.",
				Validators:          []validator.String{addressValidator},
			},
			"timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long to wait for the panel to answer again, as a Go duration. " +
					"Defaults to `5m`.",
				Validators: []validator.String{durationCheck("The reboot timeout", "5m")},
			},
		},
	}
}

func (a *rebootAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (a *rebootAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg rebootActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout := defaultRebootTimeout
	if !cfg.Timeout.IsNull() {
		timeout, _ = parseTimeout(cfg.Timeout.ValueString())
	}
	c, _ := namedPanel(a.panels, cfg.Address.ValueString(), !cfg.Address.IsNull(), "action", &resp.Diagnostics)
	if c == nil {
		return
	}
	progress := func(msg string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
	reboot := subject{title: "Reboot", what: "the reboot"}
	if err := c.Reboot(ctx); err != nil {
		reboot.addPanelError(&resp.Diagnostics, "Error Rebooting Panel", "Could not ask panel "+c.BaseURL()+" to reboot", err)
		return
	}
	progress("Panel " + c.BaseURL() + " is rebooting")
	start := time.Now()
	deadline := start.Add(timeout)
	// A panel may still answer for a moment after it took the request;
	// waiting one poll first keeps that from passing for the return.
	for {
		select {
		case <-ctx.Done():
			resp.Diagnostics.AddError("Reboot Interrupted", "Stopped waiting for panel "+c.BaseURL()+" to come back: "+ctx.Err().Error()+".")
			return
		case <-time.After(a.poll):
		}
		err := c.Ping(ctx)
		waited := time.Since(start).Round(time.Second)
		// Any answer, even an error, means the panel is up again.
		if err == nil || !client.IsUnreachable(err) {
			progress(fmt.Sprintf("Panel %s answers again after %s", c.BaseURL(), waited))
			return
		}
		if time.Now().After(deadline) {
			resp.Diagnostics.AddError("Panel Did Not Come Back", fmt.Sprintf("Panel %s took the reboot but did not "+
				"answer again within %s (timeout); last: %s. Check the panel, or raise timeout.", c.BaseURL(), timeout, err))
			return
		}
		progress(fmt.Sprintf("Waiting for panel %s (%s so far)", c.BaseURL(), waited))
	}
}
