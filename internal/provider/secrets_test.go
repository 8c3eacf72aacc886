package provider

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
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

// logEntry starts each entry of the log; the lines after it, up to the
// next, are the entry's multi-line values, each line prefixed "  | ".
var logEntry = regexp.MustCompile(`^\d{4}-\d\d-\d\dT`)

// providerEntries returns the provider's log entries, each with its
// multi-line values put back together, so that a secret split across
// lines, or in a diagnostic detail, is still found.
func providerEntries(log string) []string {
	var entries []string
	keep := false
	for _, line := range strings.Split(log, "\n") {
		switch {
		case logEntry.MatchString(line):
			keep = providerLine.MatchString(line)
			if keep {
				entries = append(entries, line)
			}
		case keep:
			entries[len(entries)-1] += "\n" + strings.TrimPrefix(strings.TrimPrefix(line, "  "), "| ")
		}
	}
	return entries
}

// hclogSpellings are the ways hclog may print s in a field value: as is
// on a line of a multi-line value, or escaped in a quoted one.
func hclogSpellings(s string) []string {
	var quoted, bare strings.Builder
	for _, r := range s {
		switch {
		case r == '"':
			quoted.WriteString(`\"`)
			bare.WriteRune(r)
		case unicode.IsPrint(r):
			quoted.WriteRune(r)
			bare.WriteRune(r)
		default:
			e := strings.Trim(strconv.QuoteRune(r), "'")
			quoted.WriteString(e)
			bare.WriteString(e)
		}
	}
	return []string{s, quoted.String(), bare.String()}
}

// assertNotLogged fails the test if any provider log entry holds a secret,
// as written or as hclog escapes it, or if the log shows no sign of the
// provider's own debug lines (then the check would prove nothing).
func assertNotLogged(t *testing.T, path string, secrets ...string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	provider := providerEntries(string(raw))
	joined := strings.Join(provider, "\n")
	if !strings.Contains(joined, "panel request") || !strings.Contains(joined, "sdk.framework") {
		t.Fatalf("the trace log (%d provider lines) lacks the provider's request lines; the check would prove nothing", len(provider))
	}
	for _, secret := range secrets {
	next:
		for _, s := range hclogSpellings(secret) {
			for _, line := range provider {
				if strings.Contains(line, s) {
					t.Errorf("a secret reached the provider log: %.300s", strings.ReplaceAll(line, s, "<SECRET>"))
					break next
				}
			}
		}
	}
	t.Logf("checked %d provider log lines for %d secrets", len(provider), len(secrets))
}

// diagnosticsHide fails a step whose error text holds a secret, and
// otherwise passes the error on. Terraform's testing calls it only for
// steps without ExpectError; the diagnostics of the others are checked in
// the log, where sdk.proto writes each one ("Response contains error
// diagnostic").
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

// oddSIPPassword has every character that JSON, HTML-safe JSON and URLs
// spell differently.
const oddSIPPassword = "Qu\"ote<&>\\back\n"

// jsonString is s as encoding/json writes it in a request body, without
// the quotes.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// allForms is every spelling of each secret, the Basic-auth header of the
// admin passwords included.
func allForms(sip string, admin ...string) []string {
	forms := client.SecretForms(sip)
	for _, a := range admin {
		forms = append(forms, client.SecretForms(a, testAdminUser)...)
	}
	return forms
}

// The whole life of a resource at TRACE level, failures included, leaves
// neither the admin password nor the SIP password, in any spelling, in any
// provider log line or diagnostic, even when the panel quotes the request.
func TestAccSIPConfigResource_secretsNotLogged(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	wrongAdmin := "wrong-" + testAdminPassword
	secrets := allForms(oddSIPPassword, testAdminPassword, wrongAdmin)
	log := traceLog(t)
	cfg := providerConfig(fleet.URL) + sipConfig(`user = "alice"`, fmt.Sprintf("password = %q", oddSIPPassword), `domain = "sip.example"`)
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
				// The panel quotes the body it was sent, password and all.
				PreConfig:   func() { panel.Inject(fakepanel.Fault{Method: "POST", Times: 1, Status: 400, EchoBody: true}) },
				Config:      strings.Replace(cfg, `"alice"`, `"bob"`, 1),
				ExpectError: wrapped(`Error Writing SIP Config.*HTTP 400: Bad Request \(the panel's own text is left out`),
			},
			{
				PreConfig: func() {
					panel.Inject(fakepanel.Fault{Method: "POST", Times: 1, Status: 500, EchoBody: true,
						Message: "[json.exception.parse_error.101] parse error"})
				},
				Config:      strings.Replace(cfg, `"alice"`, `"carol"`, 1),
				ExpectError: wrapped(`Error Writing SIP Config.*HTTP 500: Internal Server Error \(the panel's own text is left out`),
			},
			{
				// A quote without the word "password", as the body was sent.
				PreConfig: func() {
					panel.Inject(fakepanel.Fault{Method: "POST", Times: 1, Status: 400,
						Message: "Wrong parameters: last read: '" + jsonString(oddSIPPassword) + "'"})
				},
				Config:      strings.Replace(cfg, `"alice"`, `"dave"`, 1),
				ExpectError: wrapped(`Error Writing SIP Config.*HTTP 400: Bad Request \(the panel's own text is left out`),
			},
			{
				// The same in a 503, whose error goes to the retry log line.
				PreConfig: func() {
					panel.Inject(fakepanel.Fault{Method: "POST", Times: 1, Status: 503,
						Message: "busy; last read: '" + url.QueryEscape(oddSIPPassword) + "'"})
				},
				Config: strings.Replace(cfg, `"alice"`, `"erin"`, 1),
			},
		},
	})
	assertNotLogged(t, log, secrets...)
	raw, err := os.ReadFile(log)
	if err != nil || !strings.Contains(string(raw), "retrying panel request") {
		t.Fatalf("no retry was logged (%v), so the 503's quote never reached a log line", err)
	}
	if !strings.Contains(string(raw), "Response contains error diagnostic") {
		t.Fatal("no diagnostic was logged, so the expected errors were never checked")
	}
}

// The same for password_wo, on engines that have write-only attributes.
func TestAccSIPConfigResource_writeOnlySecretNotLogged(t *testing.T) {
	fleet := startFleet(t)
	log := traceLog(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck:               diagnosticsHide(allForms(testWOPassword, testAdminPassword)...),
		Steps: []resource.TestStep{
			{Config: writeOnlyConfig(fleet.URL, testWOPassword, 1)},
			{Config: writeOnlyConfig(fleet.URL, testWOPassword, 1, `port = 5070`)},
		},
	})
	assertNotLogged(t, log, allForms(testWOPassword, testAdminPassword)...)
}

func TestRedact(t *testing.T) {
	var text strings.Builder
	for _, f := range client.SecretForms(oddSIPPassword) {
		text.WriteString("quoted '" + f + "'; ")
	}
	got := redact(text.String(), oddSIPPassword)
	for _, f := range client.SecretForms(oddSIPPassword) {
		if strings.Contains(got, f) {
			t.Errorf("redact left %q in %q", f, got)
		}
	}
	// A short secret is never replaced: it would wreck the text and tell
	// the secret by where the marks land.
	const address = "panel http://127.0.0.1:18081: POST intercom/sip/config: HTTP 400: Bad Request"
	if got := redact(address, "0", "1"); got != address {
		t.Errorf("redact with a short secret = %q, want the text unchanged", got)
	}
	if ctx := t.Context(); maskSecrets(ctx, "0", "") != ctx {
		t.Error("maskSecrets masks a short secret")
	}
}
