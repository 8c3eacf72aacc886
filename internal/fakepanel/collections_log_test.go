package fakepanel_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

func TestCollectionLogsHideCodes(t *testing.T) {
	fleet, base := start(t)
	logged := logLines(fleet)
	for _, c := range collCases {
		c.post(t, base)
		get(t, base+api+c.path)
		get(t, base+api+c.path+"/"+c.ids[0])
		call(t, http.MethodDelete, base+api+c.path+"/"+c.ids[1], "")
		call(t, http.MethodPut, base+api+c.path+"/"+c.ids[2], "")
	}
	// Malformed and misspelt paths and refused bodies must not leak
	// their code either.
	call(t, http.MethodGet, base+api+fakepanel.CodesPath+"/98765x", "")
	call(t, http.MethodGet, base+api+fakepanel.CodesPath+"/987654/x", "")
	call(t, http.MethodGet, base+api+"intercom//codes/876543", "")
	call(t, http.MethodPost, base+api+fakepanel.CodesPath, `{"aCodes":[{"sCodeID":"765432","iFlatID":"x","iCodeType":0,"iSpecialMode":0}]}`)
	fleet.Panel("").SetItem(fakepanel.CodesPath, fakepanel.Values{"sCodeID": "654321"})

	lines := logged()
	all := strings.Join(lines, "\n")
	for _, code := range []string{"1234", "234567", "54321", "98765", "987654", "876543", "765432", "654321"} {
		if strings.Contains(all, code) {
			t.Errorf("the log shows code %s:\n%s", code, all)
		}
	}
	for _, want := range []string{
		"intercom/codes set: 3 codes (codes hidden)", "intercom/codes deleted: 1 code (codes hidden)",
		"GET /intercom/codes/(code) -> 200", "DELETE /intercom/codes/(code) -> 200", "PUT /intercom/codes/(code) -> 405",
		"intercom/rfids set: 3 keys: DDCCBBAA, ab752589, 2345acfc", "DELETE /intercom/rfids/ab752589 -> 200",
		"intercom/appartments set: 3 flats: 100, 22, 3", "intercom/appartments deleted: 1 flat: 22", //nolint:misspell // the vendor's path is spelled so
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the log misses %q:\n%s", want, all)
		}
	}
}

func TestResetEmptiesTheCollections(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	for _, c := range collCases {
		c.post(t, base)
	}
	p.SetItemDelay(time.Second)
	p.Reset()
	began := time.Now()
	for _, c := range collCases {
		if got := string(get(t, base+api+c.path)); got != "[]" {
			t.Fatalf("%s after Reset: %s", c.path, got)
		}
	}
	p.LoadFlats(3)
	get(t, base+api+fakepanel.FlatsPath)
	if d := time.Since(began); d > 500*time.Millisecond {
		t.Fatalf("the item delay outlived Reset: %v", d)
	}
}
