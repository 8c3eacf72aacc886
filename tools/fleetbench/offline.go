package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The offline fleet: N intercom_sip_config panels under
// unreachable_panels = "warn", of which ten, on loopback ports of their
// own, go down after the create: five refuse connections (a closed port)
// and five never answer one (a blackhole). The plan must finish with one
// warning per offline panel, within the plan of the fleet all up plus
// 2 × connect_timeout × attempts.

const (
	offlineConnectTimeout = time.Second
	offlineRetries        = 1
	offlineDown           = 10
)

// offlinePanel is one panel that goes down, the emulator on a port of its
// own until then.
type offlinePanel struct {
	address       string
	down, release func()
}

// blackholePanel serves the emulator until down; then the socket stays
// open with its backlog (0) filled, so the kernel drops every further SYN,
// as for a panel behind a dropped route.
func (b *bench) blackholePanel(prefix string) offlinePanel {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err == nil {
		err = syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}})
	}
	if err == nil {
		err = syscall.Listen(fd, 0)
	}
	// The file keeps the socket listening until release; the server gets
	// a duplicate, whose closing only stops the accepting.
	file := os.NewFile(uintptr(fd), "blackhole")
	var ln net.Listener
	if err == nil {
		ln, err = net.FileListener(file)
	}
	if err != nil {
		fatalf("offline fleet: blackhole: %v", err)
	}
	addr, stop := serveOn(ln, b.fleet, nil)
	var held []net.Conn
	down := func() {
		stop()
		for range 8 {
			c, err := (&net.Dialer{Timeout: 200 * time.Millisecond}).DialContext(context.Background(), "tcp", addr)
			if err != nil {
				return // the backlog is full
			}
			held = append(held, c)
		}
		fatalf("offline fleet: the blackhole at %s still accepts connections", addr)
	}
	release := func() {
		for _, c := range held {
			_ = c.Close()
		}
		_ = file.Close()
	}
	return offlinePanel{address: "http://" + addr + prefix, down: down, release: release}
}

func (b *bench) offline() {
	n := b.offlineN
	if n < 2*offlineDown {
		fatalf("-offline-panels: %d is too few, at least %d", n, 2*offlineDown)
	}
	var panels []offlinePanel
	var quoted []string
	for i := range offlineDown {
		prefix := "/down/" + strconv.Itoa(i)
		p := offlinePanel{release: func() {}}
		if i < offlineDown/2 {
			var addr string
			addr, p.down = serve(b.fleet, "127.0.0.1:0", nil)
			p.address = "http://" + addr + prefix
		} else {
			p = b.blackholePanel(prefix)
		}
		panels = append(panels, p)
		quoted = append(quoted, strconv.Quote(p.address))
	}
	defer func() {
		for _, p := range panels {
			p.release()
		}
	}()
	dir := mkdir(b.work, "offline"+strconv.Itoa(n))
	// One panel in every n/10 is offline, so they do not all come last.
	every := n / offlineDown
	writeFile(filepath.Join(dir, "main.tf"), providerBlock+fmt.Sprintf(`provider "intercom" {
  unreachable_panels = "warn"
  connect_timeout    = %q
  max_retries        = %d
}

locals {
  offline = [%s]
}

resource "intercom_sip_config" "panel" {
  count = %d

  address  = count.index %% %d == %d && count.index < %d ? local.offline[floor(count.index / %d)] : "%s/offline/${count.index}"
  user     = "bench-a"
  domain   = "pbx.example.net"
  password = "sip-pw-${count.index}"
}
`, offlineConnectTimeout, offlineRetries, strings.Join(quoted, ", "), n, every, every/2, offlineDown*every, every, b.fleet.url))

	progress("offline fleet of %d: create, plan ×%d all up, plan ×%d with ten down", n, runs, runs)
	create := b.tf.run(command{dir: dir, label: "offline-create", args: append([]string{"apply", "-auto-approve"}, b.flags()...)})
	for i := range n {
		prefix := "/offline/" + strconv.Itoa(i)
		if i%every == every/2 && i < offlineDown*every {
			prefix = "/down/" + strconv.Itoa(i/every)
		}
		if b.fleet.Panel(prefix).Config().User != "bench-a" {
			fatalf("offline fleet: panel %s was not created", prefix)
		}
	}
	// -json: the human output folds similar warnings into one.
	plan := func(label string) func(int) result {
		return func(i int) result {
			return b.tf.run(command{dir: dir, label: fmt.Sprintf("offline-%s-%d", label, i), watch: b.provider,
				args: append([]string{"plan", "-json", "-detailed-exitcode"}, b.flags()...)})
		}
	}
	warnings := func(r result) int { return strings.Count(r.out, `"summary":"Panel Unreachable"`) }
	up := b.repeat(runs, plan("plan-up"))[0]
	for _, p := range panels {
		p.down()
	}
	down := b.repeat(runs, plan("plan-down"))[0]
	var times, warns []string
	named := "yes"
	for _, r := range down.runs {
		times, warns = append(times, cells(r.elapsed)[0]), append(warns, strconv.Itoa(warnings(r)))
		for _, p := range panels {
			if !strings.Contains(r.out, "Panel "+p.address+" could not be reached") {
				named = "no"
			}
		}
		// Each blackholed panel's warning says its connects ran out of time.
		if strings.Count(r.out, "no connection within "+offlineConnectTimeout.String()+" (connect_timeout)") < offlineDown/2 {
			named = "no"
		}
	}
	bound := up.median() + 2*offlineConnectTimeout*(offlineRetries+1)
	b.table(fmt.Sprintf("Offline panels: ten of %d down, unreachable_panels = \"warn\"", n), strings.Split("panels|down (refused + blackholed)|connect_timeout × attempts|create (s)|plan, all up (s)|plan, ten down (s)|the three runs (s)|added (s)|bound (s)|plan / bound|\"Panel Unreachable\" per plan|every down panel named|provider peak RSS MB (up / down)", "|"),
		[][]string{cells(n, "5 + 5", fmt.Sprintf("%g s × %d", offlineConnectTimeout.Seconds(), offlineRetries+1), create.elapsed, up.median(),
			down.median(), strings.Join(times, ", "), down.median()-up.median(), bound, down.median().Seconds()/bound.Seconds(),
			strings.Join(warns, ", "), named, mb(up.peakKB)+" / "+mb(down.peakKB))})
}
