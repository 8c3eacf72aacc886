package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// Codes distinctive enough that a match is never a coincidence.
const (
	testCodeA = "804217"
	testCodeB = "613592"
	testCodeC = "047381"
)

func codesConfig(url string, codes ...string) string {
	body := ""
	for i, c := range codes {
		body += `    "door-` + string(rune('a'+i)) + `" = { code = "` + c + `", apartment = 7 }` + "\n"
	}
	return providerConfig(url, "max_retries = 0") + "resource \"intercom_access_codes\" \"test\" {\n  codes = {\n" + body + "  }\n}\n"
}

// No code reaches a provider log line at TRACE, through a create, a change
// of digits (a DELETE whose path is the code) and a removal.
func TestAccAccessCodes_codesNotLogged(t *testing.T) {
	fleet := startFleet(t)
	log := traceLog(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: codesConfig(fleet.URL, testCodeA, testCodeB)},
			{Config: codesConfig(fleet.URL, testCodeC, testCodeB)},
			{Config: codesConfig(fleet.URL, testCodeC)},
		},
	})
	raw, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	lines := providerEntries(string(raw))
	if len(lines) < 100 || !strings.Contains(strings.Join(lines, "\n"), "DELETE intercom/codes/(code)") {
		t.Fatalf("the trace log (%d provider lines) lacks the DELETE of a code; the check would prove nothing", len(lines))
	}
	for _, line := range lines {
		// The time stamp in front may hold any digits.
		_, text, _ := strings.Cut(line, "] ")
		for _, code := range []string{testCodeA, testCodeB, testCodeC} {
			if strings.Contains(text, code) {
				t.Errorf("a code reached the provider log: %.300s", strings.ReplaceAll(text, code, "<CODE>"))
			}
		}
	}
}

// Neither the plan a reviewer reads nor an error that quotes the request
// shows a code.
func TestAccAccessCodes_codesNotShown(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cli := newCLIRun(t)
	cli.write("main.tf", cliRequired+codesConfig(fleet.URL, testCodeA, testCodeB))
	cli.run("init")
	cli.run("apply", "-auto-approve")
	cli.write("main.tf", cliRequired+codesConfig(fleet.URL, testCodeC, testCodeB))
	plan := cli.run("plan")
	fleet.Panel("").Inject(fakepanel.Fault{Method: "POST", Path: fakepanel.CodesPath, Status: 400, EchoBody: true})
	failed := cli.runFail("apply", "-auto-approve")
	for name, out := range map[string]string{"plan": plan, "failed apply": failed} {
		for _, code := range []string{testCodeA, testCodeB, testCodeC} {
			if strings.Contains(out, code) {
				t.Errorf("the %s output shows a code:\n%s", name, strings.ReplaceAll(out, code, "<CODE>"))
			}
		}
	}
	if !strings.Contains(plan, `"door-a"`) || !strings.Contains(failed, "HTTP 400") {
		t.Errorf("the outputs do not show what the test looks at:\n%s\n%s", plan, failed)
	}
}
