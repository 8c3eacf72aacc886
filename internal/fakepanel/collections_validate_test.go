package fakepanel_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// caseOf is the collCase of a collection path.
func caseOf(t *testing.T, path string) collCase {
	t.Helper()
	for _, c := range collCases {
		if c.path == path {
			return c
		}
	}
	t.Fatalf("no case for %s", path)
	return collCase{}
}

func TestCollectionPostValidation(t *testing.T) {
	flats, keys, codes := caseOf(t, fakepanel.FlatsPath), caseOf(t, fakepanel.KeysPath), caseOf(t, fakepanel.CodesPath)
	flat, key, code := flats.items[1], keys.items[1], codes.items[1]
	edit := func(item, from, to string) string {
		t.Helper()
		out := strings.Replace(item, from, to, 1)
		if out == item {
			t.Fatalf("%q is not in %s", from, item)
		}
		return out
	}
	// Each case's items[2], which the panel holds before each POST, with a
	// field other than the key changed.
	changed := map[string]string{
		fakepanel.FlatsPath: edit(flats.items[2], `"iFlatType":2`, `"iFlatType":9`),
		fakepanel.KeysPath:  edit(keys.items[2], `"iFlatID":0`, `"iFlatID":9`),
		fakepanel.CodesPath: edit(codes.items[2], `"iFlatID":1`, `"iFlatID":9`),
	}
	for _, tt := range []struct {
		name   string
		c      collCase
		body   string
		status int
		msg    string
	}{
		{"malformed JSON", flats, `{"aFlats":[`, 500, "[json.exception.parse_error.101]"},
		{"not an object", flats, `[]`, 400, "Wrong parameters: aFlats array expected"},
		{"no wrapper", flats, `{}`, 400, "Wrong parameters: aFlats array expected"},
		{"another collection's wrapper", flats, keys.body(key), 400, "Wrong parameters: aFlats array expected"},
		{"the items unwrapped", flats, flat, 400, "Wrong parameters: aFlats array expected"},
		{"wrapper not an array", keys, `{"aKeys":` + key + `}`, 400, "Wrong parameters: aKeys array expected"},
		{"wrapper null", codes, `{"aCodes":null}`, 400, "Wrong parameters: aCodes array expected"},
		{"beside the wrapper", codes, `{"aCodes":[],"aKeys":[]}`, 400, "Wrong parameters: unknown field aKeys"},
		{"item not an object", flats, flats.body(flat, `22`), 400, "Wrong parameters: aFlats[1] object expected"},
		{"item null", flats, flats.body(`null`), 400, "Wrong parameters: aFlats[0] object expected"},
		{"missing field", flats, flats.body(edit(flat, `"iUnlockVoltage":0`, `"x":0`)), 400, "Wrong parameters: aFlats[0]: missing iUnlockVoltage"},
		{"missing key", keys, keys.body(edit(key, `"sKeyUid":"ab752589",`, ``)), 400, "Wrong parameters: aKeys[0]: missing sKeyUid"},
		{"unknown field", codes, codes.body(edit(code, `}`, `,"sLabel":"x"}`)), 400, "Wrong parameters: aCodes[0]: unknown field sLabel"},
		{"flat 0", flats, flats.body(edit(flat, `"iFlatID":22`, `"iFlatID":0`)), 400, "Wrong parameters: aFlats[0].iFlatID must be between 1 and 9999"},
		{"flat 10000", flats, flats.body(edit(flat, `"iFlatID":22`, `"iFlatID":10000`)), 400, "aFlats[0].iFlatID must be between 1 and 9999"},
		{"flat as a string", flats, flats.body(edit(flat, `"iFlatID":22`, `"iFlatID":"22"`)), 400, "aFlats[0].iFlatID must be an integer"},
		{"flat with a fraction", flats, flats.body(edit(flat, `"iFlatID":22`, `"iFlatID":22.5`)), 400, "aFlats[0].iFlatID must be an integer"},
		{"call access 2", flats, flats.body(edit(flat, `"iAnalogCallAccess":1`, `"iAnalogCallAccess":2`)), 400, "aFlats[0].iAnalogCallAccess must be between 0 and 1"},
		{"voip access true", flats, flats.body(edit(flat, `"iVoipCallAccess":1`, `"iVoipCallAccess":true`)), 400, "aFlats[0].iVoipCallAccess must be an integer"},
		{"address as a number", flats, flats.body(edit(flat, `"sVoipAddress":"sip:flat22@domain"`, `"sVoipAddress":1`)), 400, "aFlats[0].sVoipAddress must be a string"},
		{"null", flats, flats.body(edit(flat, `"iAtRing":777`, `"iAtRing":null`)), 400, "aFlats[0].iAtRing must be an integer, not null"},
		{"UID not hex", keys, keys.body(edit(key, `"ab752589"`, `"ab75258g"`)), 400, "aKeys[0].sKeyUid must be 1 to 14 hexadecimal digits"},
		{"UID of 15", keys, keys.body(edit(key, `"ab752589"`, `"0123456789abcde"`)), 400, "aKeys[0].sKeyUid must be 1 to 14 hexadecimal digits"},
		{"UID empty", keys, keys.body(edit(key, `"ab752589"`, `""`)), 400, "aKeys[0].sKeyUid must be 1 to 14 hexadecimal digits"},
		{"UID as a number", keys, keys.body(edit(key, `"ab752589"`, `752589`)), 400, "aKeys[0].sKeyUid must be a string"},
		{"key's flat as a string", keys, keys.body(edit(key, `"iFlatID":22`, `"iFlatID":"22"`)), 400, "aKeys[0].iFlatID must be an integer"},
		{"code of 3", codes, codes.body(edit(code, `"234567"`, `"123"`)), 400, "aCodes[0].sCodeID must be 4 to 6 digits"},
		{"code of 7", codes, codes.body(edit(code, `"234567"`, `"1234567"`)), 400, "aCodes[0].sCodeID must be 4 to 6 digits"},
		{"code not digits", codes, codes.body(edit(code, `"234567"`, `"2345a7"`)), 400, "aCodes[0].sCodeID must be a string of digits"},
		{"code as a number", codes, codes.body(edit(code, `"234567"`, `234567`)), 400, "aCodes[0].sCodeID must be a string"},
		{"duplicate flat", flats, flats.body(flats.items[0], flat, flat), 400, "aFlats[2]: duplicate iFlatID, as in aFlats[1]"},
		{"duplicate key in another case", keys, keys.body(key, edit(key, `"ab752589"`, `"AB752589"`)), 400, "aKeys[1]: duplicate sKeyUid, as in aKeys[0]"},
		{"duplicate code", codes, codes.body(code, code), 400, "aCodes[1]: duplicate sCodeID"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fleet, base := start(t)
			p := fleet.Panel("")
			// The panel holds one item, which no refused POST may change.
			call(t, http.MethodPost, base+api+tt.c.path, tt.c.body(tt.c.items[2]))
			before := string(get(t, base+api+tt.c.path))
			wantEnvelope(t, call(t, http.MethodPost, base+api+tt.c.path, tt.body), tt.status, tt.msg)
			// All or nothing: the same fault behind a valid item that
			// would change the stored one.
			if strings.HasPrefix(tt.body, `{"`+tt.c.wrapper+`":[`) && !strings.HasPrefix(tt.body, `{"`+tt.c.wrapper+`":[]`) {
				all := strings.Replace(tt.body, "[", "["+changed[tt.c.path]+",", 1)
				if a := call(t, http.MethodPost, base+api+tt.c.path, all); a.status != tt.status {
					t.Fatalf("behind a valid item: status %d: %s", a.status, a.body)
				}
			}
			if got := string(get(t, base+api+tt.c.path)); got != before {
				t.Fatalf("a refused POST changed the collection:\nbefore %s\nafter  %s", before, got)
			}
			if n := len(p.Items(tt.c.path)); n != 1 {
				t.Fatalf("Items holds %d", n)
			}
		})
	}
}

func TestCollectionPostNeedsJSONContentType(t *testing.T) {
	_, base := start(t)
	for _, c := range collCases {
		a := send(t, http.MethodPost, base+api+c.path, "text/plain", c.body(c.items[0]), user, password)
		wantEnvelope(t, a, 400, "Wrong parameters: Content-Type must be application/json")
		if got := string(get(t, base+api+c.path)); got != "[]" {
			t.Fatalf("%s holds %s", c.path, got)
		}
	}
}

func TestCollectionPostAccepts(t *testing.T) {
	_, base := start(t)
	for _, tt := range []struct {
		path, body string
	}{
		{fakepanel.FlatsPath, `{"aFlats":[` + strings.Replace(collCases[0].items[0], `"iFlatID":3`, `"iFlatID":9999`, 1) + `]}`},
		{fakepanel.FlatsPath, `{"aFlats":[` + strings.Replace(collCases[0].items[0], `"iFlatID":3`, `"iFlatID":1`, 1) + `]}`},
		{fakepanel.KeysPath, `{"aKeys":[{"sKeyUid":"A","iFlatID":-1,"iKeyType":9,"iLockAccess":255,"iSceneID":7}]}`},
		{fakepanel.KeysPath, `{"aKeys":[{"sKeyUid":"0123456789abCD","iFlatID":1,"iKeyType":0,"iLockAccess":0,"iSceneID":0}]}`},
		{fakepanel.CodesPath, `{"aCodes":[{"sCodeID":"0000","iFlatID":0,"iCodeType":0,"iSpecialMode":0}]}`},
		{fakepanel.CodesPath, `{"aCodes":[{"sCodeID":"000001","iFlatID":0,"iCodeType":0,"iSpecialMode":0}]}`},
	} {
		if a := call(t, http.MethodPost, base+api+tt.path, tt.body); a.status != 200 {
			t.Errorf("POST %s: status %d: %s", tt.body, a.status, a.body)
		}
	}
	get(t, base+api+fakepanel.FlatsPath+"/9999")
	get(t, base+api+fakepanel.KeysPath+"/a")
	get(t, base+api+fakepanel.KeysPath+"/0123456789ABCD")
	get(t, base+api+fakepanel.CodesPath+"/0000")
	wantEnvelope(t, call(t, http.MethodGet, base+api+fakepanel.CodesPath+"/00001", ""), 404, "Not found")
}
