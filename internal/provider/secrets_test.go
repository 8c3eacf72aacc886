package provider

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// providerLine matches the log lines of the provider and of the SDK it
// runs in: "[DEBUG] intercom: ...", "[TRACE] sdk.framework: ...".
var providerLine = regexp.MustCompile(`\[(TRACE|DEBUG|INFO|WARN|ERROR)\] (intercom|sdk\.[a-z.]+|provider[a-zA-Z0-9._-]*): `)

// traceLog turns on TRACE logging for the rest of the test and returns the
// file the in-process provider writes its log lines to.
func traceLog(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "trace")
	t.Setenv("TF_LOG_PATH", path)
	return path
}

// assertNotLogged fails the test if any provider log line holds a secret,
// or if the log shows no sign of the provider's own debug lines (then the
// check would prove nothing).
func assertNotLogged(t *testing.T, path string, secrets ...string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	var provider []string
	for _, line := range strings.Split(string(raw), "\n") {
		if providerLine.MatchString(line) {
			provider = append(provider, line)
		}
	}
	joined := strings.Join(provider, "\n")
	if !strings.Contains(joined, "panel request") || !strings.Contains(joined, "sdk.framework") {
		t.Fatalf("the trace log (%d provider lines) lacks the provider's request lines; the check would prove nothing", len(provider))
	}
	for _, s := range secrets {
		for _, line := range provider {
			if strings.Contains(line, s) {
				t.Errorf("a secret reached the provider log: %.200s", strings.ReplaceAll(line, s, "<SECRET>"))
				break
			}
		}
	}
	t.Logf("checked %d provider log lines for %d secrets", len(provider), len(secrets))
}

// diagnosticsHide fails a step whose error text holds a secret, and
// otherwise passes the error on for ExpectError to match.
func diagnosticsHide(secrets ...string) resource.ErrorCheckFunc {
	return func(err error) error {
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				return fmt.Errorf("a diagnostic reveals a secret: %s", strings.ReplaceAll(err.Error(), s, "<SECRET>"))
			}
		}
		return err
	}
}

func basicAuth(user, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
}

// The whole life of a resource at TRACE level, failures included, leaves
// neither the admin password nor the SIP password in any provider log line
// or diagnostic.
func TestAccSIPConfigResource_secretsNotLogged(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	wrongAdmin := "wrong-" + testAdminPassword
	secrets := []string{testAdminPassword, testSIPPassword, wrongAdmin,
		basicAuth(testAdminUser, testAdminPassword), basicAuth(testAdminUser, wrongAdmin)}
	log := traceLog(t)
	cfg := providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `password = "`+testSIPPassword+`"`, `domain = "sip.example"`)
	badCreds := strings.Replace(cfg, `"`+testAdminPassword+`"`, `"`+wrongAdmin+`"`, 1)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck:               diagnosticsHide(secrets...),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					c := panel.Config()
					c.Domain = "drifted.example"
					panel.SetConfig(c)
				},
				Config: cfg,
			},
			{ResourceName: testResource, ImportState: true, ImportStateId: fleet.URL, ImportStateVerify: true},
			{Config: badCreds, PlanOnly: true, ExpectError: wrapped(`HTTP 401`)},
			{
				PreConfig:   func() { panel.Inject(faultRejectAll) },
				Config:      strings.Replace(cfg, `"alice"`, `"bob"`, 1),
				ExpectError: wrapped(`Error Writing SIP Config.*HTTP 400`),
			},
		},
	})
	assertNotLogged(t, log, secrets...)
}

// The same for password_wo, on engines that have write-only attributes.
func TestAccSIPConfigResource_writeOnlySecretNotLogged(t *testing.T) {
	fleet := startFleet(t)
	log := traceLog(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck:               diagnosticsHide(testWOPassword, testAdminPassword),
		Steps: []resource.TestStep{
			{Config: writeOnlyConfig(fleet.URL, testWOPassword, 1)},
			{Config: writeOnlyConfig(fleet.URL, testWOPassword, 1, `port = 5070`)},
		},
	})
	assertNotLogged(t, log, testWOPassword, testAdminPassword)
}
