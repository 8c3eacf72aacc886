package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// codeFlats checks which flat each code on the panel belongs to.
func codeFlats(p *fakepanel.Panel, want map[string]int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := map[string]int64{}
		for _, it := range p.Items(fakepanel.CodesPath) {
			code, _ := it["sCodeID"].(string)
			got[code], _ = it["iFlatID"].(int64)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("the panel holds codes for flats %v, want %v", got, want)
		}
		return nil
	}
}

func labelledCodes(url string, labels ...string) string {
	body := ""
	for i := 0; i+2 < len(labels); i += 3 {
		body += fmt.Sprintf("    %q = { code = %q, apartment = %s }\n", labels[i], labels[i+1], labels[i+2])
	}
	return providerConfig(url, "max_retries = 0") + "resource \"intercom_access_codes\" \"test\" {\n  codes = {\n" + body + "  }\n}\n"
}

// Swapping two codes between labels, relabelling a code, and filling in
// labels in another order than import chose: every planned code stays on
// the panel, and no apply deletes and re-adds a code.
func TestAccAccessCodes_relabelAndSwap(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panel := fleet.Panel("")
	noDelete := requests(panel, map[string]int{"DELETE " + fakepanel.CodesPath + "/*": 0})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: labelledCodes(fleet.URL, "a", testCodeA, "1", "b", testCodeB, "2"),
				Check: codeFlats(panel, map[string]int64{testCodeA: 1, testCodeB: 2})},
			{
				// The codes swap labels, and so flats.
				PreConfig: func() { fleet.ResetCounters() },
				Config:    labelledCodes(fleet.URL, "a", testCodeB, "1", "b", testCodeA, "2"),
				Check:     resource.ComposeTestCheckFunc(codeFlats(panel, map[string]int64{testCodeA: 2, testCodeB: 1}), noDelete),
			},
			{
				// A relabel alone changes nothing on the panel.
				PreConfig: func() { fleet.ResetCounters() },
				Config:    labelledCodes(fleet.URL, "x", testCodeB, "1", "y", testCodeA, "2"),
				Check: resource.ComposeTestCheckFunc(codeFlats(panel, map[string]int64{testCodeA: 2, testCodeB: 1}),
					requests(panel, map[string]int{"POST " + fakepanel.CodesPath: 0, "DELETE " + fakepanel.CodesPath + "/*": 0})),
			},
			{
				// A code moves to a new label while its old label takes
				// another code: the moved code is kept.
				Config: labelledCodes(fleet.URL, "x", testCodeC, "1", "z", testCodeB, "1", "y", testCodeA, "2"),
				Check:  codeFlats(panel, map[string]int64{testCodeA: 2, testCodeB: 1, testCodeC: 1}),
			},
		},
	})
}

// A null map manages no item, as {} does, through create, refresh, a
// change to items and back; a null item is refused at plan, with its key.
func TestAccCollectionResources_null(t *testing.T) {
	t.Parallel()
	tc := collectionCases[1]
	fleet := startFleet(t)
	panel := fleet.Panel("")
	panel.SetItem(tc.path, tc.enrolled)
	nullKeys := providerConfig(fleet.URL, "max_retries = 0") + `
variable "on" {
  type    = bool
  default = false
}
resource "intercom_rfid_keys" "test" {
  keys = var.on ? { "AA01" = {} } : null
}
`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tc.config(fleet.URL, map[string]string{"CC02": "null"}), PlanOnly: true,
				ExpectError: regexp.MustCompile(`keys\["CC02"\] is null`)},
			{Config: labelledCodesNull(fleet.URL), PlanOnly: true, ExpectError: regexp.MustCompile(`codes\["x"\] is null`)},
			{Config: nullKeys, Check: tc.holds(panel, tc.enrolledKey)},
			{Config: nullKeys, PlanOnly: true},
			{Config: tc.config(fleet.URL, map[string]string{"AA01": "{}"}), Check: tc.holds(panel, "AA01", tc.enrolledKey)},
			// Back to null deletes the item it managed, as the plan shows.
			{Config: nullKeys, Check: tc.holds(panel, tc.enrolledKey)},
			{Config: nullKeys, PlanOnly: true},
		},
	})
}

func labelledCodesNull(url string) string {
	return providerConfig(url) + "resource \"intercom_access_codes\" \"test\" {\n  codes = { \"x\" = null }\n}\n"
}

// Rules across items and ranges are checked at plan, before anything
// reaches the panel: two labels with one code (named by label, never by
// digits), and flats out of 0 to 9999.
func TestAccCollectionResources_crossItemRules(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	keys := collectionCases[1]
	expectRefusedAtPlan(t, fleet, map[string]string{
		labelledCodes(fleet.URL, "a", testCodeA, "1", "b", testCodeA, "2"):         `codes\["a"\] and codes\["b"\] hold the same code`,
		keys.config(fleet.URL, map[string]string{"AA01": "{ apartment = -3 }"}):    `must be a whole number between 0 and 9999, not -3: it is out of range`,
		keys.config(fleet.URL, map[string]string{"AA01": "{ apartment = 10000 }"}): `out of range`,
		keys.config(fleet.URL, map[string]string{"AA01": "{ apartment = 1e30 }"}):  `out of range`,
		labelledCodes(fleet.URL, "a", testCodeA, "10000"):                          `out of range`,
		keys.config(fleet.URL, map[string]string{"AA01": "{ apartment = 2.5 }"}):   `must be a whole number`,
	})
}

// Two panels keys for one panel are a configuration error naming both,
// and a 401 names the panels entry whose credentials were sent.
func TestAccProvider_panelsKeys(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	panels := func(entries string) string {
		return fmt.Sprintf("provider \"intercom\" {\n  address = %q\n  username = %q\n  password = %q\n  max_retries = 0\n  panels = {\n%s  }\n}\n",
			fleet.URL, testAdminUser, testAdminPassword, entries) + "resource \"intercom_timeouts\" \"test\" {\n  door_open_ms = 7000\n}\n"
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: panels(fmt.Sprintf("    %q = { password = \"x\" }\n    %q = { password = \"y\" }\n", fleet.URL, fleet.URL+"/")),
				PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)panels keys ".*" and ".*/" both\s+name the panel`)},
			{Config: panels(fmt.Sprintf("    %q = { password = \"wrong-one\" }\n", fleet.URL)),
				ExpectError: regexp.MustCompile(`(?s)refused the credentials of the provider's panels\s+entry\s+"` + regexp.QuoteMeta(fleet.URL) + `"`)},
		},
	})
}
