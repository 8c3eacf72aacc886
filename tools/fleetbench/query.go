package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The query: `terraform query` of intercom_sip_config over loopback
// addresses at one port (all of 127.0.0.0/8 is the loopback on Linux), the
// emulator on every other one; the rest refuse the connect at once.

const (
	queryConcurrency = 16 // the list configuration's default
	queryRuns        = 7  // a query is short: more runs than a plan's
)

// queryList is the list block over the addresses, with a limit above any
// result count (Terraform's default is 100).
func queryList(addresses []string, concurrency int) string {
	quoted := make([]string, len(addresses))
	for i, a := range addresses {
		quoted[i] = strconv.Quote(a)
	}
	return fmt.Sprintf("list \"intercom_sip_config\" \"fleet\" {\n  provider         = intercom\n  include_resource = true\n"+
		"  limit            = 1000\n\n  config {\n    addresses   = [%s]\n    concurrency = %d\n  }\n}\n", strings.Join(quoted, ", "), concurrency)
}

func (b *bench) query() {
	if b.queryN < 2 || b.queryN > 254 {
		fatalf("-query-addresses: %d is not 2 to 254", b.queryN)
	}
	tf := *b.tf
	tf.bin = abs(b.queryTF)
	engine := tf.version(b.work)
	// Every address serves the emulator's root panel, with a SIP account:
	// a blank one is left out of the results.
	cfg := fakepanel.FactoryConfig()
	cfg.User, cfg.Domain = "bench-a", "pbx.example.net"
	b.fleet.Panel("").SetConfig(cfg)
	var hosts, panels []string
	port := "0"
	for i := 1; i <= b.queryN; i++ {
		hosts = append(hosts, "127.0.0."+strconv.Itoa(i))
		if i%2 == 0 {
			addr, stop := serve(b.fleet, net.JoinHostPort(hosts[i-1], port), nil)
			defer stop()
			_, port, _ = net.SplitHostPort(addr)
			panels = append(panels, hosts[i-1])
		}
	}
	at := func(hs ...string) []string {
		out := make([]string, len(hs))
		for i, h := range hs {
			out[i] = net.JoinHostPort(h, port)
		}
		return out
	}
	dir := mkdir(b.work, "query")
	writeFile(filepath.Join(dir, "main.tf"), providerBlock+"provider \"intercom\" {}\n")
	queries := []struct {
		what       string
		addresses  []string
		conc, want int
		latency    time.Duration
	}{
		{"nothing there (1 refusing address)", at(hosts[0]), queryConcurrency, 0, 0},
		{"one panel", at(panels[0]), queryConcurrency, 1, 0},
		{"every panel, one at a time", at(panels...), 1, len(panels), 0},
		{"**every address** (the target)", at(hosts...), queryConcurrency, len(panels), 0},
		{"one panel, 50 ms answers", at(panels[0]), queryConcurrency, 1, latency},
		{"every address, 50 ms answers", at(hosts...), queryConcurrency, len(panels), latency},
	}
	// span is the list's own time, from its list_start message to its
	// list_complete in the JSON output, which leaves out Terraform's and
	// the provider's start.
	span := make([]series, len(queries))
	found := make([]int, len(queries))
	run := func(k, i int) result {
		q := queries[k]
		writeFile(filepath.Join(dir, "fleet.tfquery.hcl"), queryList(q.addresses, q.conc))
		b.fleet.SetLatency(q.latency)
		defer b.fleet.SetLatency(0)
		r := b.counted(command{dir: dir, label: fmt.Sprintf("query-%d-%d", k, i), watch: b.provider, args: []string{"query", "-json", "-no-color"}})
		s, total := listSpan(r.out)
		span[k].times, found[k] = append(span[k].times, s), total
		return r
	}
	// One untimed query first, so that no timed run pays for a cold cache.
	writeFile(filepath.Join(dir, "fleet.tfquery.hcl"), queryList(queries[0].addresses, queryConcurrency))
	tf.run(command{dir: dir, label: "query-warmup", args: []string{"query", "-json", "-no-color"}})
	progress("query over %d addresses (%d panels) with %s: %d rounds of %d queries", b.queryN, len(panels), engine, queryRuns, len(queries))
	saved := b.tf
	b.tf = &tf
	cmds := make([]func(int) result, len(queries))
	for k := range queries {
		cmds[k] = func(i int) result { return run(k, i) }
	}
	wall := b.repeat(queryRuns, cmds...)
	b.tf = saved

	var rows [][]string
	for k, q := range queries {
		if found[k] != q.want {
			fatalf("query %q found %d panels", q.what, found[k])
		}
		rows = append(rows, cells(q.what, len(q.addresses), found[k], q.conc, secs3(wall[k].median()), secs3(span[k].median()), mb(wall[k].peakKB)))
	}
	b.table(fmt.Sprintf("Query: terraform query over %d addresses, %d of them panels (%s; a full query made %d GETs)",
		b.queryN, len(panels), engine, wall[3].most["GET"]), strings.Split("query|addresses|panels found|concurrency|wall clock (s)|list span (s)|provider peak RSS MB", "|"), rows)

	// A probe's cost, measured three ways, and the bound it gives:
	// 2 × addresses × probe ÷ concurrency.
	none, none50 := wall[0].median(), span[0].median()
	probes := []struct {
		what  string
		probe time.Duration
		full  int
	}{
		{"one panel − nothing there (wall clock)", wall[1].median() - none, 3},
		{"one panel − nothing there (list span)", span[1].median() - none50, 3},
		{"(every panel one at a time − nothing there) ÷ panels (list span)", (span[2].median() - none50) / time.Duration(len(panels)), 3},
		{"one panel − nothing there at 50 ms (list span), against the 50 ms full query", span[4].median() - none50, 5},
	}
	rows = nil
	for _, p := range probes {
		bound := 2 * time.Duration(b.queryN) * p.probe / queryConcurrency
		if p.probe <= 0 {
			rows = append(rows, []string{p.what, fmt.Sprintf("%.2f (noise)", p.probe.Seconds()*1000), "–", "–", "–"})
			continue
		}
		rows = append(rows, []string{p.what, fmt.Sprintf("%.2f", p.probe.Seconds()*1000), secs3(bound),
			fmt.Sprintf("%.2f×", span[p.full].median().Seconds()/bound.Seconds()), fmt.Sprintf("%.2f×", wall[p.full].median().Seconds()/bound.Seconds())})
	}
	b.table("Query: the probe's cost and the bound", []string{"probe cost, measured as", "probe (ms)",
		fmt.Sprintf("bound 2 × %d × probe ÷ %d (s)", b.queryN, queryConcurrency), "full query, list span / bound",
		"full query, wall clock / bound"}, rows)
}

// listSpan reads `terraform query -json` output: the time from list_start
// to list_complete, and the total list_complete reports.
func listSpan(out string) (time.Duration, int) {
	var start, end time.Time
	total := -1
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var m struct {
			Type     string    `json:"type"`
			Time     time.Time `json:"@timestamp"`
			Complete struct {
				Total int `json:"total"`
			} `json:"list_complete"`
		}
		_ = json.Unmarshal(sc.Bytes(), &m)
		switch m.Type {
		case "list_start":
			start = m.Time
		case "list_complete":
			end, total = m.Time, m.Complete.Total
		}
	}
	if start.IsZero() || end.IsZero() || total < 0 {
		fatalf("query: no list_start and list_complete in the output:\n%s", out)
	}
	return end.Sub(start), total
}

func secs3(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
