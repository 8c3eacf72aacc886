package fakepanel_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

const (
	user     = "admin"
	password = "adm1n-Pa55-7f3c"
	sipPath  = "/api/v1.cgi/intercom/sip/config"
)

func start(t *testing.T) (*fakepanel.Server, string) {
	t.Helper()
	fleet := fakepanel.New()
	fleet.SetCredentials(user, password)
	srv := httptest.NewServer(fleet)
	t.Cleanup(srv.Close)
	return fleet, srv.URL
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

// call sends one request with the right credentials and JSON body type.
func call(t *testing.T, method, url, body string) answer {
	t.Helper()
	return send(t, method, url, "application/json", body, user, password)
}

func send(t *testing.T, method, url, contentType, body, u, p string) answer {
	t.Helper()
	a, err := trySend(t, method, url, contentType, body, u, p)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return a
}

func trySend(t *testing.T, method, url, contentType, body, u, p string) (answer, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if u != "" {
		req.SetBasicAuth(u, p)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	return answer{resp.StatusCode, resp.Header, b}, nil
}

// wantEnvelope checks an error answer: its status, and an envelope with
// the same code and a message containing msg.
func wantEnvelope(t *testing.T, a answer, status int, msg string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d (%s), want %d", a.status, a.body, status)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var env struct {
		Error *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(a.body, &env); err != nil || env.Error == nil {
		t.Fatalf("body %s is not an error envelope: %v", a.body, err)
	}
	if env.Error.Code != status || !strings.Contains(env.Error.Message, msg) {
		t.Fatalf("envelope %+v, want code %d and a message containing %q", *env.Error, status, msg)
	}
}

func sipBody(fields string) string { return `{"oSip":{` + fields + `}}` }

const validFields = `"sUser":"alice","sPassword":"s3cret-pw","sDomain":"sip.example","sProxy":"","sRealm":"*","sProtocol":"tcp","iPort":5061`

var validConfig = fakepanel.SIPConfig{User: "alice", Password: "s3cret-pw", Domain: "sip.example", Realm: "*", Protocol: "tcp", Port: 5061}

func getConfig(t *testing.T, url string) fakepanel.SIPConfig {
	t.Helper()
	a := call(t, http.MethodGet, url, "")
	if a.status != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", url, a.status, a.body)
	}
	var cfg fakepanel.SIPConfig
	if err := json.Unmarshal(a.body, &cfg); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return cfg
}

func TestGetShowsWhatTheLastPostSet(t *testing.T) {
	fleet, base := start(t)
	if got := getConfig(t, base+sipPath); got != fakepanel.FactoryConfig() {
		t.Fatalf("a new panel holds %+v, want the factory settings", got)
	}
	a := call(t, http.MethodPost, base+sipPath, sipBody(validFields))
	if a.status != http.StatusOK {
		t.Fatalf("POST: status %d: %s", a.status, a.body)
	}
	if got := getConfig(t, base+sipPath); got != validConfig {
		t.Fatalf("GET after POST = %+v, want %+v", got, validConfig)
	}
	if got := fleet.Panel("").Config(); got != validConfig {
		t.Fatalf("Config() = %+v, want %+v", got, validConfig)
	}
	if got := string(fleet.Panel("").LastBody()); got != sipBody(validFields) {
		t.Fatalf("LastBody = %s, want the POST body as sent", got)
	}
}

func TestGetMasksThePasswordWhenAsked(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	p.SetMaskPassword(true)
	if got := getConfig(t, base+sipPath).Password; got != "" {
		t.Fatalf("an empty password shows as %q, want it empty", got)
	}
	p.SetConfig(validConfig)
	if got := getConfig(t, base+sipPath).Password; got != "********" {
		t.Fatalf("the masked password shows as %q", got)
	}
	if got := p.Config().Password; got != validConfig.Password {
		t.Fatalf("Config().Password = %q, want it in clear", got)
	}
}

func TestAuth(t *testing.T) {
	_, base := start(t)
	tests := []struct {
		name, user, password string
		want                 int
	}{
		{"right", user, password, http.StatusOK},
		{"none", "", "", http.StatusUnauthorized},
		{"wrong user", "root", password, http.StatusUnauthorized},
		{"wrong password", user, "wrong", http.StatusUnauthorized},
		{"password prefix", user, password[:4], http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				a := send(t, method, base+sipPath, "application/json", sipBody(validFields), tt.user, tt.password)
				if tt.want == http.StatusOK {
					if a.status != http.StatusOK {
						t.Fatalf("%s: status %d: %s", method, a.status, a.body)
					}
					continue
				}
				wantEnvelope(t, a, http.StatusUnauthorized, "Unauthorized")
				if a.header.Get("WWW-Authenticate") == "" {
					t.Errorf("%s: a 401 without WWW-Authenticate", method)
				}
			}
		})
	}
}

func TestAuthCanBeTurnedOff(t *testing.T) {
	fleet, base := start(t)
	fleet.SetCredentials("", "")
	if a := send(t, http.MethodGet, base+sipPath, "", "", "", ""); a.status != http.StatusOK {
		t.Fatalf("GET without auth on an open panel: status %d", a.status)
	}
}

func TestUnknownPathsAre501(t *testing.T) {
	_, base := start(t)
	for _, path := range []string{
		"/", "/index.html", "/api/v1.cgi", "/api/v1.cgix/intercom/sip/config", "/api/v1.cgi/intercom/sip",
		"/api/v1.cgi/intercom/sip/config/extra", "/api/v1.cgi/system/device-infos", "/panels/2/api/v1.cgi/network/ntpd",
		"/api/v1.cgi/intercom/gconfig/", "/api/v1.cgi/intercom/gconfig/nope", "/api/v1.cgi/intercom/appartments",
	} {
		t.Run(path, func(t *testing.T) {
			wantEnvelope(t, call(t, http.MethodGet, base+path, ""), http.StatusNotImplemented, "Not Implemented")
		})
	}
}

func TestUnsupportedPanelIs501(t *testing.T) {
	fleet, base := start(t)
	fleet.Panel("/old").SetUnsupported(true)
	wantEnvelope(t, call(t, http.MethodGet, base+"/old"+sipPath, ""), http.StatusNotImplemented, "Not Implemented")
	wantEnvelope(t, call(t, http.MethodPost, base+"/old"+sipPath, sipBody(validFields)), http.StatusNotImplemented, "Not Implemented")
	if a := call(t, http.MethodGet, base+sipPath, ""); a.status != http.StatusOK {
		t.Fatalf("another panel answers %d", a.status)
	}
}

func TestOtherMethodsAre405(t *testing.T) {
	_, base := start(t)
	wantEnvelope(t, call(t, http.MethodDelete, base+sipPath, ""), http.StatusMethodNotAllowed, "Method Not Allowed")
}

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

func TestPanelsUnderDifferentPrefixesAreIndependent(t *testing.T) {
	fleet, base := start(t)
	if a := call(t, http.MethodPost, base+"/panels/1"+sipPath, sipBody(validFields)); a.status != http.StatusOK {
		t.Fatalf("POST: status %d", a.status)
	}
	if got := getConfig(t, base+"/panels/1"+sipPath); got != validConfig {
		t.Fatalf("/panels/1 holds %+v", got)
	}
	for _, prefix := range []string{"", "/panels/2", "/panels"} {
		if got := getConfig(t, base+prefix+sipPath); got != fakepanel.FactoryConfig() {
			t.Errorf("panel %q holds %+v, want the factory settings", prefix, got)
		}
	}
	// The steering handle finds the same panel however the prefix is
	// spelled.
	for _, prefix := range []string{"/panels/1", "/panels/1/", "panels/1"} {
		if got := fleet.Panel(prefix).Config(); got != validConfig {
			t.Errorf("Panel(%q).Config() = %+v, want %+v", prefix, got, validConfig)
		}
	}
	if n := fleet.Panel("/panels/1").Requests(http.MethodGet); n != 1 {
		t.Errorf("/panels/1 counted %d GETs, want 1", n)
	}
	if n := fleet.Requests(http.MethodGet); n != 4 {
		t.Errorf("the fleet counted %d GETs, want 4", n)
	}
	if n := fleet.RequestsTo(http.MethodGet, "intercom/sip/config"); n != 4 {
		t.Errorf("the fleet counted %d GETs of the SIP path, want 4", n)
	}
	if n := fleet.Panel("/panels/1").RequestsTo(http.MethodPost, "intercom/sip/config"); n != 1 {
		t.Errorf("/panels/1 counted %d POSTs of the SIP path, want 1", n)
	}
	if n := fleet.RequestsTo(http.MethodGet, "intercom/sip"); n != 0 {
		t.Errorf("the fleet counted %d GETs of a shorter path, want 0", n)
	}
}

func TestFaults(t *testing.T) {
	t.Run("times", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Status: 503, Times: 2})
		for i, want := range []int{503, 503, 200, 200} {
			if a := call(t, http.MethodGet, base+sipPath, ""); a.status != want {
				t.Fatalf("request %d: status %d, want %d", i+1, a.status, want)
			}
		}
	})
	t.Run("forever", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Status: 502})
		for i := range 5 {
			if a := call(t, http.MethodGet, base+sipPath, ""); a.status != 502 {
				t.Fatalf("request %d: status %d, want 502", i+1, a.status)
			}
		}
		fleet.Panel("").ClearFaults()
		if a := call(t, http.MethodGet, base+sipPath, ""); a.status != 200 {
			t.Fatalf("after ClearFaults: status %d", a.status)
		}
	})
	t.Run("in order, by method", func(t *testing.T) {
		fleet, base := start(t)
		p := fleet.Panel("")
		p.Inject(fakepanel.Fault{Method: http.MethodPost, Status: 500, Times: 1})
		p.Inject(fakepanel.Fault{Status: 502, Times: 1})
		p.Inject(fakepanel.Fault{Status: 504, Times: 1})
		steps := []struct {
			method string
			want   int
		}{{"GET", 502}, {"POST", 500}, {"POST", 504}, {"POST", 200}, {"GET", 200}}
		for i, s := range steps {
			if a := call(t, s.method, base+sipPath, sipBody(validFields)); a.status != s.want {
				t.Fatalf("step %d, %s: status %d, want %d", i+1, s.method, a.status, s.want)
			}
		}
	})
	t.Run("status with message and Retry-After", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Status: 429, Message: "slow down", RetryAfter: "3", Times: 1})
		a := call(t, http.MethodGet, base+sipPath, "")
		wantEnvelope(t, a, 429, "slow down")
		if got := a.header.Get("Retry-After"); got != "3" {
			t.Fatalf("Retry-After %q, want 3", got)
		}
	})
	t.Run("echo body", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Status: 400, EchoBody: true, Times: 1})
		body := sipBody(strings.Replace(validFields, "s3cret-pw", `Qu\"o<te>&`, 1))
		a := call(t, http.MethodPost, base+sipPath, body)
		wantEnvelope(t, a, 400, "Wrong parameters: "+body)
		// Like the firmware's JSON library, and unlike Go's default, the
		// envelope keeps < > & as they are.
		if !strings.Contains(string(a.body), `o<te>&`) {
			t.Fatalf("body %s escapes the quoted request", a.body)
		}
		fleet.Panel("").Inject(fakepanel.Fault{Status: 500, Message: "[json.exception.parse_error.101] parse error", EchoBody: true, Times: 1})
		wantEnvelope(t, call(t, http.MethodPost, base+sipPath, "{x"), 500, "[json.exception.parse_error.101] parse error: {x")
	})
	t.Run("by path", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Path: "intercom/sip/config", Method: http.MethodPost, Status: 503, Times: 1})
		if a := call(t, http.MethodGet, base+sipPath, ""); a.status != 200 {
			t.Fatalf("GET: status %d, want 200", a.status)
		}
		if a := call(t, http.MethodGet, base+"/api/v1.cgi/intercom/gconfig", ""); a.status == 503 {
			t.Fatalf("a request to another path took the fault")
		}
		if a := call(t, http.MethodPost, base+sipPath, sipBody(validFields)); a.status != 503 {
			t.Fatalf("POST: status %d, want 503", a.status)
		}
	})
	t.Run("custom body", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Status: 502, ContentType: "text/html", Body: "<h1>502</h1>", Times: 1})
		a := call(t, http.MethodGet, base+sipPath, "")
		if a.status != 502 || a.header.Get("Content-Type") != "text/html" || string(a.body) != "<h1>502</h1>" {
			t.Fatalf("got %d %q %q", a.status, a.header.Get("Content-Type"), a.body)
		}
	})
	t.Run("after POST", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Method: http.MethodGet, Status: 503, Times: 1, AfterPOST: true})
		steps := []struct {
			method string
			want   int
		}{{"GET", 200}, {"POST", 200}, {"GET", 503}, {"GET", 200}}
		for i, s := range steps {
			if a := call(t, s.method, base+sipPath, sipBody(validFields)); a.status != s.want {
				t.Fatalf("step %d, %s: status %d, want %d", i+1, s.method, a.status, s.want)
			}
		}
	})
	t.Run("delay", func(t *testing.T) {
		fleet, base := start(t)
		fleet.Panel("").Inject(fakepanel.Fault{Delay: 100 * time.Millisecond, Times: 1})
		begin := time.Now()
		call(t, http.MethodGet, base+sipPath, "")
		if d := time.Since(begin); d < 100*time.Millisecond {
			t.Fatalf("the answer came after %v, want at least 100ms", d)
		}
	})
	// Truncate and Drop must fail the exchange for every kind of answer,
	// the POST's empty 200 included.
	for name, f := range map[string]fakepanel.Fault{
		"truncate": {Truncate: true, Times: 1},
		"drop":     {Drop: true, Times: 1},
	} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			t.Run(name+" "+method, func(t *testing.T) {
				fleet, base := start(t)
				fleet.Panel("").Inject(f)
				if a, err := trySend(t, method, base+sipPath, "application/json", sipBody(validFields), user, password); err == nil {
					t.Fatalf("got a whole answer: %d %s", a.status, a.body)
				}
				if a := call(t, method, base+sipPath, sipBody(validFields)); a.status != http.StatusOK {
					t.Fatalf("the next request: status %d", a.status)
				}
			})
		}
	}
}

func TestMaxInFlight(t *testing.T) {
	fleet, base := start(t)
	fleet.Panel("").Inject(fakepanel.Fault{Delay: 50 * time.Millisecond})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { call(t, http.MethodGet, base+sipPath, "") })
	}
	wg.Wait()
	if got := fleet.Panel("").MaxInFlight(); got != 3 {
		t.Fatalf("MaxInFlight = %d, want 3", got)
	}
	if got := fleet.MaxInFlight(); got != 3 {
		t.Fatalf("Server.MaxInFlight = %d, want 3", got)
	}
	fleet.ResetCounters()
	if got, n := fleet.MaxInFlight(), fleet.Requests(http.MethodGet); got != 0 || n != 0 {
		t.Fatalf("after ResetCounters: MaxInFlight %d, GETs %d", got, n)
	}
}

func TestResetRestoresFactorySettings(t *testing.T) {
	fleet, base := start(t)
	p := fleet.Panel("")
	call(t, http.MethodPost, base+sipPath, sipBody(validFields))
	p.SetMaskPassword(true)
	p.SetUnsupported(true)
	p.Inject(fakepanel.Fault{Status: 500})

	p.Reset()

	if got := p.Config(); got != fakepanel.FactoryConfig() {
		t.Fatalf("Config() after Reset = %+v", got)
	}
	if n := p.Requests(http.MethodPost); n != 0 || len(p.LastBody()) != 0 {
		t.Fatalf("after Reset: %d POSTs, last body %q", n, p.LastBody())
	}
	// No fault, no 501, no mask: the panel answers as new.
	p.SetConfig(validConfig)
	if got := getConfig(t, base+sipPath); got != validConfig {
		t.Fatalf("GET after Reset = %+v, want %+v", got, validConfig)
	}
}

func TestLogfHidesThePassword(t *testing.T) {
	fleet, base := start(t)
	var (
		mu    sync.Mutex
		lines []string
	)
	fleet.Logf = func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}
	call(t, http.MethodPost, base+sipPath, sipBody(validFields))
	call(t, http.MethodGet, base+sipPath, "")
	send(t, http.MethodGet, base+sipPath, "", "", user, "wrong-"+validConfig.Password)
	mu.Lock()
	defer mu.Unlock()
	account := 0
	for _, l := range lines {
		if strings.Contains(l, `user="alice"`) {
			account++
		}
		if strings.Contains(l, validConfig.Password) || strings.Contains(l, password) {
			t.Errorf("log line %q contains a password", l)
		}
	}
	if account != 1 {
		t.Fatalf("log = %q, want one line about alice's account", lines)
	}
}
