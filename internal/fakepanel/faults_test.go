package fakepanel_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

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
