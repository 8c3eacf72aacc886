package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The offline fleet: N panels with one intercom_sip_config each, of which
// ten go offline after the create, five refusing connections (a closed
// port) and five never answering one (a blackhole), and a provider set to
// unreachable_panels = "warn". Its plan must still finish, with one
// warning per offline panel, and cost little more than the same plan with
// every panel up: each offline panel should cost about connect_timeout per
// attempt, not request_timeout.

// The offline panels' settings: connect_timeout and max_retries, so that a
// blackholed panel costs offlineAttempts × offlineConnectTimeout plus one
// backoff (250 to 500 ms before the one retry).
const (
	offlineConnectTimeout = time.Second
	offlineRetries        = 1
	offlineAttempts       = offlineRetries + 1
	offlineRefused        = 5
	offlineBlackholed     = 5
	offlineDown           = offlineRefused + offlineBlackholed
)

// offlineEvery spreads the offline panels over a fleet of n: panel i is
// the offline panel i/every when i % every == every/2 (one in every 100 of
// 1000 panels), so they do not all come last in Terraform's walk.
func offlineEvery(n int) int { return n / offlineDown }

func isOffline(i, n int) bool {
	e := offlineEvery(n)
	return i%e == e/2 && i/e < offlineDown
}

// offlinePanel is one of the panels that go down: its own listener on the
// loopback, serving the emulator until down is called.
type offlinePanel struct {
	address string
	kind    string // "refused" or "blackholed"
	down    func()
	// release closes what a blackhole keeps open, at the end of the part.
	release func()
}

// check makes sure a panel that is down is down the way it should be: a
// connect refused at once, or one never answered. A blackhole whose
// socket closed would refuse instead, and the plan would time nothing.
func (p offlinePanel) check(when string) {
	host := strings.TrimPrefix(p.address, "http://")
	host, _, _ = strings.Cut(host, "/")
	c, err := (&net.Dialer{Timeout: 300 * time.Millisecond}).DialContext(context.Background(), "tcp", host)
	if err == nil {
		_ = c.Close()
	}
	var got string
	switch {
	case err == nil:
		got = "accepted"
	case errors.Is(err, syscall.ECONNREFUSED):
		got = "refused"
	case os.IsTimeout(err):
		got = "blackholed"
	default:
		got = err.Error()
	}
	if got != p.kind {
		fatalf("offline fleet: %s, the %s panel %s %s a connect", when, p.kind, p.address, got)
	}
}

// offlineResult is what the offline fleet measured.
type offlineResult struct {
	n, parallelism   int
	offline          []offlinePanel
	create           time.Duration
	reachable        time.Duration // median plan with every panel up
	reachableKB      int64
	offlinePlan      time.Duration // median plan with the offline panels down
	offlineTimes     []time.Duration
	offlineKB        int64
	warnings         []int // "Panel Unreachable" warnings in each offline plan
	reachableWarn    int   // the most in any plan with every panel up
	namedAll         bool  // every offline plan named every offline panel in a warning
	blackholeTimeout bool  // every offline plan said a blackholed panel ran out of connect_timeout
	notes            []string
}

// bound is the target: the reachable plan plus 2 × connect_timeout ×
// attempts.
func (r offlineResult) bound() time.Duration {
	return r.reachable + 2*offlineConnectTimeout*offlineAttempts
}

func (r offlineResult) ratio() float64 { return r.offlinePlan.Seconds() / r.bound().Seconds() }

func (b *bench) offlineFleet(n int) offlineResult {
	if n < 2*offlineDown {
		fatalf("-offline-panels: %d is too few; the ten offline panels are spread over the fleet, so at least %d", n, 2*offlineDown)
	}
	r := offlineResult{n: n, parallelism: b.parallelism, namedAll: true, blackholeTimeout: true}
	for i := range offlineDown {
		prefix := "/down/" + strconv.Itoa(i)
		var p offlinePanel
		if i < offlineRefused {
			p = refusingPanel(b.fleet)
		} else {
			p = blackholePanel(b.fleet)
		}
		p.address += prefix
		r.offline = append(r.offline, p)
	}
	defer func() {
		for _, p := range r.offline {
			p.down() // a second call does nothing
			if p.release != nil {
				p.release()
			}
		}
	}()

	dir := filepath.Join(b.work, "offline"+strconv.Itoa(n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatalf("%v", err)
	}
	writeFile(filepath.Join(dir, "main.tf"), offlineWorkspace(n, b.url, r.offline))
	common := []string{"-input=false", "-no-color", "-parallelism=" + strconv.Itoa(b.parallelism)}
	tf := func(step, watch string, args ...string) outcome {
		return b.tf.run(dir, fmt.Sprintf("offline%d-%s", n, step), watch, append(args, common...)...)
	}

	progress("offline fleet of %d: create (apply), every panel up", n)
	r.create = tf("create", "", "apply", "-auto-approve", "-compact-warnings").elapsed
	b.checkOfflineFleet(n, r.offline)

	// -json: the human output folds similar warnings into one.
	plan := func(step string) outcome {
		return tf(step, b.tf.providerExe, "plan", "-json", "-detailed-exitcode")
	}
	progress("offline fleet of %d: plan ×%d, every panel up", n, runs)
	var up series
	for i := range runs {
		o := plan("plan-up-" + strconv.Itoa(i))
		up.add(&r.notes, fmt.Sprintf("offline fleet of %d, every panel up", n), o, requests{})
		r.reachableWarn = max(r.reachableWarn, strings.Count(o.out, `"summary":"Panel Unreachable"`))
	}
	r.reachable, r.reachableKB = up.median(), up.peakKB

	progress("offline fleet of %d: %d panels refuse connections and %d never answer one", n, offlineRefused, offlineBlackholed)
	for _, p := range r.offline {
		p.down()
	}
	for _, p := range r.offline {
		p.check("before the plans")
	}
	progress("offline fleet of %d: plan ×%d with them down", n, runs)
	var down series
	for i := range runs {
		o := plan("plan-down-" + strconv.Itoa(i))
		down.add(&r.notes, fmt.Sprintf("offline fleet of %d, ten panels down", n), o, requests{})
		r.warnings = append(r.warnings, strings.Count(o.out, `"summary":"Panel Unreachable"`))
		for _, p := range r.offline {
			if !strings.Contains(o.out, "Panel "+p.address+" could not be reached") {
				r.namedAll = false
			}
		}
		// Each blackholed panel's warning says why: its connects ran out
		// of connect_timeout.
		if strings.Count(o.out, "no connection within "+offlineConnectTimeout.String()+" (connect_timeout)") < offlineBlackholed {
			r.blackholeTimeout = false
		}
	}
	r.offlinePlan, r.offlineTimes, r.offlineKB = down.median(), down.times, down.peakKB
	for _, p := range r.offline {
		p.check("after the plans")
	}
	return r
}

// checkOfflineFleet makes sure the create reached every panel, the ten
// that go offline included: their state must exist for the plan to refresh.
func (b *bench) checkOfflineFleet(n int, offline []offlinePanel) {
	wrong := 0
	for i := range n {
		prefix := "/offline/" + strconv.Itoa(i)
		if isOffline(i, n) {
			prefix = "/down/" + strconv.Itoa(i/offlineEvery(n))
		}
		if b.fleet.Panel(prefix).Config().User != userCreate {
			wrong++
		}
	}
	if wrong > 0 {
		fatalf("offline fleet of %d: %d panels (of them %d to go offline) do not hold SIP user %q after the create",
			n, wrong, len(offline), userCreate)
	}
}

// refusingPanel serves h on a loopback port of its own; down closes the
// port, so a connect there is refused at once.
func refusingPanel(h http.Handler) offlinePanel {
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		fatalf("offline fleet: %v", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return offlinePanel{address: "http://" + ln.Addr().String(), kind: "refused", down: func() { _ = srv.Close() }}
}

// blackholePanel serves h on a loopback port of its own until down is
// called; from then on a connect there is never answered, as with a panel
// behind a dropped route. The socket listens with a backlog of 0 and
// stays open: down stops accepting and fills the backlog, and then the
// kernel drops every further SYN. (The same technique as blackhole() in
// internal/provider/fleet_ops_test.go.)
func blackholePanel(h http.Handler) offlinePanel {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err == nil {
		err = syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}})
	}
	if err == nil {
		err = syscall.Listen(fd, 0)
	}
	if err != nil {
		fatalf("offline fleet: blackhole: %v", err)
	}
	// The file keeps the socket open (and listening) until release; the
	// server gets a duplicate, whose closing stops the accepting. The
	// file must stay referenced: its finalizer would close the socket, and
	// the blackhole would refuse.
	file := os.NewFile(uintptr(fd), "blackhole")
	ln, err := net.FileListener(file)
	if err != nil {
		fatalf("offline fleet: blackhole: %v", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	addr := ln.Addr().String()
	var held []net.Conn
	done := false
	down := func() {
		if done {
			return
		}
		done = true
		_ = srv.Close()
		for range 8 {
			c, err := (&net.Dialer{Timeout: 200 * time.Millisecond}).DialContext(context.Background(), "tcp", addr)
			if err != nil {
				return // the backlog is full: connects now go unanswered
			}
			held = append(held, c) // kept open, so the backlog stays full
		}
		fatalf("offline fleet: the blackhole at %s still accepts connections after %d", addr, len(held))
	}
	release := func() {
		for _, c := range held {
			_ = c.Close()
		}
		_ = file.Close()
	}
	return offlinePanel{address: "http://" + addr, kind: "blackholed", down: down, release: release}
}

// offlineWorkspace is the SIP fleet of intercomWorkspace with the offline
// panels spread over it, and the provider's offline settings.
func offlineWorkspace(n int, url string, offline []offlinePanel) string {
	quoted := make([]string, len(offline))
	for i, p := range offline {
		quoted[i] = strconv.Quote(p.address)
	}
	return fmt.Sprintf(`terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

# Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD.
provider "intercom" {
  unreachable_panels = "warn"
  connect_timeout    = %q
  max_retries        = %d
}

locals {
  # Panels on ports of their own, which go offline after the create.
  offline = [%s]
}

resource "intercom_sip_config" "panel" {
  count = %d

  address  = count.index %% %d == %d && count.index < %d ? local.offline[floor(count.index / %d)] : "%s/offline/${count.index}"
  user     = %q
  domain   = "pbx.example.net"
  password = "sip-pw-${count.index}"
}
`, offlineConnectTimeout.String(), offlineRetries, strings.Join(quoted, ", "), n, offlineEvery(n), offlineEvery(n)/2, offlineDown*offlineEvery(n), offlineEvery(n), url, userCreate)
}
