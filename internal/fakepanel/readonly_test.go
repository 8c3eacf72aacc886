package fakepanel_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

const info = `{"iCRC":4294967295,"iLength":344,"sVersion":"CFG v0.0.2"}`

func TestAggregateHoldsEveryGconfigBlock(t *testing.T) {
	fleet, base := start(t)
	agg := aggregate(t, base)
	wrappers := map[string]string{"oGConfigInfo": "intercom/gconfig/info"}
	for _, c := range blockCases {
		if strings.HasPrefix(c.path, "intercom/gconfig/") {
			wrappers[c.wrapper] = c.path
		}
	}
	if len(agg) != 9 || len(wrappers) != 9 {
		t.Fatalf("aggregate keys %v, want the 9 of %v", slices.Sorted(maps.Keys(agg)), wrappers)
	}
	for wrapper, path := range wrappers {
		wantJSON(t, agg[wrapper], string(get(t, base+api+path)))
	}
	wantJSON(t, agg["oGConfigInfo"], info)
	wantJSON(t, get(t, base+api+"intercom/gconfig/info"), info)

	// A POST to a block shows in the aggregate, and only there.
	c := caseFor(t, volume)
	call(t, http.MethodPost, base+api+volume, c.body(c.post))
	fleet.Panel("").SetBlock(texts, fakepanel.Values{"sIdle": "DRIFT"})
	after := aggregate(t, base)
	wantJSON(t, after["oGConfigVolume"], c.post)
	if !strings.Contains(string(after["oGConfigText"]), `"sIdle":"DRIFT"`) {
		t.Fatalf("the aggregate misses an out-of-band change: %s", after["oGConfigText"])
	}
	wantJSON(t, after["oGConfigTimeouts"], string(agg["oGConfigTimeouts"]))

	if n := fleet.RequestsTo(http.MethodGet, "intercom/gconfig"); n != 2 {
		t.Fatalf("RequestsTo(GET intercom/gconfig) = %d, want 2", n)
	}
	if n := fleet.Panel("").RequestsTo(http.MethodGet, volume); n != 1 {
		t.Fatalf("RequestsTo(GET volume) = %d, want 1: the aggregate must not count as a block GET", n)
	}
}

func TestAggregateUnsupported(t *testing.T) {
	fleet, base := start(t)
	fleet.Panel("/old").SetAggregateUnsupported(true)
	wantEnvelope(t, call(t, http.MethodGet, base+"/old"+api+"intercom/gconfig", ""), 501, "Not Implemented")
	for _, c := range blockCases {
		wantJSON(t, get(t, base+"/old"+api+c.path), c.factory)
	}
	get(t, base+"/old"+api+"intercom/gconfig/info")
	aggregate(t, base) // another panel still has it
	fleet.Panel("/old").SetAggregateUnsupported(false)
	aggregate(t, base+"/old")
}

func aggregate(t *testing.T, base string) map[string]json.RawMessage {
	t.Helper()
	var agg map[string]json.RawMessage
	if err := json.Unmarshal(get(t, base+api+"intercom/gconfig"), &agg); err != nil {
		t.Fatal(err)
	}
	return agg
}

func TestZoneList(t *testing.T) {
	fleet, base := start(t)
	var zones []string
	if err := json.Unmarshal(get(t, base+api+"network/ntp/zone"), &zones); err != nil {
		t.Fatal(err)
	}
	if len(zones) != 128 {
		t.Fatalf("%d zones, want 128", len(zones))
	}
	if sorted := slices.Compact(slices.Sorted(slices.Values(zones))); len(sorted) != len(zones) {
		t.Fatalf("the zone list repeats names")
	}
	for _, z := range []string{"UTC0", "RussianStandardTime-3", "<UTC-11>11", "CentralEuropeStandardTime-1DaylightTime,M3.5.0,M10.5.0/3"} {
		if !slices.Contains(zones, z) {
			t.Errorf("the vendor's example %q is not in the list", z)
		}
	}
	if z, _ := fleet.Panel("").Block(ntp)["sTimeZone"].(string); !slices.Contains(zones, z) {
		t.Errorf("the factory zone %q is not in the list", z)
	}
	// Every listed zone is accepted, and the answer is the same each time.
	for _, z := range zones {
		body := replaced(t, ntp, `"CentralEuropeStandardTime-1DaylightTime,M3.5.0,M10.5.0/3"`, string(marshalT(t, z)))
		if a := call(t, http.MethodPost, base+api+ntp, body); a.status != 200 {
			t.Fatalf("zone %q: status %d: %s", z, a.status, a.body)
		}
	}
	wantJSON(t, get(t, base+"/other"+api+"network/ntp/zone"), string(marshalT(t, zones)))
}

func TestReadOnlyObjects(t *testing.T) {
	fleet, base := start(t)
	wantJSON(t, get(t, base+api+"system/device-info"), `[
		{"id":0,"name":"deviceName","ro":"true","value":"IP Videointercom"},
		{"id":1,"name":"serialNumber","ro":"true","value":"000000"},
		{"id":2,"name":"firmwareVersion","ro":"true","value":"V0.4.0 build 2024.02.05"},
		{"id":3,"name":"manufacturer","ro":"true","value":"Lartech"}]`)
	wantJSON(t, get(t, base+api+"firmware/version"),
		`{"sCPUFirmwareVersion":"V0.4.7 build 2024.03.15","sMCUFirmwareVersion":"INTERCOM V3.0.5.7(Mar 19 2024 14:34:17)"}`)
	wantJSON(t, get(t, base+api+"network/lan"), `{"sDNS1":"192.168.251.62","sDNS2":"8.8.8.8","sMAC":"52:9c:21:e4:7d:4c",
		"sV4Address":"172.24.1.50","sV4Gateway":"172.24.1.49","sV4Method":"static","sV4Netmask":"255.255.255.240"}`)

	// A technician's firmware upgrade, out of band.
	p := fleet.Panel("")
	p.SetBlock("system/device-info", fakepanel.Values{"serialNumber": "A1B2C3", "firmwareVersion": "V0.5.0"})
	p.SetBlock("firmware/version", fakepanel.Values{"sCPUFirmwareVersion": "V0.5.0"})
	if !strings.Contains(string(get(t, base+api+"system/device-info")),
		`{"id":1,"name":"serialNumber","ro":"true","value":"A1B2C3"},{"id":2,"name":"firmwareVersion","ro":"true","value":"V0.5.0"}`) {
		t.Fatalf("device-info misses the change")
	}
	if got := p.Block("firmware/version")["sCPUFirmwareVersion"]; got != "V0.5.0" {
		t.Fatalf("firmware/version holds %v", got)
	}
}

func TestBareLists(t *testing.T) {
	fleet, base := start(t)
	fleet.Panel("").SetBareLists(true)
	body := get(t, base+api+"system/device-info")
	if json.Valid(body) || !strings.HasPrefix(string(body), `{"id":0,`) || !strings.HasSuffix(string(body), `"Lartech"}`) {
		t.Fatalf("a bare list is %s", body)
	}
	wantJSON(t, []byte("["+string(body)+"]"), string(get(t, base+"/other"+api+"system/device-info")))
	// Objects stay objects.
	if b := get(t, base+api+"firmware/version"); !json.Valid(b) {
		t.Fatalf("firmware/version is %s", b)
	}
}
