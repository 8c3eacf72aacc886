package fakepanel

import (
	"net/http"
	"strings"
	"time"
)

// Panel steers one panel of the fleet.
type Panel struct {
	s      *Server
	prefix string
}

func (p *Panel) with(f func(*panel)) {
	p.s.mu.Lock()
	defer p.s.mu.Unlock()
	f(p.s.panelLocked(p.prefix))
}

// Config is what the panel holds now, password in clear.
func (p *Panel) Config() SIPConfig {
	var cfg SIPConfig
	p.with(func(x *panel) { cfg = x.cfg })
	return cfg
}

// SetConfig changes the settings out of band, as a technician would.
func (p *Panel) SetConfig(cfg SIPConfig) {
	p.with(func(x *panel) { x.cfg = cfg })
}

// Reset restores factory settings, the SIP account and every block, turns
// every mode off, empties the collections of flats, keys and codes (a
// factory panel has none) and turns their item delay off, and clears
// faults, counters and the last body.
func (p *Panel) Reset() {
	p.with(func(x *panel) {
		inFlight := x.inFlight
		*x = *newPanel()
		x.inFlight = inFlight
	})
}

// SetMaskPassword makes GET show the password as asterisks, as firmware
// that hides secrets does.
func (p *Panel) SetMaskPassword(on bool) {
	p.with(func(x *panel) { x.mask = on })
}

// SetUnsupported makes the panel answer 501 everywhere, as firmware
// without the SIP settings API does.
func (p *Panel) SetUnsupported(on bool) {
	p.with(func(x *panel) { x.unsupported = on })
}

// Inject queues a fault; queued faults are used in order.
func (p *Panel) Inject(f Fault) {
	p.with(func(x *panel) {
		f.armedAt = x.posts
		x.faults = append(x.faults, f)
	})
}

// ClearFaults drops every queued fault.
func (p *Panel) ClearFaults() {
	p.with(func(x *panel) { x.faults = nil })
}

// Requests counts this panel's requests with method.
func (p *Panel) Requests(method string) int {
	var n int
	p.with(func(x *panel) { n = x.counts[method] })
	return n
}

// RequestsTo counts this panel's requests with method to one API path.
// path has no leading slash (one is ignored) and must match exactly:
// "intercom/gconfig" does not count "intercom/gconfig/timeouts". A
// trailing "/*" counts every path one segment below instead, as
// Fault.Path does: RequestsTo("GET", "intercom/codes/*") counts the GETs
// of every single code, and not the GETs of the whole list.
func (p *Panel) RequestsTo(method, path string) int {
	var n int
	p.with(func(x *panel) { n = x.requestsTo(method, path) })
	return n
}

// requestsTo counts for RequestsTo. The caller holds the server's lock.
func (x *panel) requestsTo(method, path string) int {
	path = strings.TrimPrefix(path, "/")
	if !strings.HasSuffix(path, "/*") {
		return x.pathCounts[method+" "+path]
	}
	n := 0
	for key, c := range x.pathCounts {
		if m, p, _ := strings.Cut(key, " "); m == method && matchPath(path, p) {
			n += c
		}
	}
	return n
}

// matchPath tells whether a request's API path matches a pattern: the same
// path, or with a trailing "/*" any path one segment below.
func matchPath(pattern, path string) bool {
	pattern = strings.Trim(pattern, "/")
	base, wild := strings.CutSuffix(pattern, "/*")
	if !wild {
		return pattern == path
	}
	rest, ok := strings.CutPrefix(path, base+"/")
	return ok && rest != "" && !strings.Contains(rest, "/")
}

// LastBody is the body of the last POST, exactly as received.
func (p *Panel) LastBody() []byte {
	var b []byte
	p.with(func(x *panel) { b = append([]byte(nil), x.lastBody...) })
	return b
}

// MaxInFlight is the most requests this panel has had open at once.
func (p *Panel) MaxInFlight() int {
	var n int
	p.with(func(x *panel) { n = x.maxInFlight })
	return n
}

// takeFault returns the first queued fault for a request, using up one of
// its Times. path is the API path without its leading slash. The caller
// holds the server's lock.
func (x *panel) takeFault(method, path string) Fault {
	for i, f := range x.faults {
		if (f.Method != "" && f.Method != method) || (f.AfterPOST && x.posts == f.armedAt) ||
			(f.Path != "" && !matchPath(f.Path, path)) {
			continue
		}
		if f.Times > 0 {
			x.faults[i].Times--
			if x.faults[i].Times == 0 {
				x.faults = append(x.faults[:i], x.faults[i+1:]...)
			}
		}
		return f
	}
	return Fault{}
}

// SetCredentials gives this panel its own Basic auth in place of the
// fleet's (Server.SetCredentials); an empty username turns auth off for it.
func (p *Panel) SetCredentials(username, password string) {
	p.with(func(x *panel) { x.creds = &[2]string{username, password} })
}

// rebootPath restarts the panel: it answers 200, keeps answering for the
// delay (SetRebootDelay), then drops every connection for the reboot time
// (SetRebootTime), as a rebooting panel does.
const rebootPath = "system/reboot"

func (s *Server) reboot(w http.ResponseWriter, prefix string) {
	s.mu.Lock()
	p := s.panelLocked(prefix)
	p.reboots++
	p.startRestart(time.Now())
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// startRestart schedules a restart from now. The caller holds the lock.
func (x *panel) startRestart(now time.Time) {
	x.downFrom = now.Add(x.rebootAfter)
	x.downUntil = x.downFrom.Add(x.rebootFor)
}

// restartStep tells whether the panel is down at now, and once a restart
// is over puts in the credentials and the CPU firmware it comes back
// with; it also ends an MCU update whose time is up. The caller holds
// the lock.
func (x *panel) restartStep(now time.Time) bool {
	if x.credsAfter != nil && !x.downUntil.IsZero() && !now.Before(x.downUntil) {
		x.creds, x.credsAfter = x.credsAfter, nil
	}
	x.stepFirmware(now)
	return !now.Before(x.downFrom) && now.Before(x.downUntil)
}

// SetRebootTime sets how long a reboot keeps the panel down; 0 (the
// default) comes back at once.
func (p *Panel) SetRebootTime(d time.Duration) {
	p.with(func(x *panel) { x.rebootFor = d })
}

// SetRebootDelay sets how long the panel still answers normally after it
// took a reboot, before it goes down: a client that counts any answer as
// "back" is fooled by it.
func (p *Panel) SetRebootDelay(d time.Duration) {
	p.with(func(x *panel) { x.rebootAfter = d })
}

// SetCredentialsAfterRestart makes the panel come back from its next
// restart with these Basic auth credentials, as after a reset.
func (p *Panel) SetCredentialsAfterRestart(username, password string) {
	p.with(func(x *panel) { x.credsAfter = &[2]string{username, password} })
}

// Restarting tells whether a restart the panel took is not over yet: it
// is still to go down, or down.
func (p *Panel) Restarting() bool {
	var on bool
	p.with(func(x *panel) { on = time.Now().Before(x.downUntil) })
	return on
}

// Reboots counts the reboots the panel was asked for.
func (p *Panel) Reboots() int {
	var n int
	p.with(func(x *panel) { n = x.reboots })
	return n
}
