package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// Credentials the emulator demands. They are distinctive so the secret
// leak checks can search for them.
const (
	testAdminUser     = "admin"
	testAdminPassword = "adm1n-Pw-7f3e9c"
	testSIPPassword   = "s1p-Pw-4b8d2a"
)

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"intercom": func() (tfprotov6.ProviderServer, error) { return NewProtocol6Server("test")(), nil },
}

func TestMain(m *testing.M) {
	clearProviderEnv()
	if os.Getenv("TF_ACC") != "" {
		if err := prepareCLI(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// prepareCLI gives Terraform an empty CLI configuration of its own (a
// missing TF_CLI_CONFIG_FILE makes tofu print a warning that breaks
// version parsing) and refuses to let terraform-plugin-testing download a
// CLI, which cannot work offline.
func prepareCLI() error {
	dir, err := os.MkdirTemp("", "intercom-acc-")
	if err != nil {
		return err
	}
	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, nil, 0o600); err != nil {
		return err
	}
	os.Setenv("TF_CLI_CONFIG_FILE", rc)
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if _, err := exec.LookPath("terraform"); err != nil {
			return fmt.Errorf("acceptance tests need a Terraform CLI and will not download one: " +
				"run `make testacc`, which builds one into .cache, or set TF_ACC_TERRAFORM_PATH")
		}
	}
	return nil
}

// wrapped matches an error message however Terraform wraps its lines: each
// space in pattern matches any run of white space, and . matches newlines.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(pattern, " ", `\s+`))
}

// testAccPreCheck runs before each acceptance test. The provider's
// environment variables are cleared once, in TestMain, so that tests can
// run in parallel; a test that needs one sets it with t.Setenv and stays
// serial.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if _, err := exec.LookPath("terraform"); err != nil {
			t.Fatal("no Terraform CLI: run make testacc, or set TF_ACC_TERRAFORM_PATH")
		}
	}
}

// clearProviderEnv keeps the developer's INTERCOM_* settings out of the
// tests, which configure the provider themselves.
func clearProviderEnv() {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "INTERCOM_") {
			os.Unsetenv(name)
		}
	}
}

// testFleet is the emulator serving panels for one test.
type testFleet struct {
	*fakepanel.Server
	URL string
}

func startFleet(t *testing.T) *testFleet {
	t.Helper()
	srv := fakepanel.New()
	srv.SetCredentials(testAdminUser, testAdminPassword)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &testFleet{Server: srv, URL: hs.URL}
}

// providerConfig is a provider block for the panel at address, with any
// extra attribute lines.
func providerConfig(address string, extra ...string) string {
	return fmt.Sprintf(`
provider "intercom" {
  address  = %[1]q
  username = %[2]q
  password = %[3]q
  %[4]s
}
`, address, testAdminUser, testAdminPassword, strings.Join(extra, "\n  "))
}

// sipConfig is a resource block named test with the given body lines.
func sipConfig(body ...string) string {
	return fmt.Sprintf(`
resource "intercom_sip_config" "test" {
  %s
}
`, strings.Join(body, "\n  "))
}

func TestAccProvider_invalidSettings(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	res := sipConfig(`user = "alice"`, `domain = "sip.example"`)
	cases := map[string]struct {
		provider string
		want     string
	}{
		"address":                 {providerConfig("ftp://10.0.0.5"), `Invalid Panel Address.*scheme must be http or https`},
		"request_timeout":         {providerConfig(fleet.URL, `request_timeout = "soon"`), `request_timeout.*not a Go duration`},
		"max_retries":             {providerConfig(fleet.URL, `max_retries = -1`), `max_retries must be a whole number between 0 and 1000, not -1`},
		"max_retries fraction":    {providerConfig(fleet.URL, `max_retries = 2.5`), `max_retries must be a whole number between 0 and 1000, not 2.5`},
		"max_concurrent_requests": {providerConfig(fleet.URL, `max_concurrent_requests = 0`), `max_concurrent_requests must be a whole number between 1 and 1000, not 0`},
		"ca_cert_pem":             {providerConfig(fleet.URL, `ca_cert_pem = "not a cert"`), `ca_cert_pem.*no PEM block`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.provider + res,
					PlanOnly:    true,
					ExpectError: wrapped(tc.want),
				}},
			})
		})
	}
	if n := fleet.Requests("GET") + fleet.Requests("POST"); n != 0 {
		t.Errorf("an invalid provider configuration reached the panel %d times", n)
	}
}

func TestAccProvider_invalidEnvironment(t *testing.T) {
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			t.Setenv("INTERCOM_MAX_RETRIES", "many")
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `domain = "sip.example"`),
			PlanOnly:    true,
			ExpectError: wrapped(`INTERCOM_MAX_RETRIES.*"many" is not a whole number`),
		}},
	})
}

func TestAccProvider_retriesTooLarge(t *testing.T) {
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			t.Setenv("INTERCOM_MAX_RETRIES", "99999999999")
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerConfig(fleet.URL) + sipConfig(`user = "alice"`, `domain = "sip.example"`),
			PlanOnly:    true,
			ExpectError: wrapped(`INTERCOM_MAX_RETRIES.*"99999999999" is too large; use 0 to 1000`),
		}},
	})
}

func TestAccProvider_settingsFromEnvironment(t *testing.T) {
	fleet := startFleet(t)
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			t.Setenv("INTERCOM_ADDRESS", fleet.URL)
			t.Setenv("INTERCOM_USERNAME", testAdminUser)
			t.Setenv("INTERCOM_PASSWORD", testAdminPassword)
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "intercom" {}` + sipConfig(`user = "env"`, `domain = "sip.example"`),
			Check: func(*terraform.State) error {
				if got := fleet.Panel("").Config().User; got != "env" {
					return fmt.Errorf("panel user = %q, want env", got)
				}
				return nil
			},
		}},
	})
}

// expectRefusedAtPlan plans each configuration, which must fail with the
// error given for it, and checks that none of them sent the panel a
// request.
func expectRefusedAtPlan(t *testing.T, fleet *testFleet, refused map[string]string) {
	t.Helper()
	var steps []resource.TestStep
	for config, want := range refused {
		steps = append(steps, resource.TestStep{Config: config, PlanOnly: true, ExpectError: wrapped(want)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	if n := fleet.Requests("GET") + fleet.Requests("POST") + fleet.Requests("DELETE"); n != 0 {
		t.Errorf("invalid configurations reached the panel %d times", n)
	}
}
