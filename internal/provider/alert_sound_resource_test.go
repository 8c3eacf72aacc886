package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

const alertSoundPath = "emergency_alert/upload/1"

// writeFile writes data to name in dir and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func sha256Of(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func TestReadAlertSound(t *testing.T) {
	dir := t.TempDir()
	good := wavFile(100)
	for name, tc := range map[string]struct {
		path, want string
	}{
		"missing":   {filepath.Join(dir, "missing.wav"), "cannot be read"},
		"directory": {dir, "not a regular file"},
		"empty":     {writeFile(t, dir, "empty.wav", nil), "is empty"},
		"too large": {writeFile(t, dir, "big.wav", wavFile(client.MaxAlertSound+1)), "at most 1 MiB (1048576 bytes)"},
		"not WAV":   {writeFile(t, dir, "a.mp3", []byte("ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00")), "not a WAV file"},
		"RIFF AVI":  {writeFile(t, dir, "a.avi", []byte("RIFF\x00\x00\x00\x00AVI LIST")), "not a WAV file"},
		"1 MiB":     {writeFile(t, dir, "max.wav", wavFile(client.MaxAlertSound)), ""},
		"good":      {writeFile(t, dir, "good.wav", good), ""},
	} {
		data, sum, detail := readAlertSound(tc.path)
		switch {
		case tc.want == "" && detail != "":
			t.Errorf("%s: %s", name, detail)
		case tc.want != "" && !strings.Contains(detail, tc.want):
			t.Errorf("%s: detail %q, want %q", name, detail, tc.want)
		case tc.want == "" && sum != sha256Of(data):
			t.Errorf("%s: sum %s of %d bytes", name, sum, len(data))
		}
	}
}

// A file that changed after the plan is not uploaded.
func TestAlertSoundUploadRefusesChangedFile(t *testing.T) {
	fleet := startFleet(t)
	c, _ := client.New(fleet.URL, testAdminUser, testAdminPassword)
	r := &alertSoundResource{panels: &providerData{client: c}}
	plan := alertSoundResourceModel{ID: types.StringValue(fleet.URL),
		Source:       types.StringValue(writeFile(t, t.TempDir(), "a.wav", wavFile(64))),
		SourceSHA256: types.StringValue(strings.Repeat("0", 64))}
	var diags diag.Diagnostics
	if r.upload(context.Background(), &plan, &diags) || !diags.HasError() || diags[0].Summary() != "Alert Sound File Changed" {
		t.Fatalf("diagnostics: %v", diags)
	}
	if n := fleet.Panel("").RequestsTo("POST", alertSoundPath); n != 0 {
		t.Errorf("%d uploads", n)
	}
}

func alertSoundConfig(url, source string, extra ...string) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "intercom_alert_sound" "p" {
  source = %q
  %s
}
`, source, strings.Join(extra, "\n  "))
}

// panelSound checks the recording the panel holds: want's digest, or none.
func panelSound(panel *fakepanel.Panel, want []byte) resource.TestCheckFunc {
	return func(*terraform.State) error {
		sha, _, ok := panel.AlertSound()
		switch {
		case want == nil && ok:
			return fmt.Errorf("the panel still holds a recording (%s)", sha)
		case want != nil && sha != sha256Of(want):
			return fmt.Errorf("the panel holds %q (uploaded %v), want %s", sha, ok, sha256Of(want))
		}
		return nil
	}
}

// Create uploads; a new file under the same name is a planned update that
// uploads it; destroy deletes the recording.
func TestAccAlertSoundResource_lifecycle(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	dir := t.TempDir()
	first, second := wavFile(2000), append(wavFile(3000), 'x')
	source := writeFile(t, dir, "alert.wav", first)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             panelSound(panel, nil),
		Steps: []resource.TestStep{
			{
				Config: alertSoundConfig(fleet.URL, source),
				Check: resource.ComposeTestCheckFunc(panelSound(panel, first),
					resource.TestCheckResourceAttr("intercom_alert_sound.p", "source_sha256", sha256Of(first)),
					resource.TestCheckResourceAttr("intercom_alert_sound.p", "id", fleet.URL)),
			},
			{
				PreConfig: func() { writeFile(t, dir, "alert.wav", second) },
				Config:    alertSoundConfig(fleet.URL, source),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("intercom_alert_sound.p", plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue("intercom_alert_sound.p", tfjsonpath.New("source_sha256"),
						knownvalue.StringExact(sha256Of(second))),
				}},
				Check: panelSound(panel, second),
			},
			{
				// The same content under another name uploads nothing.
				PreConfig: func() { writeFile(t, dir, "renamed.wav", second) },
				Config:    alertSoundConfig(fleet.URL, filepath.Join(dir, "renamed.wav")),
				Check: func(*terraform.State) error {
					if n := panel.RequestsTo("POST", alertSoundPath); n != 2 {
						return fmt.Errorf("%d uploads, want 2", n)
					}
					return nil
				},
			},
		},
	})
}

// Files the panel would refuse are refused at plan, and a configured
// digest must match the file; nothing is uploaded.
func TestAccAlertSoundResource_invalid(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	dir := t.TempDir()
	mp3 := writeFile(t, dir, "alert.mp3", []byte("ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	big := writeFile(t, dir, "big.wav", wavFile(client.MaxAlertSound+1))
	good := writeFile(t, dir, "good.wav", wavFile(100))
	step := func(cfg, want string) resource.TestStep {
		return resource.TestStep{Config: cfg, PlanOnly: true, ExpectError: wrapped(want)}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(alertSoundConfig(fleet.URL, mp3), `Invalid Alert Sound File.*is not a WAV file`),
			step(alertSoundConfig(fleet.URL, filepath.Join(dir, "missing.wav")), `Invalid Alert Sound File.*cannot be read`),
			step(alertSoundConfig(fleet.URL, big), `has 1048577 bytes; the panel takes recordings of at most 1 MiB`),
			step(alertSoundConfig(fleet.URL, good, `source_sha256 = "`+strings.Repeat("a", 64)+`"`),
				`Alert Sound Checksum Mismatch`),
		},
	})
	if n := fleet.Panel("").Requests("POST"); n != 0 {
		t.Errorf("%d POSTs", n)
	}
}

// A recording deleted at the panel cannot be seen by a refresh (the plan
// stays empty, as the docs say), and destroy takes the 404 as done.
func TestAccAlertSoundResource_deletedAtPanel(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	source := writeFile(t, t.TempDir(), "alert.wav", wavFile(500))
	c, _ := client.New(fleet.URL, testAdminUser, testAdminPassword)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := panel.RequestsTo("DELETE", alertSoundPath); n != 2 {
				return fmt.Errorf("%d DELETEs, want 2 (the panel's and destroy's)", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: alertSoundConfig(fleet.URL, source)},
			{
				PreConfig: func() {
					if err := c.DeleteAlertSound(context.Background()); err != nil {
						t.Fatal(err)
					}
				},
				Config:   alertSoundConfig(fleet.URL, source),
				PlanOnly: true,
			},
		},
	})
}

// A failed upload is not sent again.
func TestAccAlertSoundResource_uploadNotRetried(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.Inject(fakepanel.Fault{Method: "POST", Path: alertSoundPath, Status: 503, Times: 1})
	source := writeFile(t, t.TempDir(), "alert.wav", wavFile(500))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      alertSoundConfig(fleet.URL, source),
			ExpectError: wrapped(`Error Uploading Alert Sound.*sent once and never retried`),
		}},
	})
	if n := panel.RequestsTo("POST", alertSoundPath); n != 1 {
		t.Errorf("the file was sent %d times, want 1", n)
	}
}

// A file changed between a saved plan and its apply is never uploaded:
// the apply stops (Terraform reports the digest as an inconsistent final
// plan), and the panel gets nothing.
func TestAccAlertSoundResource_changedAfterPlan(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	dir := t.TempDir()
	source := writeFile(t, dir, "alert.wav", wavFile(400))
	cli := newCLIRun(t)
	cli.write("main.tf", cliRequired+alertSoundConfig(fleet.URL, source))
	cli.run("init")
	cli.run("plan", "-out=tfplan")
	writeFile(t, dir, "alert.wav", wavFile(500))
	out := cli.runFail("apply", "tfplan")
	if !strings.Contains(out, "source_sha256") {
		t.Errorf("the error does not name source_sha256:\n%s", out)
	}
	if n := fleet.Panel("").RequestsTo("POST", alertSoundPath); n != 0 {
		t.Errorf("%d uploads of a file the plan did not see", n)
	}
}

// A file gone from the machine that runs Terraform plans no change (with a
// warning), and destroy still deletes the recording.
func TestAccAlertSoundResource_fileGone(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	source := writeFile(t, t.TempDir(), "alert.wav", wavFile(500))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             panelSound(panel, nil),
		Steps: []resource.TestStep{
			{Config: alertSoundConfig(fleet.URL, source)},
			{
				PreConfig: func() {
					if err := os.Remove(source); err != nil {
						t.Fatal(err)
					}
				},
				Config:   alertSoundConfig(fleet.URL, source),
				PlanOnly: true,
			},
		},
	})
}
