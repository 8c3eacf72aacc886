package fakepanel_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// textBody is a valid text POST with sCall and sIdle set as given.
func textBody(t *testing.T, call, idle string) string {
	t.Helper()
	b := replaced(t, texts, `"sCall":"ВЫЗОВ"`, `"sCall":`+string(marshalT(t, call)))
	return strings.Replace(b, `"sIdle":"ПРОСТОЙ"`, `"sIdle":`+string(marshalT(t, idle)), 1)
}

func TestStorageModes(t *testing.T) {
	sip := sipBody(`"sUser":" Alice ","sPassword":" Pass Word ","sDomain":" SIP.Example.COM ","sProxy":"Proxy.Example:5060","sRealm":" Realm ","sProtocol":"udp","iPort":5060`)
	ntpBody := replaced(t, ntp, `"Pool.NTP.org 10.0.0.1"`, `"Pool.NTP.org NTP1.example"`)
	tests := []struct {
		name       string
		set        func(*fakepanel.Panel)
		call, idle string // as stored, sent as "ВЫЗОВ" and " ПРОСТОЙ  "
		sip        fakepanel.SIPConfig
		servers    string
	}{
		{"none", func(*fakepanel.Panel) {}, "ВЫЗОВ", " ПРОСТОЙ  ",
			fakepanel.SIPConfig{User: " Alice ", Domain: " SIP.Example.COM ", Proxy: "Proxy.Example:5060", Realm: " Realm "}, "Pool.NTP.org NTP1.example"},
		{"pad", func(p *fakepanel.Panel) { p.SetPadTexts(true) }, " ВЫЗОВ", " ПРОСТОЙ  ",
			fakepanel.SIPConfig{User: " Alice ", Domain: " SIP.Example.COM ", Proxy: "Proxy.Example:5060", Realm: " Realm "}, "Pool.NTP.org NTP1.example"},
		{"lower-case hosts", func(p *fakepanel.Panel) { p.SetLowercaseHosts(true) }, "ВЫЗОВ", " ПРОСТОЙ  ",
			fakepanel.SIPConfig{User: " Alice ", Domain: " sip.example.com ", Proxy: "proxy.example:5060", Realm: " Realm "}, "pool.ntp.org ntp1.example"},
		{"trim", func(p *fakepanel.Panel) { p.SetTrimStored(true) }, "ВЫЗОВ", "ПРОСТОЙ",
			fakepanel.SIPConfig{User: "Alice", Domain: "SIP.Example.COM", Proxy: "Proxy.Example:5060", Realm: "Realm"}, "Pool.NTP.org NTP1.example"},
		{"max 4 runes", func(p *fakepanel.Panel) { p.SetMaxStored(4) }, "ВЫЗО", " ПРО",
			fakepanel.SIPConfig{User: " Ali", Domain: " SIP", Proxy: "Prox", Realm: " Rea"}, "Pool.NTP.org NTP1.example"},
		{"all: trim, lower, pad, then cut", func(p *fakepanel.Panel) {
			p.SetTrimStored(true)
			p.SetLowercaseHosts(true)
			p.SetPadTexts(true)
			p.SetMaxStored(5)
		}, " ВЫЗО", " ПРОС",
			fakepanel.SIPConfig{User: "Alice", Domain: "sip.e", Proxy: "proxy", Realm: "Realm"}, "pool.ntp.org ntp1.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, base := start(t)
			p := fleet.Panel("")
			tt.set(p)
			for path, body := range map[string]string{texts: textBody(t, "ВЫЗОВ", " ПРОСТОЙ  "), ntp: ntpBody, "intercom/sip/config": sip} {
				if a := call(t, http.MethodPost, base+api+path, body); a.status != 200 {
					t.Fatalf("POST %s: status %d: %s", path, a.status, a.body)
				}
			}
			txt := p.Block(texts)
			if txt["sCall"] != tt.call || txt["sIdle"] != tt.idle {
				t.Errorf("texts stored as %q and %q, want %q and %q", txt["sCall"], txt["sIdle"], tt.call, tt.idle)
			}
			if !strings.Contains(string(get(t, base+api+texts)), `"sCall":"`+tt.call+`"`) {
				t.Errorf("GET does not show the stored text")
			}
			got := getConfig(t, base+sipPath)
			tt.sip.Password, tt.sip.Protocol, tt.sip.Port = " Pass Word ", "udp", 5060 // never changed
			if got != tt.sip {
				t.Errorf("SIP stored as %+v, want %+v", got, tt.sip)
			}
			if s := p.Block(ntp)["sNtpServers"]; s != tt.servers {
				t.Errorf("NTP servers stored as %q, want %q", s, tt.servers)
			}
		})
	}
}

func TestPaddingDoesNotGrow(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	p.SetPadTexts(true)
	for range 3 {
		call(t, http.MethodPost, base+api+texts, textBody(t, " ВЫЗОВ", ""))
	}
	if got := p.Block(texts); got["sCall"] != " ВЫЗОВ" || got["sIdle"] != " " {
		t.Fatalf("after three writes: %q and %q", got["sCall"], got["sIdle"])
	}
	// Other blocks' strings are left alone.
	call(t, http.MethodPost, base+api+method, `{"dtmf_method":"sip-info"}`)
	if got := p.Block(method)["dtmf_method"]; got != "sip-info" {
		t.Fatalf("dtmf_method stored as %q", got)
	}
}

func TestSetBlock(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("/p")
	p.SetBlock(volume, fakepanel.Values{"iSpAttLevel": 6, "iMicGainLevel": int64(0)})
	p.SetBlock("/"+ntp+"/", fakepanel.Values{"sTimeZone": "UTC0", "bDstEnabled": true})
	// Drift is stored as given: even a value a POST would refuse, and
	// without the storage modes.
	p.SetPadTexts(true)
	p.SetBlock(texts, fakepanel.Values{"sCall": "X"})
	wantJSON(t, get(t, base+"/p"+api+volume), `{"iLineBeepVolume":11,"iMicGainLevel":0,"iPanelBeepVolume":11,"iSpAttLevel":6}`)
	if got := p.Block(ntp); got["sTimeZone"] != "UTC0" || got["bDstEnabled"] != true || got["iRefreshTime"] != int64(60) {
		t.Fatalf("ntp holds %v", got)
	}
	if got := p.Block(texts)["sCall"]; got != "X" {
		t.Fatalf("sCall = %q", got)
	}
	// Block hands out a copy.
	v := p.Block(volume)
	v["iSpAttLevel"] = int64(1)
	if got := p.Block(volume)["iSpAttLevel"]; got != int64(6) {
		t.Fatalf("changing Block's copy changed the panel: %v", got)
	}
	for name, f := range map[string]func(){
		"unknown path":   func() { p.Block("intercom/sip/config") },
		"unknown field":  func() { p.SetBlock(volume, fakepanel.Values{"iVolume": 1}) },
		"wrong type":     func() { p.SetBlock(volume, fakepanel.Values{"iSpAttLevel": "6"}) },
		"float":          func() { p.SetBlock(volume, fakepanel.Values{"iSpAttLevel": 6.0}) },
		"int for a code": func() { p.SetBlock(dtmf, fakepanel.Values{"sOpenDoor": 12345}) },
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

func TestResetRestoresEveryBlockAndMode(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	for _, c := range blockCases {
		call(t, http.MethodPost, base+api+c.path, c.body(c.post))
	}
	p.SetBlock("network/lan", fakepanel.Values{"sV4Method": "dhcp"})
	p.SetAggregateUnsupported(true)
	p.SetPadTexts(true)
	p.SetLowercaseHosts(true)
	p.SetTrimStored(true)
	p.SetMaxStored(2)
	p.SetBareLists(true)

	p.Reset()

	for _, c := range blockCases {
		wantJSON(t, get(t, base+api+c.path), c.factory)
	}
	if got := p.Block("network/lan")["sV4Method"]; got != "static" {
		t.Fatalf("network/lan after Reset: %v", got)
	}
	aggregate(t, base)
	get(t, base+api+"system/device-info")
	call(t, http.MethodPost, base+sipPath, sipBody(validFields))
	if got := p.Config(); got != validConfig {
		t.Fatalf("a mode outlived Reset: %+v", got)
	}
	if n := p.RequestsTo(http.MethodGet, "intercom/gconfig"); n != 1 {
		t.Fatalf("RequestsTo after Reset = %d, want 1", n)
	}
}

func TestBlockFaults(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	c := caseFor(t, volume)
	p.Inject(fakepanel.Fault{Path: "intercom/gconfig", Status: 503, Times: 1})
	p.Inject(fakepanel.Fault{Path: "/" + volume, Method: http.MethodPost, Status: 400, EchoBody: true, Times: 1})
	get(t, base+api+volume) // neither fault's path
	wantEnvelope(t, call(t, http.MethodPost, base+api+volume, c.body(c.post)), 400, "Wrong parameters: "+c.body(c.post))
	wantJSON(t, get(t, base+api+volume), c.factory) // the faulted POST stored nothing
	wantEnvelope(t, call(t, http.MethodGet, base+api+"intercom/gconfig", ""), 503, "Service Unavailable")
	aggregate(t, base)
	if n := p.RequestsTo(http.MethodGet, "intercom/gconfig"); n != 2 {
		t.Fatalf("RequestsTo(GET intercom/gconfig) = %d, want 2: faulted requests count too", n)
	}
}

func TestLogfHidesCodes(t *testing.T) {
	fleet, base := start(t)
	logged := logLines(fleet)
	for _, path := range []string{codes, dtmf, volume} {
		c := caseFor(t, path)
		call(t, http.MethodPost, base+api+path, c.body(c.post))
	}
	lines := logged()
	all := strings.Join(lines, "\n")
	for _, code := range []string{"007007", "212121", "00001", "999999", "012345"} {
		if strings.Contains(all, code) {
			t.Errorf("the log shows code %s:\n%s", code, all)
		}
	}
	for _, want := range []string{"sOpenDoor=(set)", "sEnterTestMenuCode=(set)", "iSpAttLevel=5", "POST /intercom/gconfig/volume -> 200"} {
		if !strings.Contains(all, want) {
			t.Errorf("the log misses %q:\n%s", want, all)
		}
	}
}
