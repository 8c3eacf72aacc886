package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

func invokeOpenDoor(t *testing.T, url string, door int64) ([]string, action.InvokeResponse) {
	t.Helper()
	return invokeAction(t, &openDoorAction{}, url, map[string]tftypes.Value{"door": tftypes.NewValue(tftypes.Number, door)})
}

// holdDoorsOpen makes an opened door stay open for an hour, so that a
// test on a slow machine still sees it open.
func holdDoorsOpen(panel *fakepanel.Panel) {
	panel.SetBlock("intercom/gconfig/timeouts", fakepanel.Values{"iTimeoutMsHoldOpenDoorLock": 3600000})
}

// The door is opened with one POST and its state read back.
func TestOpenDoorActionOpensTheDoor(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	holdDoorsOpen(panel)
	messages, resp := invokeOpenDoor(t, fleet.URL, 2)
	if resp.Diagnostics.HasError() {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	if got := panel.OpenDoors(); !slices.Equal(got, []int{2}) {
		t.Errorf("open doors: %v, want [2]", got)
	}
	if n := panel.RequestsTo("GET", "intercom/doors"); n != 1 {
		t.Errorf("the doors were read back %d times, want 1", n)
	}
	if all := strings.Join(messages, "\n"); !strings.Contains(all, "door 2 is open") {
		t.Errorf("progress messages:\n%s", all)
	}
}

// A door that the panel still reports closed is an error, and the request
// is not sent again.
func TestOpenDoorActionStuckDoor(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetDoorStuck(true)
	_, resp := invokeOpenDoor(t, fleet.URL, 1)
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Door Did Not Open" ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "door 1 but reports it closed") {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	if n := panel.RequestsTo("POST", "intercom/doors"); n != 1 {
		t.Errorf("the door was asked to open %d times, want 1", n)
	}
}

// A lost answer is not retried: a retry would open the door a second time.
func TestOpenDoorActionNotRetried(t *testing.T) {
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.Inject(fakepanel.Fault{Method: "POST", Path: "intercom/doors", Status: 503, Times: 1})
	_, resp := invokeOpenDoor(t, fleet.URL, 1)
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Error Opening Door" ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "sent once and never retried") {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	if n := panel.RequestsTo("POST", "intercom/doors"); n != 1 {
		t.Errorf("the door request was sent %d times, want 1", n)
	}
}

func TestFlattenDoors(t *testing.T) {
	got := flattenDoors([]client.Door{{ID: 1, Open: false}, {ID: 2, Open: true}}).String()
	if want := `[{"id":1,"open":false},{"id":2,"open":true}]`; got != want {
		t.Errorf("flattenDoors: %s, want %s", got, want)
	}
}

// The doors and their state, on every engine.
func TestAccDoorsDataSource(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	holdDoorsOpen(fleet.Panel(""))
	c, err := client.New(fleet.URL, testAdminUser, testAdminPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.OpenDoor(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(fleet.URL) + `data "intercom_doors" "all" {}`,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.intercom_doors.all", "doors.#", "2"),
				resource.TestCheckResourceAttr("data.intercom_doors.all", "doors.0.id", "1"),
				resource.TestCheckResourceAttr("data.intercom_doors.all", "doors.0.open", "false"),
				resource.TestCheckResourceAttr("data.intercom_doors.all", "doors.1.id", "2"),
				resource.TestCheckResourceAttr("data.intercom_doors.all", "doors.1.open", "true"),
			),
		}},
	})
}
