package provider

import (
	"slices"
	"strings"
	"testing"
)

const openDoorHCL = `
action "intercom_open_door" "gate" {
  config {
    door = 2
  }
}
`

// Invoked, the action opens the door once and prints its state.
func TestAccOpenDoorAction_invoke(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	holdDoorsOpen(panel)
	cli := actionCLI(t, fleet.URL, openDoorHCL)
	out := cli.run("apply", "-invoke=action.intercom_open_door.gate", "-auto-approve")
	t.Logf("terraform printed:\n%s", out)
	if !strings.Contains(out, "door 2 is open") {
		t.Errorf("the output does not report the door open:\n%s", out)
	}
	if got := panel.OpenDoors(); !slices.Equal(got, []int{2}) || panel.RequestsTo("POST", "intercom/doors") != 1 {
		t.Errorf("open doors %v after %d requests, want [2] after 1", got, panel.RequestsTo("POST", "intercom/doors"))
	}
}

// A configuration that declares the action opens nothing on plan or apply:
// only an invoke does.
func TestAccOpenDoorAction_applyOpensNothing(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	cli := actionCLI(t, fleet.URL, openDoorHCL)
	cli.run("plan")
	cli.run("apply", "-auto-approve")
	cli.run("apply", "-auto-approve")
	if n := panel.RequestsTo("POST", "intercom/doors"); n != 0 || len(panel.OpenDoors()) != 0 {
		t.Errorf("plan and apply sent %d door requests; open doors %v", n, panel.OpenDoors())
	}
}

// A door the panel still reports closed fails the invoke, which says so.
func TestAccOpenDoorAction_stuck(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetDoorStuck(true)
	cli := actionCLI(t, fleet.URL, openDoorHCL)
	out := strings.Join(strings.Fields(cli.runFail("apply", "-invoke=action.intercom_open_door.gate", "-auto-approve")), " ")
	if !strings.Contains(out, "Door Did Not Open") || !strings.Contains(out, "door 2 but reports it closed") {
		t.Errorf("output:\n%s", out)
	}
	if n := panel.RequestsTo("POST", "intercom/doors"); n != 1 {
		t.Errorf("%d door requests, want 1", n)
	}
}
