package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// plan -generate-config-out writes a block for a panel already in the
// field that, once its password is filled in, plans as a pure import.
func TestAccSIPConfigResource_generateConfig(t *testing.T) {
	t.Parallel()
	cli := newCLIRun(t)
	fleet := startFleet(t)
	fleet.Panel("/panels/9").SetConfig(installed)
	address := fleet.URL + "/panels/9"
	cli.write("main.tf", fmt.Sprintf(`
terraform {
  required_providers {
    intercom = { source = "domofon/intercom" }
  }
}

provider "intercom" {
  username = %[2]q
  password = %[3]q
}

import {
  to = intercom_sip_config.adopted
  id = %[1]q
}
`, address, testAdminUser, testAdminPassword))
	cli.run("init")
	cli.run("plan", "-generate-config-out=generated.tf")

	generated := cli.read("generated.tf")
	for _, want := range []string{`user\s*=\s*"7049a52d1dea"`, `domain\s*=\s*"27167.kazoo.example"`, `port\s*=\s*5080`,
		`protocol\s*=\s*"tcp"`, `address\s*=\s*"` + regexp.QuoteMeta(address) + `"`} {
		if !regexp.MustCompile(want).MatchString(generated) {
			t.Errorf("generated config lacks %s:\n%s", want, generated)
		}
	}
	if strings.Contains(generated, testSIPPassword) {
		t.Fatalf("generated config holds the SIP password in clear:\n%s", generated)
	}
	// The generated block names the sensitive password as null; the
	// operator fills it in.
	password := regexp.MustCompile(`(?m)^(\s*password\s*=\s*)null.*$`)
	if !password.MatchString(generated) {
		t.Fatalf("generated config has no `password = null` line to fill in:\n%s", generated)
	}
	cli.write("generated.tf", password.ReplaceAllString(generated, `${1}"`+testSIPPassword+`"`))

	t.Logf("generated configuration:\n%s", generated)
	actions := cli.planActions()
	t.Logf("plan actions: %v", actions)
	if got := strings.Join(actions["intercom_sip_config.adopted"], ","); got != "no-op" {
		t.Errorf("after filling in the password the plan does %q, want a pure import (no-op)\n%s", got, cli.read("generated.tf"))
	}
	if n := fleet.Requests("POST"); n != 0 {
		t.Errorf("generating config wrote to the panel %d times", n)
	}
}
