package provider

import (
	"context"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// sensitiveRefusals is, for every sensitive attribute that has a
// validator, a configuration that gives it a value the validator refuses,
// through var.secret, the value, and what the error must name.
var sensitiveRefusals = map[string]struct{ config, value, names string }{
	"intercom_service_codes.open_door_code":   {`resource "intercom_service_codes" "x" { open_door_code = var.secret }`, "31a59", "open_door_code"},
	"intercom_service_codes.auto_enroll_code": {`resource "intercom_service_codes" "x" { auto_enroll_code = var.secret }`, "31b59", "auto_enroll_code"},
	"intercom_service_codes.test_menu_code":   {`resource "intercom_service_codes" "x" { test_menu_code = var.secret }`, "31c59", "test_menu_code"},
	"intercom_service_codes.keep_open_code":   {`resource "intercom_service_codes" "x" { keep_open_code = var.secret }`, "31d59", "keep_open_code"},
	"intercom_dtmf.open_door_code":            {`resource "intercom_dtmf" "x" { open_door_code = var.secret }`, "31e59", "open_door_code"},
	"intercom_access_codes.codes.code":        {`resource "intercom_access_codes" "x" { codes = { a = { code = var.secret } } }`, "98765432", `codes["a"].code`},
	// Both: the conflict must not tell either value.
	"intercom_sip_config.password": {`resource "intercom_sip_config" "x" {
  user                = "u"
  domain              = "sip.example.net"
  password            = var.secret
  password_wo         = var.secret
  password_wo_version = 1
}`, "Pw-s3cret-4412", "password"},
	// Without password_wo_version: the error must not tell the value.
	"intercom_sip_config.password_wo": {`resource "intercom_sip_config" "x" {
  user        = "u"
  domain      = "sip.example.net"
  password_wo = var.secret
}`, "Wo-s3cret-7781", "password_wo"},
}

// Every sensitive attribute with a validator, fed a value it refuses,
// through the real CLI: the error names the attribute and the rule, and
// the value is in neither the CLI's output nor the TRACE log of the CLI
// and the provider. Validators of sensitive attributes are wrapped by the
// engine (secretSafe), so this holds for any validator a spec adds.
func TestAccSensitiveValuesNotInErrors(t *testing.T) {
	logPath := traceLog(t)
	fleet := startFleet(t)
	for _, name := range sensitiveValidated() {
		if _, ok := sensitiveRefusals[name]; !ok {
			t.Errorf("%s is sensitive and validated, but sensitiveRefusals has no case for it", name)
		}
	}
	names := make([]string, 0, len(sensitiveRefusals))
	for name := range sensitiveRefusals {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		tc := sensitiveRefusals[name]
		cli := newCLIRun(t)
		// As secrets are written: from a sensitive variable, so that the
		// source line Terraform quotes shows var.secret, not the value.
		cli.env = append(cli.env, "TF_VAR_secret="+tc.value)
		cli.write("main.tf", cliRequired+providerConfig(fleet.URL)+"variable \"secret\" {\n  sensitive = true\n}\n"+tc.config)
		cli.run("init")
		out := cli.runFail("plan")
		if strings.Contains(out, tc.value) {
			t.Errorf("%s: the plan printed the refused value:\n%s", name, out)
		}
		if !strings.Contains(regexp.MustCompile(`\s+`).ReplaceAllString(out, " "), tc.names) {
			t.Errorf("%s: the error does not name %s:\n%s", name, tc.names, out)
		}
	}
	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) == 0 {
		t.Fatal("the TRACE log is empty")
	}
	for _, name := range names {
		if strings.Contains(string(log), sensitiveRefusals[name].value) {
			t.Errorf("%s: the TRACE log holds the refused value", name)
		}
	}
}

// sensitiveValidated names every sensitive resource attribute, nested
// ones too, that has a validator.
func sensitiveValidated() []string {
	var out []string
	p := New("test")()
	for _, newResource := range p.Resources(context.Background()) {
		r := newResource()
		meta := resource.MetadataResponse{}
		r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "intercom"}, &meta)
		s := resource.SchemaResponse{}
		r.Schema(context.Background(), resource.SchemaRequest{}, &s)
		for name, a := range s.Schema.Attributes {
			if m, ok := a.(schema.MapNestedAttribute); ok {
				for iname, ia := range m.NestedObject.Attributes {
					if validatedSecret(ia) {
						out = append(out, meta.TypeName+"."+name+"."+iname)
					}
				}
			}
			if validatedSecret(a) {
				out = append(out, meta.TypeName+"."+name)
			}
		}
	}
	return out
}

func validatedSecret(a schema.Attribute) bool {
	s, ok := a.(schema.StringAttribute)
	return ok && s.Sensitive && len(s.Validators) > 0
}
