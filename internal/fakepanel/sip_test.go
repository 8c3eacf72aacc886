package fakepanel_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

func TestPostValidation(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		msg         string
	}{
		{"missing field", "application/json", sipBody(`"sUser":"a","sPassword":"","sDomain":"d","sProxy":"","sRealm":"*","sProtocol":"udp"`), 400, "missing iPort"},
		{"port as a string", "application/json", sipBody(strings.Replace(validFields, "5061", `"5061"`, 1)), 400, "wrong type"},
		{"port as a fraction", "application/json", sipBody(strings.Replace(validFields, "5061", `5061.5`, 1)), 400, "wrong type"},
		{"user as a number", "application/json", sipBody(strings.Replace(validFields, `"alice"`, `7`, 1)), 400, "wrong type"},
		{"null user", "application/json", sipBody(strings.Replace(validFields, `"alice"`, `null`, 1)), 400, "wrong type"},
		{"null port", "application/json", sipBody(strings.Replace(validFields, `5061`, `null`, 1)), 400, "Wrong parameters"},
		{"unknown field", "application/json", sipBody(validFields + `,"sExtra":"x"`), 400, "unknown field"},
		{"field in another case", "application/json", sipBody(strings.Replace(validFields, `"sUser"`, `"SUSER"`, 1)), 400, "missing sUser"},
		{"sctp", "application/json", sipBody(strings.Replace(validFields, `"tcp"`, `"sctp"`, 1)), 400, "sProtocol"},
		{"upper-case UDP", "application/json", sipBody(strings.Replace(validFields, `"tcp"`, `"UDP"`, 1)), 400, "sProtocol"},
		{"port 0", "application/json", sipBody(strings.Replace(validFields, "5061", "0", 1)), 400, "iPort out of range"},
		{"port 65536", "application/json", sipBody(strings.Replace(validFields, "5061", "65536", 1)), 400, "iPort out of range"},
		{"not wrapped in oSip", "application/json", `{` + validFields + `}`, 400, "oSip"},
		{"oSip not an object", "application/json", `{"oSip":[1]}`, 400, "oSip"},
		{"text/plain", "text/plain", sipBody(validFields), 400, "Content-Type"},
		{"no Content-Type", "", sipBody(validFields), 400, "Content-Type"},
		{"malformed JSON", "application/json", sipBody(validFields)[1:], 500, "[json.exception.parse_error.101]"},
		{"empty body", "application/json", "", 500, "[json.exception.parse_error.101]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, base := start(t)
			a := send(t, http.MethodPost, base+sipPath, tt.contentType, tt.body, user, password)
			wantEnvelope(t, a, tt.status, tt.msg)
			if got := fleet.Panel("").Config(); got != fakepanel.FactoryConfig() {
				t.Fatalf("a rejected POST changed the settings to %+v", got)
			}
		})
	}
}

func TestPostAccepts(t *testing.T) {
	tests := []struct{ name, contentType, fields string }{
		{"charset", "application/json; charset=utf-8", validFields},
		{"udp, port 1", "application/json", strings.Replace(strings.Replace(validFields, "5061", "1", 1), `"tcp"`, `"udp"`, 1)},
		{"tls, port 65535", "application/json", strings.Replace(strings.Replace(validFields, "5061", "65535", 1), `"tcp"`, `"tls"`, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, base := start(t)
			if a := send(t, http.MethodPost, base+sipPath, tt.contentType, sipBody(tt.fields), user, password); a.status != http.StatusOK {
				t.Fatalf("status %d: %s", a.status, a.body)
			}
		})
	}
}
