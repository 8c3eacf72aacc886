package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The query: `terraform query` (Terraform 1.14+) of intercom_sip_config
// over 254 loopback addresses at one port, with the emulator serving every
// other one of them, as an operator adopting a /24 of panels would run it.
// All of 127.0.0.0/8 is the loopback on Linux, so each address is a host
// of its own without any network setup. The addresses that are not panels
// refuse the connect at once.

// queryConcurrency is the list configuration's concurrency: its default.
const queryConcurrency = 16

// queryRuns is how many times each query runs, taking turns: a query is
// short (a second or less), so the noise of a loaded machine needs more
// runs than a plan's.
const queryRuns = 7

// queryResult is what the query part measured.
type queryResult struct {
	addresses, panels int
	engine            string
	// Each kind of query, by name: wall clock and the list's own span.
	runs map[string]*querySeries
	// The probes the emulator saw in one full query: GETs, which is one
	// per panel when every probe is a single request.
	fullGets int
	notes    []string
}

// querySeries is the runs of one query.
type querySeries struct {
	wall, span []time.Duration
	found      int // results of the last run
	peakKB     int64
}

func (s *querySeries) wallMedian() time.Duration { return medianOf(s.wall) }
func (s *querySeries) spanMedian() time.Duration { return medianOf(s.span) }

func medianOf(t []time.Duration) time.Duration {
	if len(t) == 0 {
		return 0
	}
	t = slices.Clone(t)
	slices.Sort(t)
	return t[len(t)/2]
}

// The queries, by name.
const (
	qNone      = "none"      // one address where nothing listens: the fixed cost
	qOne       = "one"       // one panel
	qSerial    = "serial"    // every panel, concurrency 1: the probe's cost as a slope
	qFull      = "full"      // every address, concurrency 16: the target
	qOne50     = "one@50ms"  // one panel, every answer 50 ms late
	qFull50    = "full@50ms" // the target's query, every answer 50 ms late
	queryLimit = 1000        // the list block's limit, above any result count (Terraform's default is 100)
)

// probeCost is one probe's cost measured two ways: the difference between
// a query of one panel and one of an address where nothing answers (wall
// clock, and the list's own span from Terraform's JSON output); and the
// slope of a query of every panel in turn (concurrency 1) over the one
// that finds none, which averages out the noise of a single probe.
func (r queryResult) probeOne() time.Duration {
	return r.runs[qOne].spanMedian() - r.runs[qNone].spanMedian()
}

func (r queryResult) probeSlope() time.Duration {
	return (r.runs[qSerial].spanMedian() - r.runs[qNone].spanMedian()) / time.Duration(r.panels)
}

func (r queryResult) probe50() time.Duration {
	return r.runs[qOne50].spanMedian() - r.runs[qNone].spanMedian()
}

// bound is the target: 2 × (addresses × probe ÷ concurrency).
func (r queryResult) bound(probe time.Duration) time.Duration {
	return 2 * time.Duration(r.addresses) * probe / queryConcurrency
}

func (b *bench) query(queryTF string, addresses int) queryResult {
	if addresses < 2 || addresses > 254 {
		fatalf("-query-addresses: %d is not 2 to 254 (the hosts of 127.0.0.0/24)", addresses)
	}
	tf := *b.tf
	tf.bin = queryTF
	r := queryResult{addresses: addresses, runs: map[string]*querySeries{}}
	r.engine, _, _ = strings.Cut(strings.TrimSpace(tf.output(os.TempDir(), "version")), "\n")

	// The emulator on every other host, 127.0.0.2, .4, ..., at one port.
	fleet := fakepanel.New()
	fleet.SetCredentials(adminUser, adminPass)
	var hosts, panels []string
	for i := 1; i <= addresses; i++ {
		hosts = append(hosts, "127.0.0."+strconv.Itoa(i))
	}
	port, stop := serveHosts(fleet, hosts[1:], 2)
	defer stop()
	for i := 1; i < len(hosts); i += 2 {
		panels = append(panels, hosts[i])
	}
	r.panels = len(panels)
	at := func(hs ...string) []string {
		out := make([]string, len(hs))
		for i, h := range hs {
			out[i] = net.JoinHostPort(h, strconv.Itoa(port))
		}
		return out
	}
	// Nothing listens on the first host at this port: it refuses, as
	// every host that is not a panel does.
	nobody := at(hosts[0])
	if c, err := (&net.Dialer{Timeout: time.Second}).DialContext(context.Background(), "tcp", nobody[0]); err == nil {
		_ = c.Close()
		fatalf("query: something listens on %s, which the query counts as a refusing address", nobody[0])
	}

	dir := filepath.Join(b.work, "query")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatalf("%v", err)
	}
	writeFile(filepath.Join(dir, "main.tf"), queryProvider)
	queries := []struct {
		name      string
		addresses []string
		conc      int
		want      int
		latency   time.Duration
	}{
		{qNone, nobody, queryConcurrency, 0, 0},
		{qOne, at(panels[0]), queryConcurrency, 1, 0},
		{qSerial, at(panels...), 1, len(panels), 0},
		{qFull, at(hosts...), queryConcurrency, len(panels), 0},
		{qOne50, at(panels[0]), queryConcurrency, 1, latency},
		{qFull50, at(hosts...), queryConcurrency, len(panels), latency},
	}
	for _, q := range queries {
		r.runs[q.name] = &querySeries{}
	}
	// One untimed query first, so that no timed run pays for a cold
	// page cache of the provider's binary.
	writeFile(filepath.Join(dir, "fleet.tfquery.hcl"), queryList(nobody, queryConcurrency))
	tf.run(dir, "query-warmup", "", "query", "-json", "-no-color")

	progress("query over %d addresses (%d panels) with %s: %d rounds of %d queries", addresses, len(panels), r.engine, queryRuns, len(queries))
	for i := range queryRuns {
		for k := range queries {
			q := queries[(i+k)%len(queries)]
			writeFile(filepath.Join(dir, "fleet.tfquery.hcl"), queryList(q.addresses, q.conc))
			fleet.SetLatency(q.latency)
			fleet.ResetCounters()
			o := tf.run(dir, fmt.Sprintf("query-%s-%d", strings.ReplaceAll(q.name, "@", "-"), i), b.tf.providerExe, "query", "-json", "-no-color")
			fleet.SetLatency(0)
			span, found, err := listSpan(o.out)
			if err != nil {
				fatalf("query %s: %v", q.name, err)
			}
			if found != q.want {
				fatalf("query %s found %d panels, not %d", q.name, found, q.want)
			}
			s := r.runs[q.name]
			s.wall, s.span, s.found = append(s.wall, o.elapsed), append(s.span, span), found
			s.peakKB = max(s.peakKB, o.peakKB)
			if q.name == qFull {
				r.fullGets = max(r.fullGets, fleet.Requests("GET"))
				if p := fleet.Requests("POST"); p > 0 {
					r.notes = append(r.notes, fmt.Sprintf("the query sent %d POSTs", p))
				}
			}
		}
	}
	return r
}

// listSpan reads `terraform query -json` output: the time from the list's
// list_start message to its list_complete (Terraform's own timestamps,
// microseconds), and the total the list_complete reports.
func listSpan(out string) (time.Duration, int, error) {
	var start, end time.Time
	total := -1
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var m struct {
			Type     string    `json:"type"`
			Time     time.Time `json:"@timestamp"`
			Complete *struct {
				Total int `json:"total"`
			} `json:"list_complete"`
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		switch m.Type {
		case "list_start":
			start = m.Time
		case "list_complete":
			end = m.Time
			if m.Complete != nil {
				total = m.Complete.Total
			}
		}
	}
	if start.IsZero() || end.IsZero() || total < 0 {
		return 0, 0, fmt.Errorf("no list_start and list_complete in the output:\n%s", out)
	}
	return end.Sub(start), total, nil
}

// serveHosts serves h on each loopback host at one port, which it picks
// by listening on the first, and returns the port and a stop function.
func serveHosts(h http.Handler, hosts []string, step int) (int, func()) {
	var servers []*http.Server
	port := 0
	for i := 0; i < len(hosts); i += step {
		ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", net.JoinHostPort(hosts[i], strconv.Itoa(port)))
		if err != nil {
			fatalf("query: %v", err)
		}
		if a, ok := ln.Addr().(*net.TCPAddr); ok {
			port = a.Port
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		servers = append(servers, srv)
	}
	return port, func() {
		for _, s := range servers {
			_ = s.Close()
		}
	}
}

const queryProvider = `terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

# Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD.
provider "intercom" {}
`

// queryList is the list block: every address given, with the resource
// included, as an adoption with -generate-config-out needs it.
func queryList(addresses []string, concurrency int) string {
	quoted := make([]string, len(addresses))
	for i, a := range addresses {
		quoted[i] = strconv.Quote(a)
	}
	return fmt.Sprintf(`list "intercom_sip_config" "fleet" {
  provider         = intercom
  include_resource = true
  limit            = %d

  config {
    addresses   = [%s]
    concurrency = %d
  }
}
`, queryLimit, strings.Join(quoted, ", "), concurrency)
}
