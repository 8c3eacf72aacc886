package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// logRecorder keeps what the client logs, to count retries even when no
// request reaches the emulator.
type logRecorder struct {
	mu    sync.Mutex
	lines []logLine
}

type logLine struct {
	msg    string
	fields map[string]any
}

func (r *logRecorder) log(_ context.Context, msg string, fields map[string]any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, logLine{msg, fields})
}

func (r *logRecorder) all() []logLine {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]logLine(nil), r.lines...)
}

func (r *logRecorder) count(msg string) int {
	n := 0
	for _, l := range r.all() {
		if l.msg == msg {
			n++
		}
	}
	return n
}

const retrying = "retrying panel request"

func TestRetriesServiceUnavailable(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusServiceUnavailable, Times: 2})
	if _, err := newClient(t, srv.URL).GetSIPConfig(t.Context()); err != nil {
		t.Fatalf("GetSIPConfig after two 503s: %v", err)
	}
	if n := fleet.Panel("").Requests(http.MethodGet); n != 3 {
		t.Fatalf("the panel saw %d GETs, want 3", n)
	}
}

// Retry-After is obeyed, but never for longer than the backoff cap: a
// panel must not stall terraform for minutes.
func TestRetryAfterIsCappedByBackoffMax(t *testing.T) {
	tests := []struct {
		name     string
		cap      time.Duration
		min, max time.Duration
	}{
		// Without Retry-After the first delay would be about 1ms; without
		// the cap it would be 3s. The bounds are wide apart so that a busy
		// machine cannot blur them.
		{"capped", 50 * time.Millisecond, 45 * time.Millisecond, 2 * time.Second},
		{"honoured", 5 * time.Second, 2950 * time.Millisecond, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, srv := startFleet(t)
			fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3", Times: 1})
			c := newClient(t, srv.URL, client.WithBackoff(time.Millisecond, tt.cap))
			start := time.Now()
			if _, err := c.GetSIPConfig(t.Context()); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d < tt.min || d > tt.max {
				t.Fatalf("the retry came after %v, want between %v and %v", d, tt.min, tt.max)
			}
			if n := fleet.Panel("").Requests(http.MethodGet); n != 2 {
				t.Fatalf("the panel saw %d GETs, want 2", n)
			}
		})
	}
}

// A fresh client is used so that the dropped connection is a new one:
// net/http replays a GET by itself only on a reused connection, and this
// test is about the client's own retry.
func TestDroppedConnectionIsRetried(t *testing.T) {
	tests := []struct {
		maxRetries int
		wantErr    bool
	}{
		{0, true},
		{1, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("max retries %d", tt.maxRetries), func(t *testing.T) {
			fleet, srv := startFleet(t)
			fleet.Panel("").Inject(fakepanel.Fault{Drop: true, Times: 1})
			logs := &logRecorder{}
			c := newClient(t, srv.URL, client.WithMaxRetries(tt.maxRetries), client.WithLogger(logs.log))
			_, err := c.GetSIPConfig(t.Context())
			if tt.wantErr {
				var connErr *client.ConnectionError
				if !errors.As(err, &connErr) {
					t.Fatalf("error = %v (%T), want a *ConnectionError", err, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("GetSIPConfig after a dropped connection: %v", err)
			}
			if n := logs.count(retrying); n != 1 {
				t.Fatalf("the client logged %d retries, want 1", n)
			}
		})
	}
}

func TestHTMLErrorPageExhaustsRetries(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusBadGateway, ContentType: "text/html",
		Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"})
	_, err := newClient(t, srv.URL, client.WithMaxRetries(2)).GetSIPConfig(t.Context())
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadGateway {
		t.Fatalf("error = %v, want an HTTP 502 *APIError", err)
	}
	for _, want := range []string{"text/html", "502 Bad Gateway"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not show %q", err, want)
		}
	}
	if n := fleet.Panel("").Requests(http.MethodGet); n != 3 {
		t.Fatalf("the panel saw %d GETs, want 3 (1 + 2 retries)", n)
	}
}

func TestTruncatedAnswer(t *testing.T) {
	tests := []struct {
		name     string
		times    int // 0: every answer
		wantErr  bool
		wantGets int
	}{
		{"persistent", 0, true, 3},
		{"once", 1, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, srv := startFleet(t)
			fleet.Panel("").SetConfig(toFake(sampleConfig()))
			fleet.Panel("").Inject(fakepanel.Fault{Truncate: true, Times: tt.times})
			_, err := newClient(t, srv.URL, client.WithMaxRetries(2)).GetSIPConfig(t.Context())
			if (err != nil) != tt.wantErr {
				t.Fatalf("GetSIPConfig error = %v, want error: %v", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), sipPassword) {
				t.Fatalf("error %q contains the SIP password", err)
			}
			if n := fleet.Panel("").Requests(http.MethodGet); n != tt.wantGets {
				t.Fatalf("the panel saw %d GETs, want %d", n, tt.wantGets)
			}
		})
	}
}

func TestWrongTypedFieldIsNotRetried(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusOK, ContentType: "application/json",
		Body: `{"sUser":"u","sPassword":"p","sDomain":"d","sProxy":"","sRealm":"*","sProtocol":"udp","iPort":"5060"}`})
	_, err := newClient(t, srv.URL).GetSIPConfig(t.Context())
	var respErr *client.ResponseError
	if !errors.As(err, &respErr) {
		t.Fatalf("error = %v (%T), want a *ResponseError", err, err)
	}
	if !strings.Contains(respErr.Reason, `"iPort"`) {
		t.Errorf("reason %q does not name iPort", respErr.Reason)
	}
	if n := fleet.Panel("").Requests(http.MethodGet); n != 1 {
		t.Fatalf("the panel saw %d GETs, want 1: a wrong answer is not transient", n)
	}
}

func TestSlowPanelTimesOut(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Delay: 3 * time.Second})
	logs := &logRecorder{}
	c := newClient(t, srv.URL, client.WithTimeout(50*time.Millisecond), client.WithMaxRetries(2), client.WithLogger(logs.log))
	start := time.Now()
	_, err := c.GetSIPConfig(t.Context())
	var connErr *client.ConnectionError
	if !errors.As(err, &connErr) || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Fatalf("error = %v, want a *ConnectionError saying no answer within 50ms", err)
	}
	if n := logs.count(retrying); n != 2 {
		t.Fatalf("the client logged %d retries, want 2", n)
	}
	if n := fleet.Panel("").Requests(http.MethodGet); n != 3 {
		t.Fatalf("the panel saw %d GETs, want 3", n)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("three 50ms attempts took %v: the timeout is not applied", d)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusServiceUnavailable})
	c := newClient(t, srv.URL, client.WithBackoff(5*time.Second, 5*time.Second))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	time.AfterFunc(100*time.Millisecond, cancel)

	start := time.Now()
	_, err := c.GetSIPConfig(ctx)
	if d := time.Since(start); d > time.Second {
		t.Fatalf("GetSIPConfig returned %v after the cancel, want well under a second", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want one wrapping context.Canceled", err)
	}
	if client.StatusCode(err) != http.StatusServiceUnavailable {
		t.Errorf("error %v lost the 503 that caused the wait", err)
	}
	if n := fleet.Panel("").Requests(http.MethodGet); n != 1 {
		t.Fatalf("the panel saw %d GETs, want 1", n)
	}
}

func TestFinalStatusesAreNotRetried(t *testing.T) {
	for _, code := range []int{400, 401, 403, 404, 501} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			fleet, srv := startFleet(t)
			fleet.Panel("").Inject(fakepanel.Fault{Status: code})
			_, err := newClient(t, srv.URL, client.WithMaxRetries(3)).GetSIPConfig(t.Context())
			if got := client.StatusCode(err); got != code {
				t.Fatalf("error = %v (status %d), want HTTP %d", err, got, code)
			}
			if n := fleet.Panel("").Requests(http.MethodGet); n != 1 {
				t.Fatalf("the panel saw %d GETs, want 1", n)
			}
		})
	}
}

// A 500 from the panel's JSON parser means our body is wrong, which no
// retry can fix; any other 500 may pass.
func TestParseErrorIsNotRetried(t *testing.T) {
	tests := []struct {
		name      string
		message   string
		wantPosts int
	}{
		{"parse error", "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error", 1},
		{"plain 500", "Internal Server Error", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, srv := startFleet(t)
			fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusInternalServerError, Message: tt.message})
			err := newClient(t, srv.URL, client.WithMaxRetries(2)).SetSIPConfig(t.Context(), sampleConfig())
			if client.StatusCode(err) != http.StatusInternalServerError {
				t.Fatalf("error = %v, want HTTP 500", err)
			}
			if n := fleet.Panel("").Requests(http.MethodPost); n != tt.wantPosts {
				t.Fatalf("the panel saw %d POSTs, want %d", n, tt.wantPosts)
			}
		})
	}
}

func TestConcurrencyLimitPerPanel(t *testing.T) {
	tests := []struct{ limit, callers int }{
		{1, 5},
		{2, 20},
		{4, 20},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("limit %d", tt.limit), func(t *testing.T) {
			fleet, srv := startFleet(t)
			// The delay keeps each request open long enough to overlap.
			fleet.Panel("").Inject(fakepanel.Fault{Delay: 30 * time.Millisecond})
			c := newClient(t, srv.URL, client.WithMaxConcurrent(tt.limit))
			var wg sync.WaitGroup
			errs := make(chan error, tt.callers)
			for range tt.callers {
				wg.Go(func() {
					if _, err := c.GetSIPConfig(t.Context()); err != nil {
						errs <- err
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			if got := fleet.Panel("").MaxInFlight(); got != tt.limit {
				t.Fatalf("the panel had up to %d requests open at once, want exactly %d", got, tt.limit)
			}
		})
	}
}

// Each panel has its own slots: a slow panel must not hold up another.
// The same-panel case shows that the measurement can tell the two apart.
func TestPanelsAreNotSerialisedAgainstEachOther(t *testing.T) {
	const delay = time.Second
	tests := []struct {
		name     string
		a, b     string
		min, max time.Duration
	}{
		{"different panels", "/panels/1", "/panels/2", delay, 2*delay - 100*time.Millisecond},
		{"same panel", "/panels/1", "/panels/1", 2 * delay, 4 * delay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet, srv := startFleet(t)
			fleet.Panel(tt.a).Inject(fakepanel.Fault{Delay: delay})
			fleet.Panel(tt.b).Inject(fakepanel.Fault{Delay: delay})
			ca := newClient(t, srv.URL+tt.a, client.WithMaxConcurrent(1))
			cb, err := ca.WithAddress(srv.URL + tt.b)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			var wg sync.WaitGroup
			for _, c := range []*client.Client{ca, cb} {
				wg.Go(func() {
					if _, err := c.GetSIPConfig(t.Context()); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if d := time.Since(start); d < tt.min || d > tt.max {
				t.Fatalf("two calls took %v, want between %v and %v", d, tt.min, tt.max)
			}
		})
	}
}

func TestOversizedAnswerIsRefused(t *testing.T) {
	fleet, srv := startFleet(t)
	body := `{"sProtocol":"udp","sUser":"` + strings.Repeat("a", 1<<20) + `"}`
	fleet.Panel("").Inject(fakepanel.Fault{Status: http.StatusOK, ContentType: "application/json", Body: body})
	_, err := newClient(t, srv.URL).GetSIPConfig(t.Context())
	var respErr *client.ResponseError
	if !errors.As(err, &respErr) || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Fatalf("error = %v, want a *ResponseError saying the answer is larger than 1 MiB", err)
	}
	if len(err.Error()) > 300 {
		t.Fatalf("the error is %d bytes long; it must not quote the answer", len(err.Error()))
	}
	if n := fleet.Panel("").Requests(http.MethodGet); n != 1 {
		t.Fatalf("the panel saw %d GETs, want 1", n)
	}
}

func TestRetryIsLoggedWithoutSecrets(t *testing.T) {
	fleet, srv := startFleet(t)
	fleet.Panel("").SetConfig(toFake(sampleConfig()))
	// The 503 echoes the SIP password, as a careless panel might; the log
	// line's reason carries the error text.
	fleet.Panel("").Inject(fakepanel.Fault{Method: http.MethodPost, Status: http.StatusServiceUnavailable,
		Message: "busy; sPassword=" + sipPassword, Times: 1})
	fleet.Panel("").Inject(fakepanel.Fault{Method: http.MethodGet, Drop: true, Times: 1})
	logs := &logRecorder{}
	c := newClient(t, srv.URL, client.WithLogger(logs.log))

	// GET first, on a new connection: net/http would replay a GET dropped
	// on a reused one by itself, unseen by the client.
	if _, err := c.GetSIPConfig(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSIPConfig(t.Context(), sampleConfig()); err != nil {
		t.Fatal(err)
	}

	lines := logs.all()
	var retries []logLine
	for _, l := range lines {
		if l.msg == retrying {
			retries = append(retries, l)
		}
	}
	if len(retries) != 2 {
		t.Fatalf("got %d %q lines, want 2 (one per fault): %v", len(retries), retrying, lines)
	}
	for _, l := range retries {
		if l.fields["attempt"] != 2 || l.fields["panel"] != srv.URL {
			t.Errorf("line %v: want attempt 2 and panel %s", l.fields, srv.URL)
		}
		if reason, _ := l.fields["reason"].(string); reason == "" {
			t.Errorf("line %v has no reason", l.fields)
		}
	}
	for _, l := range lines {
		text := l.msg + fmt.Sprint(l.fields)
		for _, secret := range []string{adminPassword, sipPassword} {
			if strings.Contains(text, secret) {
				t.Errorf("log line %q %v contains a password", l.msg, l.fields)
			}
		}
	}
}
