package fakepanel_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

const api = "/api/v1.cgi/"

// blockCase is one settings block as the vendor documents it, written out
// here apart from the emulator's table so that the two check each other.
type blockCase struct {
	path    string
	wrapper string // "" for a flat POST
	factory string // a new panel's GET answer: the vendor's GET example
	post    string // a valid set of fields, each different from the factory's
}

var blockCases = []blockCase{
	{"intercom/gconfig/timeouts", "oGConfigTimeouts",
		`{"iDefaultTimeoutMs":2000,"iTimeoutMsCallLine":10000,"iTimeoutMsHoldOpenDoorLock":10000,"iTimeoutMsLineTalking":30000,"iTimeoutMsReturnToIdle":10000}`,
		`{"iDefaultTimeoutMs":2500,"iTimeoutMsCallLine":100000,"iTimeoutMsHoldOpenDoorLock":7000,"iTimeoutMsLineTalking":600000,"iTimeoutMsReturnToIdle":100001}`},
	{"intercom/gconfig/volume", "oGConfigVolume",
		`{"iLineBeepVolume":11,"iMicGainLevel":1,"iPanelBeepVolume":11,"iSpAttLevel":1}`,
		`{"iLineBeepVolume":51,"iMicGainLevel":4,"iPanelBeepVolume":52,"iSpAttLevel":5}`},
	{"intercom/gconfig/special_modes", "oGConfigSpecialModes",
		`{"iAllKeyOpenMode":0,"iPermanentLockOpen":0}`,
		`{"iAllKeyOpenMode":1,"iPermanentLockOpen":3}`},
	{"intercom/gconfig/line_state_levels", "oGConfigLineStateLevels",
		`{"iDefaultKzAdcLevel":7,"iDefaultBreakAdcLevel":3500,"iDefaultSpeakAdcLevel":2080,"iDefaultUnlockAdcLevel":2680,"iDefaultHungAdcLevel":850,
		  "iAllowImprecisionSpeak":150,"iAllowImprecisionUnlock":200,"iAllowImprecisionHung":400,"iMinJumpValueToAnotherLevel":310}`,
		`{"iDefaultKzAdcLevel":8,"iDefaultBreakAdcLevel":35000,"iDefaultSpeakAdcLevel":2081,"iDefaultUnlockAdcLevel":2681,"iDefaultHungAdcLevel":851,
		  "iAllowImprecisionSpeak":151,"iAllowImprecisionUnlock":201,"iAllowImprecisionHung":401,"iMinJumpValueToAnotherLevel":330}`},
	{"intercom/gconfig/default_codes", "oGConfigDefaultCodes",
		`{"sDefaultAddAutoKeysCode":"041807","sDefaultKeepOpenedCode":"162985","sDefaultOpenDoorMagicCode":"62492","sEnterTestMenuCode":"581427"}`,
		`{"sDefaultAddAutoKeysCode":"007007","sDefaultKeepOpenedCode":"212121","sDefaultOpenDoorMagicCode":"00001","sEnterTestMenuCode":"999999"}`},
	{"intercom/gconfig/dtmf_codes", "oGConfigDtmfCodes", `{"sOpenDoor":"14379"}`, `{"sOpenDoor":"012345"}`},
	{"intercom/gconfig/text", "oGConfigText",
		`{"sAddAuto":"АВТОСБОР","sAlert":"ВНИМАНИЕ","sCall":" ВЫЗОВ","sComplete":"ЗАВЕРШЕН","sEmpty":" ","sEnter":" ВХОДИТЕ",
		  "sError":" ОШИБКА ","sExit":" ВЫХОД","sIdle":" ДОМ_РУ","sOpen":" ОТКРЫТО","sReset":" СБРОС","sTell":"ГОВОРИТЕ"}`,
		`{"sAddAuto":"AUTO","sAlert":"ALERT","sCall":"ВЫЗОВ","sComplete":"DONE","sEmpty":"","sEnter":"ВХОДИТЕ",
		  "sError":"ОШИБКА","sExit":"ВЫХОД","sIdle":"ПРОСТОЙ","sOpen":"ОТКРЫТО","sReset":"СБРОС","sTell":"<ГОВОРИТЕ & \"x\">"}`},
	{"intercom/gconfig/ip_block", "oGConfigIPBlock",
		`{"iTemperatureHeatOn":-20,"iTemperatureHeatOff":-10,"iTemperatureIPBlockPowerOn":-10,"iTemperatureIPBlockPowerOff":-15}`,
		`{"iTemperatureHeatOn":-10,"iTemperatureHeatOff":-21,"iTemperatureIPBlockPowerOn":-20,"iTemperatureIPBlockPowerOff":-128}`},
	{"intercom/dtmf/method", "", `{"dtmf_method":"rfc2833"}`, `{"dtmf_method":"sip-info"}`},
	{"network/ntp", "",
		`{"bDstEnabled":false,"bNtpEnabled":true,"iRefreshTime":60,
		  "sNtpServers":"ntp0.ntp-servers.net ntp1.ntp-servers.net 0.ru.pool.ntp.org 1.ru.pool.ntp.org 2.ru.pool.ntp.org","sTimeZone":"RussianStandardTime-3"}`,
		`{"bDstEnabled":true,"bNtpEnabled":false,"iRefreshTime":1440,"sNtpServers":"Pool.NTP.org 10.0.0.1",
		  "sTimeZone":"CentralEuropeStandardTime-1DaylightTime,M3.5.0,M10.5.0/3"}`},
	{"system/syslog/settings", "",
		`{"address":"192.168.100.10:514","enable":true,"level":"debug","protocol":"udp","retention_time":6000}`,
		`{"address":"10.1.2.3:1514","enable":false,"level":"err","protocol":"tcp","retention_time":60}`},
	{"emergency_alert/volume", "",
		`{"iVolume":30,"iScheduleVolume":70,"bScheduleStatus":true,"sScheduleTime":"20:16 - 20:17"}`,
		`{"iVolume":0,"iScheduleVolume":100,"bScheduleStatus":false,"sScheduleTime":"00:00 - 23:59"}`},
}

func (c blockCase) body(fields string) string {
	if c.wrapper == "" {
		return fields
	}
	return `{"` + c.wrapper + `":` + fields + `}`
}

func caseFor(t *testing.T, path string) blockCase {
	t.Helper()
	for _, c := range blockCases {
		if c.path == path {
			return c
		}
	}
	t.Fatalf("no case for %s", path)
	return blockCase{}
}

// wantJSON checks that got holds the same JSON value as want, numbers
// compared as written.
func wantJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	g, err := decodeJSON(got)
	if err != nil {
		t.Fatalf("answer %s: %v", got, err)
	}
	w, err := decodeJSON([]byte(want))
	if err != nil {
		t.Fatalf("want %s: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	a := call(t, http.MethodGet, url, "")
	if a.status != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", url, a.status, a.body)
	}
	return a.body
}

func TestBlocksStartWithTheVendorsGETExample(t *testing.T) {
	fleet, base := start(t)
	for _, c := range blockCases {
		t.Run(c.path, func(t *testing.T) {
			a := call(t, http.MethodGet, base+api+c.path, "")
			if ct := a.header.Get("Content-Type"); a.status != http.StatusOK || ct != "application/json" {
				t.Fatalf("status %d, Content-Type %q", a.status, ct)
			}
			wantJSON(t, a.body, c.factory)
			wantJSON(t, marshalT(t, fleet.Panel("").Block(c.path)), c.factory)
		})
	}
}

func TestBlockPostRoundTrip(t *testing.T) {
	for _, c := range blockCases {
		t.Run(c.path, func(t *testing.T) {
			fleet, base := start(t)
			a := call(t, http.MethodPost, base+api+c.path, c.body(c.post))
			if a.status != http.StatusOK || len(a.body) != 0 {
				t.Fatalf("POST: status %d: %s", a.status, a.body)
			}
			wantJSON(t, get(t, base+api+c.path), c.post)
			wantJSON(t, marshalT(t, fleet.Panel("").Block(c.path)), c.post)
			if got := string(fleet.Panel("").LastBody()); got != c.body(c.post) {
				t.Fatalf("LastBody = %s", got)
			}
			if n := fleet.Panel("").RequestsTo(http.MethodPost, c.path); n != 1 {
				t.Fatalf("RequestsTo(POST) = %d, want 1", n)
			}
			// Another panel of the fleet keeps its factory values.
			wantJSON(t, get(t, base+"/other"+api+c.path), c.factory)
		})
	}
}

func TestSyslogTakesPartialBodies(t *testing.T) {
	_, base := start(t)
	url := base + api + "system/syslog/settings"
	for _, body := range []string{`{"enable":false}`, `{}`, `{"protocol":"tcp","retention_time":5}`} {
		if a := call(t, http.MethodPost, url, body); a.status != http.StatusOK {
			t.Fatalf("POST %s: status %d: %s", body, a.status, a.body)
		}
	}
	wantJSON(t, get(t, url), `{"address":"192.168.100.10:514","enable":false,"level":"debug","protocol":"tcp","retention_time":5}`)
	// Partial, but still strict about what it is given.
	wantEnvelope(t, call(t, http.MethodPost, url, `{"enable":"no"}`), 400, "enable must be a boolean")
	wantEnvelope(t, call(t, http.MethodPost, url, `{"enabled":true}`), 400, "unknown field enabled")
}

func TestOtherBlocksRefusePartialBodies(t *testing.T) {
	for _, c := range blockCases {
		if c.path == "system/syslog/settings" {
			continue
		}
		t.Run(c.path, func(t *testing.T) {
			_, base := start(t)
			var fields map[string]json.RawMessage
			if err := json.Unmarshal([]byte(c.post), &fields); err != nil {
				t.Fatal(err)
			}
			for name := range fields {
				rest := map[string]json.RawMessage{}
				for k, v := range fields {
					if k != name {
						rest[k] = v
					}
				}
				body := c.body(string(marshalT(t, rest)))
				wantEnvelope(t, call(t, http.MethodPost, base+api+c.path, body), 400, "Wrong parameters: missing "+name)
			}
			wantJSON(t, get(t, base+api+c.path), c.factory)
		})
	}
}

func marshalT(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// replaced is c's valid body with one substring replaced.
func replaced(t *testing.T, path, old, repl string) string {
	t.Helper()
	c := caseFor(t, path)
	if !strings.Contains(c.post, old) {
		t.Fatalf("%s: %q not in %s", path, old, c.post)
	}
	return c.body(strings.Replace(c.post, old, repl, 1))
}
