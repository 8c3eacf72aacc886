package fakepanel_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// collCase is one collection as the vendor documents it, written out here
// apart from the emulator's table so that the two check each other.
type collCase struct {
	path    string
	wrapper string
	// items are valid items in the vendor's field order, ordered by key
	// as GET lists them; ids are their keys as an item path spells them.
	items []string
	ids   []string
	alias string    // another spelling of ids[1] that names the same item
	bad   []string  // ids that break the key's format
	edit  [2]string // a change to a field of items[0] other than its key
}

var collCases = []collCase{
	{path: fakepanel.FlatsPath, wrapper: "aFlats",
		items: []string{
			`{"iFlatID":3,"iFlatType":0,"iAnalogCallAccess":1,"iVoipCallAccess":1,"sVoipAddress":"0x1","iDigitalAddress":3,"iMatrixAddress":3,"iAtAnalog":0,"iAtRing":0,"iAtVoip":0,"iExtAtVoip":0,"iPanelAnalog":0,"iHungVoltage":0,"iSpeakVoltage":0,"iUnlockVoltage":0}`,
			`{"iFlatID":22,"iFlatType":0,"iAnalogCallAccess":1,"iVoipCallAccess":1,"sVoipAddress":"sip:flat22@domain","iDigitalAddress":22,"iMatrixAddress":22,"iAtAnalog":555,"iAtRing":777,"iAtVoip":888,"iExtAtVoip":999,"iPanelAnalog":666,"iHungVoltage":0,"iSpeakVoltage":0,"iUnlockVoltage":0}`,
			`{"iFlatID":100,"iFlatType":2,"iAnalogCallAccess":0,"iVoipCallAccess":0,"sVoipAddress":"sip:<office> & \"co\"","iDigitalAddress":-1,"iMatrixAddress":7,"iAtAnalog":1,"iAtRing":2,"iAtVoip":3,"iExtAtVoip":4,"iPanelAnalog":5,"iHungVoltage":1,"iSpeakVoltage":1,"iUnlockVoltage":1}`,
		},
		ids: []string{"3", "22", "100"}, alias: "0022", edit: [2]string{`"iFlatType":0`, `"iFlatType":5`},
		bad: []string{"0", "z2", "10000", "-1", "+5", "1.5", "", "99999999999999999999"}},
	{path: fakepanel.KeysPath, wrapper: "aKeys",
		items: []string{
			`{"sKeyUid":"2345acfc","iFlatID":3,"iKeyType":0,"iLockAccess":0,"iSceneID":0}`,
			`{"sKeyUid":"ab752589","iFlatID":22,"iKeyType":1,"iLockAccess":3,"iSceneID":2}`,
			`{"sKeyUid":"DDCCBBAA","iFlatID":0,"iKeyType":0,"iLockAccess":0,"iSceneID":0}`,
		},
		ids: []string{"2345acfc", "ab752589", "DDCCBBAA"}, alias: "AB752589", edit: [2]string{`"iFlatID":3`, `"iFlatID":4321`},
		bad: []string{"", "G1", "ab75-2589", "0123456789ABCDE", " ab"}},
	{path: fakepanel.CodesPath, wrapper: "aCodes",
		items: []string{
			`{"sCodeID":"1234","iFlatID":2,"iCodeType":0,"iSpecialMode":0}`,
			`{"sCodeID":"234567","iFlatID":1,"iCodeType":204,"iSpecialMode":1}`,
			`{"sCodeID":"54321","iFlatID":1,"iCodeType":0,"iSpecialMode":0}`,
		},
		ids: []string{"1234", "234567", "54321"}, alias: "234567", edit: [2]string{`"iFlatID":2`, `"iFlatID":4321`},
		bad: []string{"", "123", "1234567", "12a4", "-1234"}},
}

func (c collCase) body(items ...string) string {
	return `{"` + c.wrapper + `":[` + strings.Join(items, ",") + `]}`
}

func (c collCase) list() string { return "[" + strings.Join(c.items, ",") + "]" }

// post sends items in reverse order, so that the lists must sort them.
func (c collCase) post(t *testing.T, base string) {
	t.Helper()
	rev := make([]string, 0, len(c.items))
	for i := len(c.items) - 1; i >= 0; i-- {
		rev = append(rev, c.items[i])
	}
	if a := call(t, http.MethodPost, base+api+c.path, c.body(rev...)); a.status != http.StatusOK || len(a.body) != 0 {
		t.Fatalf("POST %s: status %d, body %q", c.path, a.status, a.body)
	}
}

func TestCollectionsStartEmpty(t *testing.T) {
	fleet, base := start(t)
	for _, c := range collCases {
		if got := string(get(t, base+api+c.path)); got != "[]" {
			t.Errorf("GET %s on a new panel: %s", c.path, got)
		}
		if n := len(fleet.Panel("").Items(c.path)); n != 0 {
			t.Errorf("Items(%s) = %d items", c.path, n)
		}
	}
	fleet.Panel("").SetBareLists(true)
	for _, c := range collCases {
		if got := string(get(t, base+api+c.path)); got != "" {
			t.Errorf("bare GET %s on a new panel: %q, want an empty body", c.path, got)
		}
	}
}

func TestCollectionRoundTrip(t *testing.T) {
	for _, c := range collCases {
		t.Run(c.path, func(t *testing.T) {
			fleet, base := start(t)
			c.post(t, base)
			// Exactly, bytes and all: sorted by key, fields in the
			// vendor's order, < > & not escaped.
			if got := string(get(t, base+api+c.path)); got != c.list() {
				t.Fatalf("GET all:\ngot  %s\nwant %s", got, c.list())
			}
			for i, id := range c.ids {
				if got := string(get(t, base+api+c.path+"/"+id)); got != c.items[i] {
					t.Fatalf("GET %s:\ngot  %s\nwant %s", id, got, c.items[i])
				}
			}
			if got := string(get(t, base+api+c.path+"/"+c.alias)); got != c.items[1] {
				t.Fatalf("GET %s names %s, want %s", c.alias, got, c.items[1])
			}
			items := fleet.Panel("").Items(c.path)
			wantJSON(t, marshalT(t, items), c.list())

			fleet.Panel("").SetBareLists(true)
			bare := get(t, base+api+c.path)
			if json.Valid(bare) || string(bare) != strings.Join(c.items, ",") {
				t.Fatalf("a bare list is %s", bare)
			}
			if b := get(t, base+api+c.path+"/"+c.ids[0]); !json.Valid(b) {
				t.Fatalf("one item in bare mode is %s", b)
			}
			if got := string(get(t, base+"/other"+api+c.path)); got != "[]" {
				t.Fatalf("another panel holds %s", got)
			}
		})
	}
}

func TestCollectionPostUpsertsOnlyTheItemsListed(t *testing.T) {
	for _, c := range collCases {
		t.Run(c.path, func(t *testing.T) {
			_, base := start(t)
			call(t, http.MethodPost, base+api+c.path, c.body(c.items[0], c.items[1]))
			changed := strings.Replace(c.items[0], c.edit[0], c.edit[1], 1)
			if changed == c.items[0] {
				t.Fatal("the edit changes nothing")
			}
			if a := call(t, http.MethodPost, base+api+c.path, c.body(changed, c.items[2])); a.status != 200 {
				t.Fatalf("upsert: status %d: %s", a.status, a.body)
			}
			want := "[" + strings.Join([]string{changed, c.items[1], c.items[2]}, ",") + "]"
			if got := string(get(t, base+api+c.path)); got != want {
				t.Fatalf("after the upsert:\ngot  %s\nwant %s", got, want)
			}
			if a := call(t, http.MethodPost, base+api+c.path, c.body()); a.status != 200 {
				t.Fatalf("an empty array: status %d: %s", a.status, a.body)
			}
			if got := string(get(t, base+api+c.path)); got != want {
				t.Fatalf("an empty array changed the collection: %s", got)
			}
		})
	}
}

func TestCollectionKeysMatchRegardlessOfCase(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	p.SetItem(fakepanel.KeysPath, fakepanel.Values{"sKeyUid": "ab752589", "iFlatID": 1})
	call(t, http.MethodPost, base+api+fakepanel.KeysPath, `{"aKeys":[{"sKeyUid":"AB752589","iFlatID":2,"iKeyType":0,"iLockAccess":0,"iSceneID":0}]}`)
	items := p.Items(fakepanel.KeysPath)
	if len(items) != 1 || items[0]["sKeyUid"] != "AB752589" || items[0]["iFlatID"] != int64(2) {
		t.Fatalf("a POST in upper case made %v, want one key, replaced, as last written", items)
	}
	if a := call(t, http.MethodDelete, base+api+fakepanel.KeysPath+"/ab752589", ""); a.status != 200 {
		t.Fatalf("DELETE in lower case: status %d", a.status)
	}
	if items := p.Items(fakepanel.KeysPath); len(items) != 0 {
		t.Fatalf("left %v", items)
	}
}

func TestCollectionItemIDs(t *testing.T) {
	for _, c := range collCases {
		t.Run(c.path, func(t *testing.T) {
			_, base := start(t)
			c.post(t, base)
			for _, method := range []string{http.MethodGet, http.MethodDelete} {
				for _, id := range c.bad {
					wantEnvelope(t, call(t, method, base+api+c.path+"/"+id, ""), 400, "Wrong parameters")
				}
			}
			absent := map[string]string{fakepanel.FlatsPath: "101", fakepanel.KeysPath: "0123456789ABCD", fakepanel.CodesPath: "00000"}[c.path]
			wantEnvelope(t, call(t, http.MethodGet, base+api+c.path+"/"+absent, ""), 404, "Not found")
			wantEnvelope(t, call(t, http.MethodDelete, base+api+c.path+"/"+absent, ""), 404, "Not found")
			// A path below an item is no resource.
			wantEnvelope(t, call(t, http.MethodGet, base+api+c.path+"/"+c.ids[0]+"/x", ""), 501, "Not Implemented")
		})
	}
}

func TestCollectionDelete(t *testing.T) {
	for _, c := range collCases {
		t.Run(c.path, func(t *testing.T) {
			fleet, base := start(t)
			c.post(t, base)
			a := call(t, http.MethodDelete, base+api+c.path+"/"+c.alias, "")
			if a.status != 200 || len(a.body) != 0 {
				t.Fatalf("DELETE: status %d, body %q", a.status, a.body)
			}
			wantEnvelope(t, call(t, http.MethodGet, base+api+c.path+"/"+c.ids[1], ""), 404, "Not found")
			wantEnvelope(t, call(t, http.MethodDelete, base+api+c.path+"/"+c.ids[1], ""), 404, "Not found")
			want := "[" + c.items[0] + "," + c.items[2] + "]"
			if got := string(get(t, base+api+c.path)); got != want {
				t.Fatalf("after DELETE: %s, want %s", got, want)
			}
			if n := len(fleet.Panel("").Items(c.path)); n != 2 {
				t.Fatalf("Items holds %d", n)
			}
		})
	}
}

func TestCollectionMethods(t *testing.T) {
	_, base := start(t)
	for _, c := range collCases {
		for _, tt := range []struct {
			method, path, allow string
		}{
			{http.MethodDelete, c.path, "GET, POST"},
			{http.MethodPut, c.path, "GET, POST"},
			{http.MethodPost, c.path + "/" + c.ids[0], "GET, DELETE"},
			{http.MethodPatch, c.path + "/" + c.ids[0], "GET, DELETE"},
			{http.MethodPut, c.path + "/" + c.bad[1], "GET, DELETE"},
		} {
			a := call(t, tt.method, base+api+tt.path, c.body(c.items[0]))
			wantEnvelope(t, a, 405, "Method Not Allowed")
			if a.header.Get("Allow") != tt.allow {
				t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, a.header.Get("Allow"), tt.allow)
			}
		}
	}
}

func TestCollectionsOnAnUnsupportedPanel(t *testing.T) {
	fleet, base := start(t)
	fleet.Panel("/old").SetUnsupported(true)
	for _, c := range collCases {
		wantEnvelope(t, call(t, http.MethodGet, base+"/old"+api+c.path, ""), 501, "Not Implemented")
		wantEnvelope(t, call(t, http.MethodDelete, base+"/old"+api+c.path+"/"+c.ids[0], ""), 501, "Not Implemented")
	}
}
