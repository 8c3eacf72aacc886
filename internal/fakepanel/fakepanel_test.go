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

// logLines collects what the fleet logs; the func it returns gives the
// lines logged so far.
func logLines(fleet *fakepanel.Server) func() []string {
	var (
		mu    sync.Mutex
		lines []string
	)
	fleet.Logf = func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), lines...)
	}
}

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
		"/api/v1.cgi/intercom/gconfig/", "/api/v1.cgi/intercom/gconfig/nope", "/api/v1.cgi/intercom/appartmentz",
		"/api/v1.cgi/intercom/rfids/AB12/x", "/api/v1.cgi/intercom/codess",
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
	logged := logLines(fleet)
	call(t, http.MethodPost, base+sipPath, sipBody(validFields))
	call(t, http.MethodGet, base+sipPath, "")
	send(t, http.MethodGet, base+sipPath, "", "", user, "wrong-"+validConfig.Password)
	lines := logged()
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

func TestRebootDropsConnectionsForAWhile(t *testing.T) {
	srv := fakepanel.New()
	hs := httptest.NewServer(srv)
	defer hs.Close()
	p := srv.Panel("/r")
	p.SetRebootTime(300 * time.Millisecond)
	call := func(method, path string) (*http.Response, error) {
		req, err := http.NewRequestWithContext(t.Context(), method, hs.URL+"/r/api/v1.cgi/"+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		return http.DefaultClient.Do(req)
	}
	resp, err := call(http.MethodPost, "system/reboot")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("reboot: %v %v", resp, err)
	}
	resp.Body.Close()
	if resp, err := call(http.MethodGet, "firmware/version"); err == nil {
		resp.Body.Close()
		t.Fatal("a rebooting panel answered")
	}
	time.Sleep(350 * time.Millisecond)
	resp, err = call(http.MethodGet, "firmware/version")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the panel did not come back: %v %v", resp, err)
	}
	resp.Body.Close()
	if p.Reboots() != 1 {
		t.Errorf("reboots = %d, want 1", p.Reboots())
	}
}
