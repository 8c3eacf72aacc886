package fakepanel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

func TestSetItemDeleteItemItems(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	// A resident enrols a key at the panel: fields left out take the
	// vendor examples' values.
	p.SetItem(fakepanel.KeysPath, fakepanel.Values{"sKeyUid": "fc125589", "iFlatID": uint16(12)})
	p.SetItem(fakepanel.FlatsPath, fakepanel.Values{"iFlatID": 7, "sVoipAddress": "sip:7@x"})
	p.SetItem(fakepanel.CodesPath, fakepanel.Values{"sCodeID": "0042", "iSpecialMode": int64(1)})
	if got := string(get(t, base+api+fakepanel.KeysPath+"/FC125589")); got != `{"sKeyUid":"fc125589","iFlatID":12,"iKeyType":0,"iLockAccess":0,"iSceneID":0}` {
		t.Fatalf("GET the enrolled key: %s", got)
	}
	wantFlat := fakepanel.Values{"iFlatID": int64(7), "iFlatType": int64(0), "iAnalogCallAccess": int64(1), "iVoipCallAccess": int64(1),
		"sVoipAddress": "sip:7@x", "iDigitalAddress": int64(0), "iMatrixAddress": int64(0), "iAtAnalog": int64(0), "iAtRing": int64(0),
		"iAtVoip": int64(0), "iExtAtVoip": int64(0), "iPanelAnalog": int64(0), "iHungVoltage": int64(0), "iSpeakVoltage": int64(0), "iUnlockVoltage": int64(0)}
	if got := p.Items(fakepanel.FlatsPath); !reflect.DeepEqual(got, []fakepanel.Values{wantFlat}) {
		t.Fatalf("Items(flats) = %v", got)
	}
	wantJSON(t, get(t, base+api+fakepanel.CodesPath+"/0042"), `{"sCodeID":"0042","iFlatID":0,"iCodeType":0,"iSpecialMode":1}`)

	// Items is a copy.
	p.Items(fakepanel.FlatsPath)[0]["iFlatType"] = int64(5)
	if got := p.Items(fakepanel.FlatsPath)[0]["iFlatType"]; got != int64(0) {
		t.Fatalf("changing what Items returned changed the panel: %v", got)
	}
	// SetItem replaces the whole item; what it leaves out is the default.
	p.SetItem(fakepanel.FlatsPath, fakepanel.Values{"iFlatID": 7, "iAtRing": 3})
	if got := p.Items(fakepanel.FlatsPath)[0]; got["sVoipAddress"] != "" || got["iAtRing"] != int64(3) {
		t.Fatalf("after a replace: %v", got)
	}
	p.DeleteItem(fakepanel.KeysPath, "FC125589")
	p.DeleteItem(fakepanel.KeysPath, "FC125589") // absent: nothing happens
	wantEnvelope(t, call(t, http.MethodGet, base+api+fakepanel.KeysPath+"/fc125589", ""), 404, "Not found")
	p.DeleteItem(fakepanel.FlatsPath, "0007")
	if n := len(p.Items(fakepanel.FlatsPath)) + len(p.Items(fakepanel.KeysPath)); n != 0 {
		t.Fatalf("%d items left", n)
	}
	if n := fleet.Requests(http.MethodPost) + fleet.Requests(http.MethodDelete); n != 0 {
		t.Fatalf("steering counted %d requests", n)
	}
}

func TestSteeringPanicsOnTypos(t *testing.T) {
	p := fakepanel.New().Panel("")
	for name, f := range map[string]func(){
		"unknown collection": func() { p.Items("intercom/apartments") },
		"unknown field":      func() { p.SetItem(fakepanel.KeysPath, fakepanel.Values{"sKeyUid": "AB", "iFlat": 1}) },
		"missing key":        func() { p.SetItem(fakepanel.KeysPath, fakepanel.Values{"iFlatID": 1}) },
		"bad key":            func() { p.SetItem(fakepanel.FlatsPath, fakepanel.Values{"iFlatID": 0}) },
		"key of wrong type":  func() { p.SetItem(fakepanel.CodesPath, fakepanel.Values{"sCodeID": 12345}) },
		"bad code":           func() { p.SetItem(fakepanel.CodesPath, fakepanel.Values{"sCodeID": "123"}) },
		"bad id to delete":   func() { p.DeleteItem(fakepanel.FlatsPath, "z2") },
		"too many flats":     func() { p.LoadFlats(10000) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			f()
		})
	}
}

func TestLoadFlats(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	p.SetItem(fakepanel.FlatsPath, fakepanel.Values{"iFlatID": 5, "iFlatType": 2})
	p.SetItem(fakepanel.FlatsPath, fakepanel.Values{"iFlatID": 9999, "iFlatType": 2})
	began := time.Now()
	p.LoadFlats(9998)
	// Generous bounds: the test catches a quadratic load (minutes), not a
	// slow shared machine.
	if d := time.Since(began); d > 15*time.Second {
		t.Errorf("LoadFlats(9998) took %v", d)
	}
	items := p.Items(fakepanel.FlatsPath)
	if len(items) != 9999 || items[4]["iFlatType"] != int64(0) || items[9998]["iFlatType"] != int64(2) {
		t.Fatalf("%d flats; flat 5 %v; flat 9999 %v", len(items), items[4], items[9998])
	}
	p.LoadFlats(9999)
	began = time.Now()
	body := get(t, base+api+fakepanel.FlatsPath)
	if d := time.Since(began); d > 30*time.Second {
		t.Errorf("GET of 9,999 flats took %v", d)
	}
	var list []map[string]any
	if err := json.Unmarshal(body, &list); err != nil || len(list) != 9999 {
		t.Fatalf("GET holds %d flats: %v", len(list), err)
	}
	for i, f := range list {
		if f["iFlatID"] != float64(i+1) || f["iAnalogCallAccess"] != float64(1) || f["sVoipAddress"] != "" || len(f) != 15 {
			t.Fatalf("flat %d is %v", i+1, f)
		}
	}
	p.LoadFlats(0)
	if n := len(p.Items(fakepanel.FlatsPath)); n != 9999 {
		t.Fatalf("LoadFlats(0) left %d flats", n)
	}
}

func TestItemDelay(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	p.LoadFlats(5)
	p.SetItemDelay(40 * time.Millisecond)
	began := time.Now()
	get(t, base+api+fakepanel.FlatsPath)
	if d := time.Since(began); d < 200*time.Millisecond {
		t.Fatalf("GET of 5 flats at 40ms each took %v", d)
	}
	// Only whole lists are slow, and only by their size.
	began = time.Now()
	get(t, base+api+fakepanel.FlatsPath+"/3")
	get(t, base+api+fakepanel.KeysPath)
	call(t, http.MethodDelete, base+api+fakepanel.FlatsPath+"/3", "")
	if d := time.Since(began); d > 150*time.Millisecond {
		t.Fatalf("one item, an empty list and a DELETE took %v", d)
	}
}

func TestItemDelayEndsWhenTheClientGivesUp(t *testing.T) {
	fleet, base := start(t)
	canceled := make(chan string, 1)
	fleet.Logf = func(format string, args ...any) {
		if line := fmt.Sprintf(format, args...); strings.HasSuffix(line, "-> canceled") {
			canceled <- line
		}
	}
	p := fleet.Panel("")
	p.LoadFlats(100)
	p.SetItemDelay(time.Second) // 100 s in all
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+api+fakepanel.FlatsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(user, password)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the list answered %d before its delay", resp.StatusCode)
	}
	select {
	case line := <-canceled:
		if !strings.Contains(line, "GET /intercom/appartments") {
			t.Fatalf("log line %q", line)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the handler still waits after the client gave up")
	}
	if n := p.MaxInFlight(); n != 1 {
		t.Fatalf("MaxInFlight %d", n)
	}
}

func TestCollectionFaultsAndCounters(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	keys := caseOf(t, fakepanel.KeysPath)
	keys.post(t, base)
	p.Inject(fakepanel.Fault{Path: fakepanel.KeysPath + "/*", Method: http.MethodDelete, Status: 500, Times: 2})
	p.Inject(fakepanel.Fault{Path: "/" + fakepanel.KeysPath + "/DDCCBBAA", Status: 503, Times: 1})
	get(t, base+api+fakepanel.KeysPath) // the wildcard spares the collection path
	wantEnvelope(t, call(t, http.MethodDelete, base+api+keys.path+"/2345acfc", ""), 500, "Internal Server Error")
	wantEnvelope(t, call(t, http.MethodDelete, base+api+keys.path+"/ab752589", ""), 500, "Internal Server Error")
	if n := len(p.Items(keys.path)); n != 3 {
		t.Fatalf("a faulted DELETE removed a key: %d left", n)
	}
	call(t, http.MethodDelete, base+api+keys.path+"/ab752589/x", "") // nor deeper paths: a 501
	if a := call(t, http.MethodDelete, base+api+keys.path+"/2345acfc", ""); a.status != 200 {
		t.Fatalf("after the fault's two times: status %d", a.status)
	}
	// The exact fault matches the path as sent, not the key it names.
	get(t, base+api+keys.path+"/ddccbbaa")
	wantEnvelope(t, call(t, http.MethodGet, base+api+keys.path+"/DDCCBBAA", ""), 503, "Service Unavailable")
	wantEnvelope(t, call(t, http.MethodGet, base+"/b"+api+keys.path+"/DDCCBBAA", ""), 404, "Not found")

	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{http.MethodDelete, keys.path + "/*", 3},
		{http.MethodDelete, "/" + keys.path + "/*", 3},
		{http.MethodDelete, keys.path + "/2345acfc", 2},
		{http.MethodGet, keys.path + "/*", 2},
		{http.MethodGet, keys.path, 1},
		{http.MethodPost, keys.path, 1},
		{http.MethodDelete, keys.path, 0},
		{http.MethodGet, fakepanel.CodesPath + "/*", 0},
	} {
		if n := p.RequestsTo(tt.method, tt.path); n != tt.want {
			t.Errorf("Panel.RequestsTo(%s, %s) = %d, want %d", tt.method, tt.path, n, tt.want)
		}
	}
	if n := fleet.RequestsTo(http.MethodGet, keys.path+"/*"); n != 3 {
		t.Errorf("Server.RequestsTo(GET, %s/*) = %d, want 3: panel /b counts too", keys.path, n)
	}
}
