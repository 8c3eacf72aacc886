package client_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

const (
	adminUser     = "admin"
	adminPassword = "adm1n-Pa55-7f3c"
	sipPassword   = "s1p-Pa55-481a709e4626"
	sipPath       = "/intercom/sip/config"
)

// startFleet serves a fresh emulator for one test, with auth on.
func startFleet(t *testing.T) (*fakepanel.Server, *httptest.Server) {
	t.Helper()
	fleet := fakepanel.New()
	fleet.SetCredentials(adminUser, adminPassword)
	srv := httptest.NewServer(fleet)
	t.Cleanup(srv.Close)
	return fleet, srv
}

// newClient builds a client with tiny delays so that retries cost
// milliseconds; opts come last and win.
func newClient(t *testing.T, baseURL string, opts ...client.Option) *client.Client {
	t.Helper()
	all := append([]client.Option{
		client.WithBackoff(time.Millisecond, 20*time.Millisecond),
		client.WithTimeout(2 * time.Second),
		client.WithMaxRetries(2),
	}, opts...)
	c, err := client.New(baseURL, adminUser, adminPassword, all...)
	if err != nil {
		t.Fatalf("client.New(%q): %v", baseURL, err)
	}
	return c
}

func sampleConfig() client.SIPConfig {
	return client.SIPConfig{
		User: "7049a52d1dea", Password: sipPassword, Domain: "27167.kazoo-01.stage.proptech.ru",
		Proxy: "proxy.example:5060", Realm: "pbx", Protocol: "tls", Port: 5061,
	}
}

func toFake(c client.SIPConfig) fakepanel.SIPConfig {
	return fakepanel.SIPConfig{User: c.User, Password: c.Password, Domain: c.Domain, Proxy: c.Proxy,
		Realm: c.Realm, Protocol: c.Protocol, Port: int(c.Port)}
}

func TestGetSIPConfigReturnsPanelSettings(t *testing.T) {
	fleet, srv := startFleet(t)
	want := sampleConfig()
	fleet.Panel("").SetConfig(toFake(want))

	got, err := newClient(t, srv.URL).GetSIPConfig(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("GetSIPConfig = %+v, want %+v", got, want)
	}
}

func TestSetThenGetRoundTripsAllFields(t *testing.T) {
	fleet, srv := startFleet(t)
	c := newClient(t, srv.URL)
	want := sampleConfig()

	if err := c.SetSIPConfig(t.Context(), want); err != nil {
		t.Fatal(err)
	}
	if got := fleet.Panel("").Config(); got != toFake(want) {
		t.Fatalf("the panel holds %+v, want %+v", got, toFake(want))
	}
	got, err := c.GetSIPConfig(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("GetSIPConfig after Set = %+v, want %+v", got, want)
	}

	// The API asks for all seven fields, wrapped in oSip, and nothing else.
	var body map[string]map[string]json.RawMessage
	if err := json.Unmarshal(fleet.Panel("").LastBody(), &body); err != nil {
		t.Fatalf("the POST body is not an object of objects: %v", err)
	}
	if len(body) != 1 || body["oSip"] == nil {
		t.Fatalf("the POST body has keys %v, want only oSip", keys(body))
	}
	wantKeys := []string{"iPort", "sDomain", "sPassword", "sProtocol", "sProxy", "sRealm", "sUser"}
	if got := keys(body["oSip"]); strings.Join(got, ",") != strings.Join(wantKeys, ",") {
		t.Fatalf("oSip has %v, want %v", got, wantKeys)
	}
	if port := string(body["oSip"]["iPort"]); port != "5061" {
		t.Fatalf("iPort is sent as %s, want the JSON number 5061", port)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestPathPrefixReachesOnlyThatPanel(t *testing.T) {
	fleet, srv := startFleet(t)
	want := sampleConfig()
	fleet.Panel("/panels/17").SetConfig(toFake(want))
	fleet.Panel("/panels/18").SetConfig(toFake(client.SIPConfig{User: "other", Protocol: "udp", Port: 5060}))

	c := newClient(t, srv.URL+"/panels/17")
	if got, err := c.GetSIPConfig(t.Context()); err != nil || got != want {
		t.Fatalf("GetSIPConfig = %+v, %v; want %+v", got, err, want)
	}
	if err := c.SetSIPConfig(t.Context(), client.EmptySIPConfig()); err != nil {
		t.Fatal(err)
	}
	for prefix, wantGets := range map[string]int{"/panels/17": 1, "": 0, "/panels/18": 0} {
		p := fleet.Panel(prefix)
		if got := p.Requests(http.MethodGet); got != wantGets {
			t.Errorf("panel %q saw %d GETs, want %d", prefix, got, wantGets)
		}
	}
	if got := fleet.Panel("/panels/18").Config().User; got != "other" {
		t.Errorf("the POST to /panels/17 changed /panels/18 (user %q)", got)
	}
	if got := fleet.Panel("").Requests(http.MethodPost); got != 0 {
		t.Errorf("the root panel saw %d POSTs", got)
	}
}

func TestBasicAuth(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").SetConfig(toFake(sampleConfig()))
	tests := []struct {
		name     string
		password string
		wantErr  bool
	}{
		{"right password", adminPassword, false},
		{"wrong password", "wr0ng-Pa55word", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := client.New(srv.URL, adminUser, tt.password, client.WithBackoff(time.Millisecond, 20*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetSIPConfig(t.Context())
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("GetSIPConfig with the right password: %v", err)
				}
				return
			}
			if !client.IsUnauthorized(err) {
				t.Fatalf("IsUnauthorized(%v) = false", err)
			}
			text := err.Error()
			for _, want := range []string{srv.URL, "GET " + sipPath, "HTTP 401"} {
				if !strings.Contains(text, want) {
					t.Errorf("error %q does not name %q", text, want)
				}
			}
			for _, secret := range []string{adminPassword, tt.password} {
				if strings.Contains(text, secret) {
					t.Errorf("error %q contains a password", text)
				}
			}
		})
	}
}

func TestUnsupportedFirmware(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").SetUnsupported(true)
	c := newClient(t, srv.URL)

	_, getErr := c.GetSIPConfig(t.Context())
	setErr := c.SetSIPConfig(t.Context(), sampleConfig())
	for name, err := range map[string]error{"GET": getErr, "POST": setErr} {
		if !client.IsUnsupported(err) || client.StatusCode(err) != http.StatusNotImplemented {
			t.Errorf("%s: IsUnsupported(%v) = false, want a 501", name, err)
		}
	}
}

func TestPanelRejectsWrongParameters(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*client.SIPConfig)
		wantMsg string
	}{
		{"port zero", func(c *client.SIPConfig) { c.Port = 0 }, "Wrong parameters: iPort out of range"},
		{"port too big", func(c *client.SIPConfig) { c.Port = 65536 }, "Wrong parameters: iPort out of range"},
		{"sctp", func(c *client.SIPConfig) { c.Protocol = "sctp" }, "Wrong parameters: sProtocol must be udp, tcp or tls"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, srv := startFleet(t)
			cfg := sampleConfig()
			tt.change(&cfg)
			err := newClient(t, srv.URL).SetSIPConfig(t.Context(), cfg)
			var apiErr *client.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("SetSIPConfig error = %v (%T), want an *APIError", err, err)
			}
			if apiErr.StatusCode != http.StatusBadRequest || apiErr.Message != tt.wantMsg {
				t.Fatalf("got HTTP %d %q, want HTTP 400 %q", apiErr.StatusCode, apiErr.Message, tt.wantMsg)
			}
			if strings.Contains(err.Error(), sipPassword) {
				t.Fatalf("error %q contains the SIP password", err)
			}
			if got := fleet.Panel("").Config(); got != fakepanel.FactoryConfig() {
				t.Fatalf("a rejected POST changed the panel to %+v", got)
			}
		})
	}
}

func TestGetAcceptsUnknownFieldsAndAnyKeyOrder(t *testing.T) {
	want := client.SIPConfig{User: "u1", Password: "p1", Domain: "d.example", Proxy: "", Realm: "*", Protocol: "tcp", Port: 5070}
	bodies := map[string]string{
		"reversed": `{"iPort":5070,"sProtocol":"tcp","sRealm":"*","sProxy":"","sDomain":"d.example","sPassword":"p1","sUser":"u1"}`,
		"extra fields": `{"bRegistered":true,"sUser":"u1","oStatus":{"sState":"ok","aCodecs":["pcmu",1]},"sPassword":"p1",
			"sDomain":"d.example","sProxy":"","iExpires":3600,"sRealm":"*","sProtocol":"tcp","iPort":5070,"sNew":null}`,
		"whitespace": "\n  {\n\t\"sUser\" : \"u1\", \"sPassword\":\"p1\", \"sDomain\":\"d.example\", \"sProxy\":\"\",\r\n" +
			"\"sRealm\":\"*\", \"sProtocol\":\"tcp\", \"iPort\": 5070 }\n",
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			fleet, srv := startFleet(t)
			fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusOK, ContentType: "application/json", Body: body})
			got, err := newClient(t, srv.URL).GetSIPConfig(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("GetSIPConfig = %+v, want %+v", got, want)
			}
		})
	}
}

func TestMaskedPasswordIsReturnedAsIs(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").SetConfig(toFake(sampleConfig()))
	fleet.Panel("").SetMaskPassword(true)

	got, err := newClient(t, srv.URL).GetSIPConfig(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got.Password != "********" {
		t.Fatalf("Password = %q, want the panel's mask ********", got.Password)
	}
}

// A panel or proxy may echo what it was sent or what it holds; the
// client's errors must not pass the SIP password on.
func TestErrorsNeverContainTheSIPPassword(t *testing.T) {
	withPassword := `{"sUser":"u","sPassword":"` + sipPassword + `","sDomain":"d","sProxy":"","sRealm":"*","sProtocol":"udp","iPort":`
	tests := []struct {
		name  string
		set   bool // SetSIPConfig, else GetSIPConfig
		fault fakepanel.Fault
	}{
		{"400 from the emulator", true, fakepanel.Fault{}},
		{"400 echoing the body", true, fakepanel.Fault{Status: 400, Message: "Wrong parameters: sPassword=" + sipPassword}},
		{"parse error quoting the body", true, fakepanel.Fault{Status: 500,
			Message: `[json.exception.parse_error.101] parse error at line 1, column 80: last read: '"` + sipPassword + `'`}},
		{"HTML page echoing the body", true, fakepanel.Fault{Status: 502, ContentType: "text/html", Body: "<p>bad value " + sipPassword + "</p>"}},
		{"plain text echoing the body", true, fakepanel.Fault{Status: 400, ContentType: "text/plain", Body: "bad value\n" + sipPassword}},
		{"wrong type in the answer", false, fakepanel.Fault{Status: 200, ContentType: "application/json", Body: withPassword + `"5060"}`}},
		{"answer cut short", false, fakepanel.Fault{Status: 200, ContentType: "application/json", Body: withPassword}},
		{"answer behind a byte-order mark", false, fakepanel.Fault{Status: 200, ContentType: "application/json", Body: "\ufeff" + withPassword + "5060}"}},
		{"envelope next to the settings", false, fakepanel.Fault{Status: 503, ContentType: "application/json",
			Body: `{"error":{"code":503,"message":"busy; sPassword=` + sipPassword + `"},"sPassword":"` + sipPassword + `"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, srv := startFleet(t)
			c := newClient(t, srv.URL, client.WithMaxRetries(0))
			var err error
			if tt.fault == (fakepanel.Fault{}) {
				cfg := sampleConfig()
				cfg.Port = 0
				err = c.SetSIPConfig(t.Context(), cfg)
			} else {
				fleet.Panel("").Inject(tt.fault)
				if tt.set {
					err = c.SetSIPConfig(t.Context(), sampleConfig())
				} else {
					_, err = c.GetSIPConfig(t.Context())
				}
			}
			if err == nil {
				t.Fatal("want an error")
			}
			if strings.Contains(err.Error(), sipPassword) {
				t.Fatalf("error contains the SIP password: %v", err)
			}
		})
	}
}

// A panel message that quotes the password is left out whole, rather
// than cut around the secret, yet still decides that the error is final.
func TestEchoedPasswordLeavesOutTheMessage(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Status: 500,
		Message: `[json.exception.parse_error.101] parse error: last read: '"` + sipPassword + `'`})
	err := newClient(t, srv.URL).SetSIPConfig(t.Context(), sampleConfig())
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v, want an *APIError", err)
	}
	if apiErr.Message != "" || !apiErr.BodyRejected() {
		t.Fatalf("Message = %q, BodyRejected = %v; want no message and a rejected body", apiErr.Message, apiErr.BodyRejected())
	}
	if want := "panel " + srv.URL + ": POST " + sipPath + ": HTTP 500: Internal Server Error (the panel's own text is left out"; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %q does not begin %q", err, want)
	}
	// Leaving the message out must not turn a final error into a retried one.
	if n := fleet.Panel("").Requests(http.MethodPost); n != 1 {
		t.Fatalf("the panel saw %d POSTs, want 1", n)
	}
}

func TestAnswerCutShortIsNamed(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Status: 200, ContentType: "application/json", Body: `{"sUser":"a","sProto`})
	_, err := newClient(t, srv.URL).GetSIPConfig(t.Context())
	var respErr *client.ResponseError
	if !errors.As(err, &respErr) || respErr.Reason != "the JSON answer is cut short" {
		t.Fatalf("error = %v, want a ResponseError saying the answer is cut short", err)
	}
}

// net/http follows a 301 for a POST with a GET, so a write would seem to
// succeed without reaching the panel. The client must stop and say where
// the redirect points.
func TestRedirectIsNotFollowed(t *testing.T) {
	fleet, srv := startFleet(t)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/panels/3"+strings.TrimPrefix(r.URL.Path, "/old")+"?token=abc123", http.StatusMovedPermanently)
	}))
	t.Cleanup(front.Close)
	c := newClient(t, front.URL+"/old")

	err := c.SetSIPConfig(t.Context(), sampleConfig())
	if got := client.StatusCode(err); got != http.StatusMovedPermanently {
		t.Fatalf("SetSIPConfig through a redirect: %v (status %d), want an HTTP 301 error", err, got)
	}
	if want := srv.URL + "/panels/3,"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name the base address %q", err, want)
	}
	if strings.Contains(err.Error(), "abc123") {
		t.Errorf("error %q repeats the redirect's query", err)
	}
	if n := fleet.Requests(http.MethodGet) + fleet.Requests(http.MethodPost); n != 0 {
		t.Fatalf("the panel behind the redirect saw %d requests, want 0", n)
	}
}
