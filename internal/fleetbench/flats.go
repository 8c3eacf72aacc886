package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// The flats: one intercom_apartments whose map holds N flats, against an
// emulated panel that already holds flats 1 to N (LoadFlats) with the
// default item, as a building does before Terraform manages it. The
// configuration gives every flat a type and a SIP address, so the create
// writes every item. The emulator answers at once: its per-item delay (a
// real panel lists about 100 flats in 8 s) is off, so every time here is
// Terraform's and the provider's own.

// flatsPath is the flats collection without the leading slash, as
// RequestsTo takes it.
const flatsPath = fakepanel.FlatsPath

// flatStep is one command of a size: its time, or that it did not finish.
type flatStep struct {
	elapsed  time.Duration
	killed   bool   // ran out of -flat-cap and was killed
	skipped  bool   // not run: an earlier step of this size did not finish
	failed   string // Terraform's first error, when the command failed
	peakKB   int64
	cpu      time.Duration // the provider's CPU time, over its processes
	get, pos int           // requests to the flats collection (GET; POST)
	del      int           // DELETEs of single flats
}

func (s flatStep) done() bool { return !s.killed && !s.skipped && s.failed == "" }

// flatsResult is one size.
type flatsResult struct {
	n              int
	plan, apply    flatStep // the create: plan -out, then apply of that plan
	after          flatStep // a plan right after: refresh, no change expected
	afterChanges   bool
	configBytes    int
	holdsAfterSave bool // the panel holds every flat as configured after the apply
	// The sizes on the wire: the list answer before the create (the
	// default items) and after the apply (what a refresh reads), and the
	// apply's POST body as the emulator kept it (which it cuts at 1 MiB).
	listBefore, listAfter, postBytes int
	// readCheck: when the apply failed, an import of the panel, which
	// lists every flat as a refresh does; "" when it read them.
	readCheck    string
	readCheckRan bool
}

func (r flatsResult) peakKB() int64 { return max(r.plan.peakKB, r.apply.peakKB, r.after.peakKB) }

func (b *bench) flats(n int, limit time.Duration) flatsResult {
	if n < 1 || n > 9999 {
		fatalf("-flat-sizes: %d is not 1 to 9999", n)
	}
	r := flatsResult{n: n}
	prefix := "/flats/" + strconv.Itoa(n)
	panel := b.fleet.Panel(prefix)
	panel.LoadFlats(n)
	panel.SetItemDelay(0)
	r.listBefore = b.listBytes(prefix)

	dir := filepath.Join(b.work, "flats"+strconv.Itoa(n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatalf("%v", err)
	}
	cfg := flatsWorkspace(n, b.url+prefix)
	r.configBytes = len(cfg)
	writeFile(filepath.Join(dir, "main.tf"), cfg)
	common := []string{"-input=false", "-no-color", "-compact-warnings", "-parallelism=" + strconv.Itoa(b.parallelism)}
	// The flags go before the rest: a saved plan must be the last argument.
	step := func(name, command string, rest ...string) (flatStep, outcome) {
		b.fleet.ResetCounters()
		args := append(append([]string{command}, common...), rest...)
		o := b.tf.runCapped(nil, dir, fmt.Sprintf("flats%d-%s", n, name), b.tf.providerExe, limit, true, args...)
		s := flatStep{elapsed: o.elapsed, killed: o.killed, failed: o.failed, peakKB: o.peakKB, cpu: o.providerCPU,
			get: b.fleet.RequestsTo("GET", flatsPath), pos: b.fleet.RequestsTo("POST", flatsPath),
			del: b.fleet.RequestsTo("DELETE", flatsPath+"/*")}
		verdict := secs(s.elapsed) + " s"
		switch {
		case s.killed:
			verdict = "not finished within " + limit.String() + ", killed"
		case s.failed != "":
			verdict = "failed after " + verdict + ": " + s.failed
		}
		progress("%d flats: %s: %s, provider CPU %s s, peak RSS %.1f MB", n, name, verdict, secs(s.cpu), mb(s.peakKB))
		return s, o
	}
	skipped := flatStep{skipped: true}

	progress("%d flats: plan (create) -out, apply of that plan, plan after; each capped at %s", n, limit)
	r.plan, _ = step("plan", "plan", "-out=create.tfplan")
	if !r.plan.done() {
		r.apply, r.after = skipped, skipped
		return r
	}
	r.apply, _ = step("apply", "apply", "create.tfplan")
	r.postBytes = len(panel.LastBody())
	if !r.apply.done() {
		r.after = skipped
		if r.apply.failed != "" {
			r.readCheck, r.readCheckRan = b.flatsReadCheck(n, b.url+prefix, limit), true
		}
		return r
	}
	r.holdsAfterSave = b.checkFlats(panel, n)
	r.listAfter = b.listBytes(prefix)
	var o outcome
	r.after, o = step("plan-after", "plan", "-detailed-exitcode")
	r.afterChanges = o.changes
	return r
}

// flatsReadCheck imports the panel's flats into a workspace of its own:
// the import lists every flat, as the refresh of the plan after would, so
// it tells whether the provider can read a building of this size when the
// create could not be applied. It returns Terraform's error, or "".
func (b *bench) flatsReadCheck(n int, address string, limit time.Duration) string {
	dir := filepath.Join(b.work, "flats"+strconv.Itoa(n)+"-read")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatalf("%v", err)
	}
	writeFile(filepath.Join(dir, "main.tf"), fmt.Sprintf(`terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

provider "intercom" {}

import {
  to = intercom_apartments.building
  id = %[1]q
}

resource "intercom_apartments" "building" {
  address = %[1]q
}
`, address))
	b.fleet.ResetCounters()
	o := b.tf.runCapped(nil, dir, fmt.Sprintf("flats%d-read-check", n), "", limit, true,
		"plan", "-input=false", "-no-color", "-compact-warnings")
	verdict := "read every flat"
	switch {
	case o.killed:
		o.failed = "not finished within " + limit.String()
		verdict = o.failed
	case o.failed != "":
		verdict = "failed: " + o.failed
	}
	progress("%d flats: read check (an import plan, %d GET of the list): %s after %s s", n, b.fleet.RequestsTo("GET", flatsPath), verdict, secs(o.elapsed))
	return o.failed
}

// listBytes is the size of the list answer of the panel at prefix, read
// from the emulator as the provider reads it.
func (b *bench) listBytes(prefix string) int {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, b.url+prefix+"/api/v1.cgi/"+flatsPath, nil)
	if err != nil {
		fatalf("%v", err)
	}
	req.SetBasicAuth(adminUser, adminPass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fatalf("listing the flats of %s: %v", prefix, err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		fatalf("listing the flats of %s: HTTP %d, %v", prefix, resp.StatusCode, err)
	}
	return int(n)
}

// checkFlats tells whether the panel holds flats 1 to n as configured.
func (b *bench) checkFlats(p *fakepanel.Panel, n int) bool {
	items := p.Items(flatsPath)
	if len(items) != n {
		return false
	}
	for _, v := range items {
		id := fmt.Sprint(v["iFlatID"])
		if fmt.Sprint(v["iFlatType"]) != "1" || v["sVoipAddress"] != "sip:flat"+id+"@pbx.example.net" {
			return false
		}
	}
	return true
}

// flatsWorkspace is one intercom_apartments with flats 1 to n, written
// out one line each, as a configuration generated from a residents'
// database would be (Terraform's range() stops at 1024 elements).
func flatsWorkspace(n int, address string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, `terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

# Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD.
provider "intercom" {}

resource "intercom_apartments" "building" {
  address = %q

  apartments = {
`, address)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sb, "    \"%d\" = { type = 1, voip_address = \"sip:flat%d@pbx.example.net\" }\n", i, i)
	}
	sb.WriteString("  }\n}\n")
	return sb.String()
}

// flatsBound is the target for plan and apply of 9,999 flats: 3 ×
// a plan of one flat (the refresh plan right after its create) + 1 s.
func flatsBound(one flatsResult) time.Duration {
	return 3*one.after.elapsed + time.Second
}

// growth is how a step's time grew from the previous size: the time
// ratio, and the exponent k of time ∝ N^k that the two sizes imply for the
// time above a one-flat command's (Terraform's fixed cost), which a
// linear walk keeps near 1.
func growth(prev, cur, one flatStep, prevN, curN int) (ratio, exponent float64, ok bool) {
	if !prev.done() || !cur.done() || prevN < 2 {
		return 0, 0, false
	}
	ratio = cur.elapsed.Seconds() / prev.elapsed.Seconds()
	a, b := (prev.elapsed - one.elapsed).Seconds(), (cur.elapsed - one.elapsed).Seconds()
	if a <= 0 || b <= 0 {
		return ratio, math.NaN(), true
	}
	return ratio, math.Log(b/a) / math.Log(float64(curN)/float64(prevN)), true
}
