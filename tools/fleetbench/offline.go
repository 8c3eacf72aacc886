package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The offline fleet: N intercom_sip_config panels under unreachable_panels
// = "warn", of which ten, on loopback ports of their own, go down after the
// create: five refuse connections (a closed port), five never answer one.
// Its plan's bound: the plan all up + 2 × connect_timeout × attempts.
const (
	offlineConnectTimeout = time.Second
	offlineRetries        = 1
	offlineDown           = 10
)

// blackhole serves the emulator until down is called; then the socket
// stays open with its backlog (0) full, so the kernel drops every further
// SYN, as for a panel behind a dropped route.
func (b *bench) blackhole() (addr string, down func()) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	check(err)
	check(syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	check(syscall.Listen(fd, 0))
	// The file keeps the socket listening; the server gets a duplicate,
	// whose closing only stops the accepting.
	file := os.NewFile(uintptr(fd), "blackhole")
	ln, err := net.FileListener(file)
	check(err)
	addr, stop := b.fleet.serveOn(ln)
	held := []io.Closer{file} // the socket and the connections that fill its backlog, kept open while down is
	return addr, func() {
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
}

func (b *bench) offline() {
	n := b.offlineN
	if n < 2*offlineDown {
		fatalf("-offline-panels: %d is too few, at least %d", n, 2*offlineDown)
	}
	addresses, quoted, downs := make([]string, offlineDown), make([]string, offlineDown), make([]func(), offlineDown)
	for i := range offlineDown {
		var addr string
		if i < offlineDown/2 {
			addr, downs[i] = b.fleet.serve("127.0.0.1:0") // refuses once down
		} else {
			addr, downs[i] = b.blackhole()
		}
		addresses[i] = "http://" + addr + "/down/" + strconv.Itoa(i)
		quoted[i] = strconv.Quote(addresses[i])
	}
	// One panel in every n/10 is offline, so they do not all come last.
	every := n / offlineDown
	body := fmt.Sprintf("  unreachable_panels = \"warn\"\n  connect_timeout    = %q\n  max_retries        = %d\n", offlineConnectTimeout, offlineRetries)
	address := fmt.Sprintf(`count.index %% %d == %d && count.index < %d ? local.offline[floor(count.index / %d)] : "%s/offline/${count.index}"`,
		every, every/2, offlineDown*every, every, b.fleet.url)
	dir := b.ws(sipWorkspace("intercom", "domofon/intercom", body, address, n)+
		"\nlocals {\n  offline = ["+strings.Join(quoted, ", ")+"]\n}\n", "offline"+strconv.Itoa(n))

	create := b.cmd(dir, "offline-create", "", "apply", "-auto-approve", "-var=sip_user=bench-a")(0)
	// -json: the human output folds similar warnings into one.
	up := b.repeat(runs, b.cmd(dir, "offline-plan-up", b.provider, "plan", "-json", "-detailed-exitcode", "-var=sip_user=bench-a"))[0]
	for _, down := range downs {
		down()
	}
	down := b.repeat(runs, b.cmd(dir, "offline-plan-down", b.provider, "plan", "-json", "-detailed-exitcode", "-var=sip_user=bench-a"))[0]
	var times, warns []string
	named := "yes"
	for _, r := range down.runs {
		times, warns = append(times, cells(r.elapsed)[0]), append(warns, strconv.Itoa(strings.Count(r.out, `"summary":"Panel Unreachable"`)))
		// Each blackholed panel's warning says its connects ran out of time.
		ok := strings.Count(r.out, "no connection within "+offlineConnectTimeout.String()+" (connect_timeout)") >= offlineDown/2
		for _, a := range addresses {
			ok = ok && strings.Contains(r.out, "Panel "+a+" could not be reached")
		}
		if !ok {
			named = "no"
		}
	}
	runtime.KeepAlive(downs)
	bound := up.median() + 2*offlineConnectTimeout*(offlineRetries+1)
	b.table(fmt.Sprintf("Offline panels: ten of %d down, unreachable_panels = \"warn\"", n), "panels|down (refused + blackholed)|"+
		"connect_timeout × attempts|create (s)|plan, all up (s)|plan, ten down (s)|the three runs (s)|added (s)|bound (s)|plan / bound|"+
		"\"Panel Unreachable\" per plan|every down panel named|provider peak RSS MB (up / down)",
		[][]string{cells(n, "5 + 5", fmt.Sprintf("%g s × %d", offlineConnectTimeout.Seconds(), offlineRetries+1), create.elapsed, up.median(),
			down.median(), strings.Join(times, ", "), down.median()-up.median(), bound, down.median().Seconds()/bound.Seconds(),
			strings.Join(warns, ", "), named, mb(up.peakKB)+" / "+mb(down.peakKB))})
}
