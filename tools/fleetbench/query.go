package main

import (
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The query: `terraform query` over loopback addresses at one port (all of
// 127.0.0.0/8 on Linux), the emulator on every other one. A query is short,
// so each runs queryRuns times, the kinds taking turns.
const (
	queryConcurrency = 16 // the list configuration's default
	queryRuns        = 7
)

func (b *bench) query() {
	if b.queryTF == "" {
		b.notes = append(b.notes, "the query was not run: no -query-terraform (make terraform-1.14 builds one)")
		return
	}
	b.queryTF = abs(b.queryTF)
	if b.queryN < 2 || b.queryN > 254 {
		fatalf("-query-addresses: %d is not 2 to 254", b.queryN)
	}
	engine := b.version(b.queryTF)
	// Every address serves the emulator's root panel, with a SIP account:
	// a query leaves out a blank one.
	cfg := fakepanel.FactoryConfig()
	cfg.User, cfg.Domain = "bench-a", "pbx.example.net"
	b.fleet.Panel("").SetConfig(cfg)
	// The panels first, which fix the port, then every address at it,
	// quoted for the list block.
	var hosts, panels []string
	port := "0"
	for i := 2; i <= b.queryN; i += 2 {
		addr, stop := b.fleet.serve("127.0.0." + strconv.Itoa(i) + ":" + port)
		defer stop()
		_, port, _ = net.SplitHostPort(addr)
		panels = append(panels, strconv.Quote(addr))
	}
	for i := 1; i <= b.queryN; i++ {
		hosts = append(hosts, strconv.Quote("127.0.0."+strconv.Itoa(i)+":"+port))
	}
	dir := b.ws(workspace("intercom", "domofon/intercom", ""), "query")
	queries := []struct {
		what       string
		addresses  []string
		conc, want int
		latency    time.Duration
	}{
		{"nothing there (1 refusing address)", hosts[:1], queryConcurrency, 0, 0},
		{"one panel", panels[:1], queryConcurrency, 1, 0},
		{"every panel, one at a time", panels, 1, len(panels), 0},
		{"**every address** (the target)", hosts, queryConcurrency, len(panels), 0},
		{"one panel, 50 ms answers", panels[:1], queryConcurrency, 1, latency},
		{"every address, 50 ms answers", hosts, queryConcurrency, len(panels), latency},
	}
	// span is the list's own time, from its list_start message to its
	// list_complete in the JSON output: without Terraform's and the
	// provider's start.
	span := make([]series, len(queries))
	cmds := make([]func(int) result, len(queries))
	for k, q := range queries {
		cmds[k] = func(i int) result {
			// include_resource, as an adoption with -generate-config-out
			// needs; a limit above any result count (the default is 100).
			writeFile(filepath.Join(dir, "fleet.tfquery.hcl"), fmt.Sprintf("list \"intercom_sip_config\" \"fleet\" {\n"+
				"  provider         = intercom\n  include_resource = true\n  limit            = 1000\n\n"+
				"  config {\n    addresses   = [%s]\n    concurrency = %d\n  }\n}\n", strings.Join(q.addresses, ", "), q.conc))
			b.fleet.SetLatency(q.latency)
			defer b.fleet.SetLatency(0)
			r := b.counted(command{bin: b.queryTF, dir: dir, label: fmt.Sprintf("query-%d-%d", k, i), watch: b.provider, args: []string{"query", "-json", "-no-color"}})
			span[k].times = append(span[k].times, listSpan(r.out, q.want))
			return r
		}
	}
	cmds[0](-1) // untimed, so that no timed run pays for a cold cache
	span[0].times = nil
	wall := b.repeat(queryRuns, cmds...)
	var rows [][]string
	for k, q := range queries {
		rows = append(rows, cells(q.what, len(q.addresses), q.want, q.conc, secs3(wall[k].median()), secs3(span[k].median()), mb(wall[k].peakKB)))
	}
	b.table(fmt.Sprintf("Query: terraform query over %d addresses, %d of them panels (%s; a full query made %d GETs)", b.queryN,
		len(panels), engine, wall[3].most["GET"]), "query|addresses|panels found|concurrency|wall clock (s)|list span (s)|provider peak RSS MB", rows)

	// A probe's cost, as a difference of medians, and the bound it gives
	// the full query: 2 × addresses × probe ÷ concurrency.
	probe := func(what string, d time.Duration, full int) []string {
		if d <= 0 {
			return cells(what, fmt.Sprintf("%.2f (noise)", d.Seconds()*1000), "–", "–", "–")
		}
		bound := 2 * time.Duration(b.queryN) * d / queryConcurrency
		return cells(what, d.Seconds()*1000, secs3(bound), ratio(span[full].median(), bound), ratio(wall[full].median(), bound))
	}
	b.table("Query: the probe's cost and the bound", fmt.Sprintf("probe cost, measured as|probe (ms)|bound 2 × %d × probe ÷ %d (s)|"+
		"full query, list span / bound|full query, wall clock / bound", b.queryN, queryConcurrency), [][]string{
		probe("one panel − nothing there (wall clock)", wall[1].median()-wall[0].median(), 3),
		probe("one panel − nothing there (list span)", span[1].median()-span[0].median(), 3),
		probe("(every panel one at a time − nothing there) ÷ panels (list span)", (span[2].median()-span[0].median())/time.Duration(len(panels)), 3),
		probe("one panel − nothing there at 50 ms (list span), against the 50 ms full query", span[4].median()-span[0].median(), 5),
	})
}

// listSpan reads `terraform query -json` output: the time from list_start
// to list_complete, which must report want results.
func listSpan(out string, want int) time.Duration {
	var start, end time.Time
	total := -1
	for line := range strings.Lines(out) {
		var m struct {
			Type     string              `json:"type"`
			Time     time.Time           `json:"@timestamp"`
			Complete struct{ Total int } `json:"list_complete"`
		}
		_ = json.Unmarshal([]byte(line), &m)
		switch m.Type {
		case "list_start":
			start = m.Time
		case "list_complete":
			end, total = m.Time, m.Complete.Total
		}
	}
	if start.IsZero() || end.IsZero() || total != want {
		fatalf("query: no list_start, or no list_complete of %d results, in the output:\n%s", want, out)
	}
	return end.Sub(start)
}

func secs3(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
