package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ action.ActionWithConfigure = (*firmwareAction)(nil)

// NewFirmwareAction returns the intercom_firmware_update action
// (Terraform 1.14+): upload a firmware file to one chip of a panel and
// follow the update to its end.
func NewFirmwareAction() action.Action {
	return &firmwareAction{pace: defaultRestartPace}
}

type firmwareAction struct {
	panelAction
	// pace.poll also paces the MCU state polls.
	pace restartPace
}

type firmwareActionModel struct {
	Address       types.String `tfsdk:"address"`
	Chip          types.String `tfsdk:"chip"`
	File          types.String `tfsdk:"file"`
	ExpectVersion types.String `tfsdk:"expect_version"`
	Timeout       types.String `tfsdk:"timeout"`
}

const defaultFirmwareTimeout = 30 * time.Minute

func (a *firmwareAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_firmware_update"
}

func (a *firmwareAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Updates the firmware of one chip of a panel: uploads `file` " +
			"(`POST /api/v1.cgi/firmware/<chip>/update`, `multipart/form-data`, field `firmware`), then follows " +
			"the update to its end with progress messages and reads `firmware/version`. The MCU's update is " +
			"followed through `firmware/mcu/update/state`; the CPU has no state endpoint and restarts, so the " +
			"action waits until the panel has gone down and answers again, as `intercom_reboot` does. " +
			"**It never flashes twice by accident**: the file is checked before any byte goes out, the upload is " +
			"sent once and never retried, a lost answer after the upload turns into waiting (never into a second " +
			"upload), an MCU update that is already running is an error, and with `expect_version` a panel " +
			"that already reports that version gets nothing.",
		Attributes: map[string]schema.Attribute{
			"address": actionAddress(),
			"chip": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Which processor to update: `mcu` (the Artery microcontroller: doors, lines, " +
					"keypad) or `cpu` (the Rockchip processor: the API, SIP and video; the panel restarts).",
				Validators: []validator.String{stringvalidator.OneOf(client.ChipMCU, client.ChipCPU)},
			},
			"file": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The update file on the machine that runs Terraform (an `.upd` file from the " +
					"vendor). It must exist and be readable; for the CPU it may be at most 110 MiB " +
					"(115,343,360 bytes), the panel's limit. The panel refuses a file that is not an update for " +
					"the chip (`Unsupported file`).",
			},
			"expect_version": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The version string the chip must report afterwards, exactly as " +
					"`firmware/version` shows it (`sMCUFirmwareVersion` or `sCPUFirmwareVersion`, e.g. " +
					"`V0.4.7 build 2024.03.15`). A different version at the end is an error. A panel that already " +
					"reports it is not updated at all, so that running the action again over a fleet updates only " +
					"the panels still behind.",
			},
			"timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long the whole update may take, upload included, as a Go duration. " +
					"Defaults to `30m`.",
				Validators: []validator.String{actionTimeoutCheck("The firmware update timeout", "30m")},
			},
		},
	}
}

func (a *firmwareAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg firmwareActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	u := firmwareUpdate{chip: cfg.Chip.ValueString(), path: cfg.File.ValueString(), expect: cfg.ExpectVersion.ValueString(),
		timeout: actionTimeout(cfg.Timeout, defaultFirmwareTimeout), pace: a.pace, progress: actionProgress(resp),
		diags: &resp.Diagnostics}
	// The file is checked before the panel is even asked anything.
	file, size, ok := u.openFile()
	if !ok {
		return
	}
	defer file.Close()
	u.c = a.panel(cfg.Address, &resp.Diagnostics)
	if u.c == nil {
		return
	}
	u.run(ctx, file, size)
}

// openFile checks the update file: it exists, is a readable regular file,
// is not empty and, for the CPU, is within the panel's limit.
func (u *firmwareUpdate) openFile() (*os.File, int64, bool) {
	fail := func(detail string) (*os.File, int64, bool) {
		u.diags.AddAttributeError(pathFile, "Invalid Firmware File", detail+" Nothing was sent to the panel.")
		return nil, 0, false
	}
	f, size, detail := openLocalFile(u.path, "firmware file", "file")
	if detail != "" {
		return fail(detail)
	}
	if u.chip == client.ChipCPU && size > client.MaxCPUFirmware {
		f.Close()
		return fail(fmt.Sprintf("The firmware file %q has %d bytes; the panel takes CPU updates of at most "+
			"110 MiB (%d bytes). Check that it is the CPU update.", u.path, size, client.MaxCPUFirmware))
	}
	u.name = filepath.Base(u.path)
	return f, size, true
}
