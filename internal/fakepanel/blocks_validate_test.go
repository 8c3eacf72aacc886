package fakepanel_test

import (
	"net/http"
	"testing"
)

const (
	timeouts = "intercom/gconfig/timeouts"
	volume   = "intercom/gconfig/volume"
	codes    = "intercom/gconfig/default_codes"
	dtmf     = "intercom/gconfig/dtmf_codes"
	texts    = "intercom/gconfig/text"
	method   = "intercom/dtmf/method"
	ntp      = "network/ntp"
	syslog   = "system/syslog/settings"
	alert    = "emergency_alert/volume"
)

func TestBlockPostValidation(t *testing.T) {
	tests := []struct {
		name, path, body string
		status           int
		msg              string
	}{
		// Shape.
		{"malformed JSON", volume, `{"oGConfigVolume":{`, 500, "[json.exception.parse_error.101]"},
		{"empty body", ntp, ``, 500, "[json.exception.parse_error.101]"},
		{"no wrapper", volume, caseFor(t, volume).post, 400, "Wrong parameters: oGConfigVolume object expected"},
		{"another block's wrapper", volume, `{"oGConfigTimeouts":` + caseFor(t, volume).post + `}`, 400, "oGConfigVolume object expected"},
		{"wrapper not an object", volume, `{"oGConfigVolume":[1]}`, 400, "oGConfigVolume object expected"},
		{"null wrapper", volume, `{"oGConfigVolume":null}`, 400, "oGConfigVolume object expected"},
		{"a key beside the wrapper", volume, `{"oGConfigVolume":` + caseFor(t, volume).post + `,"oSip":{}}`, 400, "unknown field oSip"},
		{"body an array", ntp, `[]`, 400, "Wrong parameters: JSON object expected"},
		{"flat body wrapped", method, `{"oDtmfMethod":{"dtmf_method":"rfc2833"}}`, 400, "missing dtmf_method"},
		{"unknown field", timeouts, replaced(t, timeouts, `"iDefaultTimeoutMs"`, `"iExtra":1,"iDefaultTimeoutMs"`), 400, "Wrong parameters: unknown field iExtra"},
		{"field in another case", timeouts, replaced(t, timeouts, `"iDefaultTimeoutMs"`, `"idefaulttimeoutms"`), 400, "missing iDefaultTimeoutMs"},
		// JSON types.
		{"int as a string", timeouts, replaced(t, timeouts, `2500`, `"2500"`), 400, "iDefaultTimeoutMs must be an integer"},
		{"int as a fraction", timeouts, replaced(t, timeouts, `2500`, `2500.5`), 400, "iDefaultTimeoutMs must be an integer"},
		{"int with an exponent", timeouts, replaced(t, timeouts, `2500`, `25e2`), 400, "iDefaultTimeoutMs must be an integer"},
		{"int too large", timeouts, replaced(t, timeouts, `2500`, `9223372036854775808`), 400, "iDefaultTimeoutMs must be an integer"},
		{"int as a bool", timeouts, replaced(t, timeouts, `2500`, `true`), 400, "iDefaultTimeoutMs must be an integer"},
		{"null int", timeouts, replaced(t, timeouts, `2500`, `null`), 400, "iDefaultTimeoutMs must be an integer, not null"},
		{"string as a number", alert, replaced(t, alert, `"00:00 - 23:59"`, `0`), 400, "sScheduleTime must be a string"},
		{"null string", texts, replaced(t, texts, `"AUTO"`, `null`), 400, "sAddAuto must be a string, not null"},
		{"bool as a number", ntp, replaced(t, ntp, `"bNtpEnabled":false`, `"bNtpEnabled":0`), 400, "bNtpEnabled must be a boolean"},
		{"bool as a string", ntp, replaced(t, ntp, `"bDstEnabled":true`, `"bDstEnabled":"true"`), 400, "bDstEnabled must be a boolean"},
		// Codes are strings of digits, never numbers.
		{"code as a number", dtmf, `{"oGConfigDtmfCodes":{"sOpenDoor":12345}}`, 400, "sOpenDoor must be a string"},
		{"code with a letter", dtmf, `{"oGConfigDtmfCodes":{"sOpenDoor":"1234a"}}`, 400, "sOpenDoor must be a string of digits"},
		{"code with a star", dtmf, `{"oGConfigDtmfCodes":{"sOpenDoor":"123*"}}`, 400, "sOpenDoor must be a string of digits"},
		{"empty code", codes, replaced(t, codes, `"999999"`, `""`), 400, "sEnterTestMenuCode must be a string of digits"},
		{"code with a space", codes, replaced(t, codes, `"212121"`, `" 212121"`), 400, "sDefaultKeepOpenedCode must be a string of digits"},
		// Documented ranges and values.
		{"line volume 0", volume, replaced(t, volume, `"iLineBeepVolume":51`, `"iLineBeepVolume":0`), 400, "iLineBeepVolume must be between 1 and 100"},
		{"panel volume 101", volume, replaced(t, volume, `"iPanelBeepVolume":52`, `"iPanelBeepVolume":101`), 400, "iPanelBeepVolume must be between 1 and 100"},
		{"mic gain 8", volume, replaced(t, volume, `"iMicGainLevel":4`, `"iMicGainLevel":8`), 400, "iMicGainLevel must be between 0 and 7"},
		{"speaker gain -1", volume, replaced(t, volume, `"iSpAttLevel":5`, `"iSpAttLevel":-1`), 400, "iSpAttLevel must be between 0 and 7"},
		{"alert volume -1", alert, replaced(t, alert, `"iVolume":0`, `"iVolume":-1`), 400, "iVolume must be between 0 and 100"},
		{"night volume 101", alert, replaced(t, alert, `"iScheduleVolume":100`, `"iScheduleVolume":101`), 400, "iScheduleVolume must be between 0 and 100"},
		{"schedule without spaces", alert, replaced(t, alert, `"00:00 - 23:59"`, `"00:00-23:59"`), 400, "sScheduleTime must be HH:MM - HH:MM"},
		{"schedule hour 24", alert, replaced(t, alert, `"00:00 - 23:59"`, `"24:00 - 23:59"`), 400, "sScheduleTime must be HH:MM - HH:MM"},
		{"schedule minute 60", alert, replaced(t, alert, `"00:00 - 23:59"`, `"00:00 - 23:60"`), 400, "sScheduleTime must be HH:MM - HH:MM"},
		{"schedule one-digit hour", alert, replaced(t, alert, `"00:00 - 23:59"`, `"0:00 - 23:59"`), 400, "sScheduleTime must be HH:MM - HH:MM"},
		{"dtmf method inband", method, `{"dtmf_method":"inband"}`, 400, "dtmf_method must be one of rfc2833, sip-info"},
		{"dtmf method upper case", method, `{"dtmf_method":"RFC2833"}`, 400, "dtmf_method must be one of"},
		{"zone not listed", ntp, replaced(t, ntp, `"CentralEuropeStandardTime-1DaylightTime,M3.5.0,M10.5.0/3"`, `"Europe/Berlin"`), 400, "sTimeZone must be one of the zones listed by network/ntp/zone"},
		{"zone in another case", ntp, replaced(t, ntp, `"CentralEuropeStandardTime-1DaylightTime,M3.5.0,M10.5.0/3"`, `"utc0"`), 400, "sTimeZone"},
		{"syslog over tls", syslog, `{"protocol":"tls"}`, 400, "protocol must be one of udp, tcp"},
		{"syslog host name", syslog, `{"address":"logs.example:514"}`, 400, "address must be IPv4:port"},
		{"syslog without port", syslog, `{"address":"10.0.0.1"}`, 400, "address must be IPv4:port"},
		{"syslog port 0", syslog, `{"address":"10.0.0.1:0"}`, 400, "address must be IPv4:port"},
		{"syslog port 65536", syslog, `{"address":"10.0.0.1:65536"}`, 400, "address must be IPv4:port"},
		{"syslog port +514", syslog, `{"address":"10.0.0.1:+514"}`, 400, "address must be IPv4:port"},
		{"syslog IPv6", syslog, `{"address":"[::1]:514"}`, 400, "address must be IPv4:port"},
		{"syslog null", syslog, `{"address":null}`, 400, "address must be a string, not null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, base := start(t)
			before := fleet.Panel("").Block(tt.path)
			wantEnvelope(t, call(t, http.MethodPost, base+api+tt.path, tt.body), tt.status, tt.msg)
			wantJSON(t, marshalT(t, fleet.Panel("").Block(tt.path)), string(marshalT(t, before)))
		})
	}
}

func TestBlockPostAccepts(t *testing.T) {
	tests := []struct{ name, path, body string }{
		{"volumes at their bounds", volume, `{"oGConfigVolume":{"iLineBeepVolume":1,"iMicGainLevel":0,"iPanelBeepVolume":100,"iSpAttLevel":7}}`},
		{"alert volumes at their bounds", alert, `{"iVolume":100,"iScheduleVolume":0,"bScheduleStatus":true,"sScheduleTime":"23:59 - 00:00"}`},
		{"keys in any order, with spaces", volume, "{ \"oGConfigVolume\" : {\"iSpAttLevel\":0, \"iPanelBeepVolume\":1,\n\"iMicGainLevel\":7,\"iLineBeepVolume\":100} }"},
		{"negative timeout", timeouts, replaced(t, timeouts, `2500`, `-1`)},
		{"long code", dtmf, `{"oGConfigDtmfCodes":{"sOpenDoor":"0000000000000000"}}`},
		{"every zone example", ntp, replaced(t, ntp, `"CentralEuropeStandardTime-1DaylightTime,M3.5.0,M10.5.0/3"`, `"<UTC-11>11"`)},
		{"UTC0", ntp, replaced(t, ntp, `"CentralEuropeStandardTime-1DaylightTime,M3.5.0,M10.5.0/3"`, `"UTC0"`)},
		{"syslog highest port", syslog, `{"address":"255.255.255.255:65535"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, base := start(t)
			if a := send(t, http.MethodPost, base+api+tt.path, "application/json; charset=utf-8", tt.body, user, password); a.status != http.StatusOK {
				t.Fatalf("status %d: %s", a.status, a.body)
			}
		})
	}
}

func TestBlockPostNeedsJSONContentType(t *testing.T) {
	_, base := start(t)
	c := caseFor(t, volume)
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded"} {
		a := send(t, http.MethodPost, base+api+volume, ct, c.body(c.post), user, password)
		wantEnvelope(t, a, 400, "Content-Type")
	}
	wantJSON(t, get(t, base+api+volume), c.factory)
}

func TestMethods(t *testing.T) {
	_, base := start(t)
	for _, tt := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodPost, "intercom/gconfig", 501, ""},
		{http.MethodPost, "intercom/gconfig/info", 501, ""},
		{http.MethodPost, "network/ntp/zone", 501, ""},
		{http.MethodPost, "system/device-info", 501, ""},
		{http.MethodPost, "firmware/version", 501, ""},
		{http.MethodPost, "network/lan", 501, ""},
		{http.MethodDelete, volume, 405, "GET, POST"},
		{http.MethodPut, ntp, 405, "GET, POST"},
		{http.MethodPatch, "intercom/gconfig", 405, "GET"},
		{http.MethodDelete, "system/device-info", 405, "GET"},
	} {
		a := call(t, tt.method, base+api+tt.path, `{}`)
		wantEnvelope(t, a, tt.status, http.StatusText(tt.status))
		if a.header.Get("Allow") != tt.allow {
			t.Errorf("%s %s: Allow %q", tt.method, tt.path, a.header.Get("Allow"))
		}
	}
}
