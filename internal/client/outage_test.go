package client_test

import (
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// downPanels answers in memory: a panel whose host is in down refuses
// every connect, as a panel that is off does; the others answer {}.
type downPanels struct {
	mu    sync.Mutex
	down  map[string]bool
	dials map[string]int
	// hold, when set, delays each refusal, so that requests pile up
	// behind the first one.
	hold time.Duration
}

func (d *downPanels) RoundTrip(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.dials[r.URL.Host]++
	down := d.down[r.URL.Host]
	d.mu.Unlock()
	if down {
		time.Sleep(d.hold)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{}`)), Request: r}, nil
}

func (d *downPanels) set(host string, down bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.down[host] = down
}

func (d *downPanels) count(host string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dials[host]
}

var version = client.Endpoint{Path: "firmware/version"}

// One request pays for a panel that takes no connection; the requests that
// come while it retries wait for it and then fail at once, other panels are
// untouched, a probe still asks, and an answer brings the panel back.
func TestPanelFoundDownIsAskedOnce(t *testing.T) {
	rt := &downPanels{down: map[string]bool{"off": true}, dials: map[string]int{}, hold: 50 * time.Millisecond}
	base := newClient(t, "", client.WithRoundTripper(rt), client.WithMaxRetries(2))
	off, err := base.WithAddress("http://off")
	if err != nil {
		t.Fatal(err)
	}
	on, _ := base.WithAddress("http://on")

	var wg sync.WaitGroup
	var unreachable atomic.Int32
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := off.Get(t.Context(), version); client.IsUnreachable(err) {
				unreachable.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := unreachable.Load(); n != 4 {
		t.Errorf("%d of 4 requests to the panel that is off were unreachable", n)
	}
	if n := rt.count("off"); n != 3 {
		t.Errorf("the panel that is off was dialled %d times, want 3 (one request and its two retries)", n)
	}
	_, err = off.Get(t.Context(), version)
	if !client.IsUnreachable(err) || !strings.Contains(err.Error(), "earlier in this run") {
		t.Errorf("a later request: %v, want an unreachable error that says the panel was found down earlier", err)
	}
	if n := rt.count("off"); n != 3 {
		t.Errorf("a later request dialled the panel again: %d dials", n)
	}
	if _, err := on.Get(t.Context(), version); err != nil {
		t.Errorf("another panel: %v", err)
	}

	// The panel comes back: a probe sees it, and requests go through again.
	rt.set("off", false)
	if _, err := off.Once().Get(t.Context(), version); err != nil {
		t.Fatalf("a probe of the panel back on: %v", err)
	}
	if _, err := off.Get(t.Context(), version); err != nil {
		t.Errorf("after the panel answered a probe: %v", err)
	}
}

// A panel that comes back during the first request's retries is not
// reported down to the requests that waited for it.
func TestPanelBackDuringRetriesIsNotDown(t *testing.T) {
	rt := &downPanels{down: map[string]bool{"flaky": true}, dials: map[string]int{}, hold: 50 * time.Millisecond}
	c := newClient(t, "http://flaky", client.WithRoundTripper(rt), client.WithMaxRetries(3),
		client.WithBackoff(200*time.Millisecond, 200*time.Millisecond))
	first := make(chan error, 1)
	go func() {
		_, err := c.Get(t.Context(), version)
		first <- err
	}()
	for rt.count("flaky") == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	second := make(chan error, 1)
	go func() {
		_, err := c.Get(t.Context(), version)
		second <- err
	}()
	rt.set("flaky", false)
	if err := <-first; err != nil {
		t.Errorf("the request that retried: %v", err)
	}
	if err := <-second; err != nil {
		t.Errorf("the request that waited: %v", err)
	}
	var connErr *client.ConnectionError
	if _, err := c.Get(t.Context(), version); errors.As(err, &connErr) {
		t.Errorf("a later request: %v", err)
	}
}
