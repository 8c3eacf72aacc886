package provider

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var (
	_ resource.ResourceWithConfigure  = (*alertSoundResource)(nil)
	_ resource.ResourceWithModifyPlan = (*alertSoundResource)(nil)
)

// NewAlertSoundResource returns intercom_alert_sound: the panel's one
// uploadable alert recording.
func NewAlertSoundResource() resource.Resource {
	return &alertSoundResource{}
}

type alertSoundResource struct {
	panels *providerData
}

type alertSoundResourceModel struct {
	ID           types.String `tfsdk:"id"`
	Address      types.String `tfsdk:"address"`
	Source       types.String `tfsdk:"source"`
	SourceSHA256 types.String `tfsdk:"source_sha256"`
}

var (
	pathSource       = path.Root("source")
	pathSourceSHA256 = path.Root("source_sha256")
	sha256Hex        = regexp.MustCompile(`^[0-9a-f]{64}$`)
	alertSoundSubj   = subject{title: "Alert Sound", what: "the alert sound", paths: []string{"emergency_alert/upload/1"}}
)

func (r *alertSoundResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_alert_sound"
}

var alertSoundSchema = schema.Schema{
	MarkdownDescription: "The panel's one uploadable emergency-alert recording (`emergency_alert/upload/1`), which " +
		"`intercom_emergency_alert` plays with `sound = \"uploaded\"`. Create and update upload `source` " +
		"(`multipart/form-data`, field `sound`, sent once and never retried); destroy deletes the recording " +
		"(`DELETE emergency_alert/upload/1`). The file is checked at plan: a WAV file (RIFF/WAVE header) of at most " +
		"1 MiB. **Refresh sees nothing of the recording**: the panel cannot return it nor say whether one is " +
		"uploaded, so a recording deleted or replaced at the panel leaves no trace in the plan; " +
		"`terraform apply -replace` uploads it again.",
	Attributes: withAttributes(panelAttributes(), map[string]schema.Attribute{
		"source": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "The recording on the machine that runs Terraform: a WAV file of at most 1 MiB " +
				"(1,048,576 bytes), ideally PCM 16-bit mono 16 kHz (the panel converts other WAV files). The path " +
				"is relative to the directory Terraform runs in. A new path to the same content changes only the " +
				"state; nothing is uploaded.",
		},
		"source_sha256": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "The SHA-256 of `source`, in hex. Left out, the provider reads the file at every " +
				"plan and plans this value, so that a new file under the same name shows as a change of " +
				"`source_sha256` and is uploaded. Set it (to `filesha256(...)`, or a value you pin) to have a file " +
				"that differs refused at plan. At apply the file must still be the one planned.",
			Validators: []validator.String{stringvalidator.RegexMatches(sha256Hex, "must be 64 lower-case hex digits")},
		},
	}),
}

// withAttributes adds more to attributes.
func withAttributes(attributes, more map[string]schema.Attribute) map[string]schema.Attribute {
	for name, a := range more {
		attributes[name] = a
	}
	return attributes
}

func (r *alertSoundResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = alertSoundSchema
}

var alertSoundType = alertSoundSchema.Type().TerraformType(context.Background())

func (r *alertSoundResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan settles the panel as the settings resources do, checks the
// file and plans its digest, so that a changed file is a planned change.
func (r *alertSoundResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	a, err := readEach(req.Plan.Raw, req.Config.Raw, req.State.Raw)
	if err != nil {
		alertSoundSubj.addStateBug(&resp.Diagnostics, err)
		return
	}
	plan, config, prior := a[0], a[1], a[2]
	_, replace, ok := planPanel(r.panels, "intercom_alert_sound", plan, config, prior, &resp.Diagnostics)
	if !ok {
		return
	}
	if replace {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("address"))
	}
	plan["source_sha256"] = config["source_sha256"]
	if source := config["source"]; source.IsKnown() {
		if keepWithoutFile(plan, config, prior, &resp.Diagnostics) {
			resp.Plan.Raw = tftypes.NewValue(alertSoundType, plan)
			return
		}
		sum, ok := checkedSum(str(source), config["source_sha256"], &resp.Diagnostics)
		if !ok {
			return
		}
		plan["source_sha256"] = stringValue(sum)
	} else if config["source_sha256"].IsNull() {
		plan["source_sha256"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	}
	resp.Plan.Raw = tftypes.NewValue(alertSoundType, plan)
}

func (r *alertSoundResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan alertSoundResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.upload(ctx, &plan, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read keeps the state: the panel has no request that shows the recording
// or whether one is uploaded (GET emergency_alert reports the alert, not
// the slot), so there is nothing to compare.
func (r *alertSoundResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *alertSoundResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state alertSoundResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The same content under another path is on the panel already.
	if !plan.SourceSHA256.Equal(state.SourceSHA256) && !r.upload(ctx, &plan, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *alertSoundResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state alertSoundResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := panelClient(r.panels, state.ID.ValueString(), &resp.Diagnostics)
	if c == nil {
		return
	}
	// A 404 is a slot emptied already, at the panel: the goal is met.
	if err := c.DeleteAlertSound(ctx); err != nil && client.StatusCode(err) != http.StatusNotFound {
		alertSoundSubj.addPanelError(&resp.Diagnostics, "Error Deleting Alert Sound", "Could not delete the alert "+
			"sound of panel "+c.BaseURL()+"; the resource stays in state", err)
	}
}

// upload reads the planned file, checks that it is still the one planned
// and uploads it, once.
func (r *alertSoundResource) upload(ctx context.Context, plan *alertSoundResourceModel, diags *diag.Diagnostics) bool {
	c := panelClient(r.panels, plan.ID.ValueString(), diags)
	if c == nil {
		return false
	}
	name := plan.Source.ValueString()
	data, sum, detail := readAlertSound(name)
	switch {
	case detail != "":
		diags.AddAttributeError(pathSource, "Invalid Alert Sound File", detail+" Nothing was sent to the panel.")
		return false
	case !plan.SourceSHA256.IsUnknown() && !plan.SourceSHA256.IsNull() && plan.SourceSHA256.ValueString() != sum:
		diags.AddAttributeError(pathSource, "Alert Sound File Changed", fmt.Sprintf("The file %q changed after the "+
			"plan: its SHA-256 is %s, the plan's %s. Nothing was sent to panel %s; run terraform plan again.",
			name, sum, plan.SourceSHA256.ValueString(), c.BaseURL()))
		return false
	}
	_, err := c.UploadAlertSound(ctx, filepath.Base(name), bytes.NewReader(data), int64(len(data)))
	switch {
	case client.StatusCode(err) == http.StatusBadRequest:
		diags.AddAttributeError(pathSource, "Alert Sound Refused", fmt.Sprintf("Panel %s refused the file %q: %s\n\n"+
			"Check that it is a WAV file of at most 1 MiB, ideally PCM 16-bit mono 16 kHz.", c.BaseURL(), name, err))
		return false
	case err != nil:
		alertSoundSubj.addPanelError(diags, "Error Uploading Alert Sound", "Could not upload "+
			fmt.Sprintf("%q", name)+" to panel "+c.BaseURL()+" (the upload is sent once and never retried)", err)
		return false
	}
	plan.SourceSHA256 = types.StringValue(sum)
	return true
}

// keepWithoutFile plans no change, with a warning, when the file that was
// uploaded is gone from the machine that runs Terraform: a destroy plans
// with the configuration too, and must not need the file.
func keepWithoutFile(plan, config, prior attrs, diags *diag.Diagnostics) bool {
	name := str(config["source"])
	if prior == nil || !config["source"].Equal(prior["source"]) ||
		(!config["source_sha256"].IsNull() && !config["source_sha256"].Equal(prior["source_sha256"])) {
		return false
	}
	if _, err := os.Stat(name); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	plan["source_sha256"] = prior["source_sha256"]
	diags.AddAttributeWarning(pathSource, "Alert Sound File Missing", fmt.Sprintf("The file %q does not exist, so "+
		"nothing is planned for it: panel %s keeps the recording uploaded last (SHA-256 %s). Restore the file to "+
		"manage the recording again; destroy works without it.", name, str(plan["id"]), str(prior["source_sha256"])))
	return true
}

// checkedSum checks the file at plan and returns its digest; a digest set
// in the configuration must match it.
func checkedSum(name string, configured tftypes.Value, diags *diag.Diagnostics) (string, bool) {
	_, sum, detail := readAlertSound(name)
	if detail != "" {
		diags.AddAttributeError(pathSource, "Invalid Alert Sound File", detail)
		return "", false
	}
	if want := str(configured); configured.IsKnown() && !configured.IsNull() && want != sum {
		diags.AddAttributeError(pathSourceSHA256, "Alert Sound Checksum Mismatch", fmt.Sprintf("The file %q has "+
			"SHA-256 %s, not the configured %s. Check source, or set source_sha256 to the new file's digest.",
			name, sum, want))
		return "", false
	}
	return sum, true
}

// readAlertSound reads a recording and checks what the panel takes: a WAV
// file (RIFF/WAVE header) of at most 1 MiB. detail says what is wrong.
func readAlertSound(name string) (data []byte, sum, detail string) {
	f, size, detail := openLocalFile(name, "alert sound file", "source")
	if detail != "" {
		return nil, "", detail
	}
	defer f.Close()
	if size > client.MaxAlertSound {
		return nil, "", fmt.Sprintf("The alert sound file %q has %d bytes; the panel takes recordings of at most "+
			"1 MiB (%d bytes).", name, size, client.MaxAlertSound)
	}
	data, err := io.ReadAll(io.LimitReader(f, client.MaxAlertSound+1))
	switch {
	case err != nil:
		return nil, "", fmt.Sprintf("The alert sound file %q cannot be read: %s.", name, err)
	case len(data) > client.MaxAlertSound:
		return nil, "", fmt.Sprintf("The alert sound file %q grew past 1 MiB while it was read.", name)
	case len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WAVE":
		return nil, "", fmt.Sprintf("The alert sound file %q is not a WAV file: it does not begin with a "+
			"RIFF/WAVE header. The panel takes WAV files, ideally PCM 16-bit mono 16 kHz.", name)
	}
	digest := sha256.Sum256(data)
	return data, hex.EncodeToString(digest[:]), ""
}
