package provider

import (
	"strings"
	"testing"
)

// Start an alert on a flat's handset, then stop it, as Terraform prints it.
func TestAccAlertAction_startStop(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cli := actionCLI(t, fleet.URL, `
action "intercom_emergency_alert" "start" {
  config {
    alert_type = "flat"
    flat       = 7
    timeout    = 0
  }
}

action "intercom_emergency_alert" "stop" {
  config {
    stop = true
  }
}
`)
	out := cli.run("apply", "-invoke=action.intercom_emergency_alert.start", "-auto-approve")
	t.Logf("terraform printed:\n%s", out)
	if a := panel.Alert(); !a.Playing || a.Type != "flat" || a.Flat != 7 || !strings.Contains(out, "the keypad is disabled") {
		t.Errorf("the panel plays %+v:\n%s", a, out)
	}
	out = cli.run("apply", "-invoke=action.intercom_emergency_alert.stop", "-auto-approve")
	t.Logf("terraform printed:\n%s", out)
	if panel.Alert().Playing || !strings.Contains(out, "no alert plays") {
		t.Errorf("the alert still plays:\n%s", out)
	}
}

// stop conflicts with the start attributes, and a flat alert needs its
// flat: both are refused before anything is sent.
func TestAccAlertAction_invalid(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	cli := actionCLI(t, fleet.URL, `
action "intercom_emergency_alert" "both" {
  config {
    stop       = true
    alert_type = "speaker"
  }
}

action "intercom_emergency_alert" "noflat" {
  config {
    alert_type = "flat"
    timeout    = 10
  }
}

action "intercom_emergency_alert" "fraction" {
  config {
    alert_type = "flat"
    flat       = 10000
    timeout    = 2.5
  }
}
`)
	out := strings.Join(strings.Fields(cli.runFail("validate")), " ")
	for _, want := range []string{`Attribute "stop" cannot be specified when "alert_type" is specified`, "Missing Alert Flat",
		"timeout must be a whole number between 0 and 2147483647, not 2.5",
		"flat must be a whole number between 1 and 9999, not 10000: it is out of range"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if n := fleet.Panel("").Requests("POST"); n != 0 {
		t.Errorf("%d POSTs", n)
	}
}

// The recording that intercom_alert_sound uploaded is what an alert with
// sound = "uploaded" plays; before it is uploaded, the start fails and says
// what to do.
func TestAccAlertAction_uploadedSound(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	source := writeFile(t, t.TempDir(), "alert.wav", wavFile(400))
	cli := actionCLI(t, fleet.URL, `
action "intercom_emergency_alert" "uploaded" {
  config {
    alert_type = "speaker"
    sound      = "uploaded"
    timeout    = 60
  }
}
`)
	out := strings.Join(strings.Fields(cli.runFail("apply", "-invoke=action.intercom_emergency_alert.uploaded", "-auto-approve")), " ")
	if !strings.Contains(out, "upload one with intercom_alert_sound") {
		t.Errorf("output:\n%s", out)
	}
	cli.write("sound.tf", `resource "intercom_alert_sound" "p" { source = "`+source+`" }`)
	cli.run("apply", "-auto-approve")
	out = cli.run("apply", "-invoke=action.intercom_emergency_alert.uploaded", "-auto-approve")
	if a := panel.Alert(); !a.Playing || a.Sound != "alert_1.wav" || !strings.Contains(out, "the uploaded recording, for 60 s") {
		t.Errorf("the panel plays %+v:\n%s", a, out)
	}
}
