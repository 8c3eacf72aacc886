// Package fakepanel is an in-memory intercom panel, faithful to the
// panel's HTTP JSON API, that serves a whole fleet on one listener: each
// path prefix in front of /api/v1.cgi is a panel of its own. Tests, the
// demo and the benchmark steer it through Server and Panel.
//
// A panel serves the SIP account, every settings block of the vendor's
// API (blocks.go), the gconfig aggregate, the time-zone list, the
// read-only device facts and the collections of flats, RFID keys and
// codes (collections.go), and the panel's operations: firmware updates
// with the MCU's state machine and the CPU's restart (firmware.go), the
// doors, the emergency alert and its upload slot (doors_alert.go), with
// multipart uploads read as streams (upload.go). It validates POSTs as firmware does: malformed
// JSON is a 500 with the parser's message, any other wrong body a 400
// "Wrong parameters: ...". Unknown paths answer 501, a POST to a
// read-only path 501, any method but GET and POST 405 (an item of a
// collection takes GET and DELETE instead).
package fakepanel

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

const apiRoot = "/api/v1.cgi"

// SIPConfig is the SIP account as the panel stores and reports it. It is
// declared here, apart from the client's, so that the emulator checks the
// wire format instead of sharing the client's idea of it.
type SIPConfig struct {
	User     string `json:"sUser"`
	Password string `json:"sPassword"`
	Domain   string `json:"sDomain"`
	Proxy    string `json:"sProxy"`
	Realm    string `json:"sRealm"`
	Protocol string `json:"sProtocol"`
	Port     int    `json:"iPort"`
}

// FactoryConfig is what a panel holds out of the box.
func FactoryConfig() SIPConfig {
	return SIPConfig{Realm: "*", Protocol: "udp", Port: 5060}
}

// Fault changes how a panel answers the next matching requests.
//
// Path matches one API path exactly, which may be one item of a
// collection ("intercom/rfids/AB12"). A Path ending in "/*" matches every
// path one segment below instead, such as every item path of a
// collection: "intercom/rfids/*" matches "intercom/rfids/AB12" but neither
// "intercom/rfids" itself nor deeper paths.
type Fault struct {
	Method      string        // only requests with this method; "" for any
	Path        string        // only requests to this API path, e.g. "intercom/gconfig"; "" for any; see Fault for "/*"
	Times       int           // how many requests it hits; 0 for all of them
	Delay       time.Duration // wait before answering, or before the rest of the fault
	Drop        bool          // close the connection without an answer
	Truncate    bool          // send half of the real answer, then close
	Status      int           // answer with this status instead of serving
	Message     string        // envelope message for Status; its status text by default
	ContentType string        // with Body: answer these bytes instead of an envelope
	Body        string
	RetryAfter  string // a Retry-After header to send with Status
	// AfterPOST holds the fault back until the panel takes a POST, as
	// when a panel reboots right after accepting new settings.
	AfterPOST bool
	// EchoBody, with Status, makes the envelope message quote the raw
	// request body after Message ("Wrong parameters" for a 400, the status
	// text otherwise), as the firmware's JSON parser errors do. Tests use
	// it to check that the client scrubs secrets a panel sends back.
	EchoBody bool

	armedAt int // the panel's POST count when the fault was queued
}

// Server is the fleet. The zero value is not usable; call New.
type Server struct {
	// Logf, when set, hears of every request and every change of
	// settings, with passwords and codes hidden.
	Logf func(format string, args ...any)

	mu       sync.Mutex
	panels   map[string]*panel
	latency  time.Duration
	username string
	password string
	inFlight int
	peak     int
}

// SetCredentials makes every panel require this Basic auth; an empty
// username turns auth off. It may be called while serving, as when an
// administrator changes the password.
func (s *Server) SetCredentials(username, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.username, s.password = username, password
}

type panel struct {
	// creds, when set, are this panel's own Basic auth, in place of the
	// fleet's: panels of one fleet may each have their own password.
	creds       *[2]string
	rebootFor   time.Duration // how long a reboot keeps the panel down
	rebootAfter time.Duration // how long it still answers after taking a reboot
	downFrom    time.Time     // from here to downUntil, every connection is dropped
	downUntil   time.Time
	// credsAfter, when set, become creds once the restart is over: a
	// panel that comes back with other credentials (SetCredentialsAfterRestart).
	credsAfter  *[2]string
	reboots     int
	cfg         SIPConfig
	mask        bool
	unsupported bool
	faults      []Fault
	counts      map[string]int    // by method
	pathCounts  map[string]int    // by method, a space, and the API path
	blocks      map[string]Values // every settings block but SIP, by path
	modes       modes
	lastBody    []byte
	posts       int
	inFlight    int
	maxInFlight int
	coll        itemState     // flats, keys and codes (collections.go)
	fw          firmwareState // updates in flight (firmware.go)
	ops         opsState      // doors, alert, alert sound (doors_alert.go)
}

// New returns an empty fleet; panels appear on their first request.
func New() *Server {
	return &Server{panels: map[string]*panel{}}
}

// SetLatency delays every answer from every panel, as a slow network would.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// MaxInFlight is the most requests any one panel has had open at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	most := 0
	for _, p := range s.panels {
		most = max(most, p.maxInFlight)
	}
	return most
}

// MaxInFlightTotal is the most requests the whole fleet has had open at
// once: above one, panels were served in parallel.
func (s *Server) MaxInFlightTotal() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// Requests counts the requests with method across the fleet.
func (s *Server) Requests(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.panels {
		n += p.counts[method]
	}
	return n
}

// RequestsTo counts the requests with method to one API path across the
// fleet. path has no leading slash (one is ignored) and must match
// exactly: "intercom/gconfig" does not count "intercom/gconfig/timeouts".
// A trailing "/*" counts every path one segment below instead, as
// Fault.Path does: RequestsTo("DELETE", "intercom/rfids/*") counts the
// DELETEs of every single key.
func (s *Server) RequestsTo(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.panels {
		n += p.requestsTo(method, path)
	}
	return n
}

// ResetCounters zeroes request counts and in-flight peaks fleet-wide.
func (s *Server) ResetCounters() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.panels {
		p.counts, p.pathCounts = map[string]int{}, map[string]int{}
		p.maxInFlight = p.inFlight
	}
	s.peak = s.inFlight
}

// Panel returns the panel served under prefix ("" for the root,
// "/panels/17" for a gateway path), creating it with factory settings.
func (s *Server) Panel(prefix string) *Panel {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.panelLocked(prefix)
	return &Panel{s: s, prefix: cleanPrefix(prefix)}
}

func (s *Server) panelLocked(prefix string) *panel {
	prefix = cleanPrefix(prefix)
	p, ok := s.panels[prefix]
	if !ok {
		p = newPanel()
		s.panels[prefix] = p
	}
	return p
}

// newPanel is a panel as it leaves the factory.
func newPanel() *panel {
	return &panel{cfg: FactoryConfig(), counts: map[string]int{}, pathCounts: map[string]int{}, blocks: factoryBlocks(),
		fw: newFirmwareState(), ops: newOpsState()}
}

func cleanPrefix(prefix string) string {
	prefix = strings.TrimRight(prefix, "/")
	// Request paths always start with a slash; Panel("panels/17") means
	// the same panel as Panel("/panels/17").
	if prefix != "" && !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	return prefix
}

// ServeHTTP routes /<prefix>/api/v1.cgi/... to the panel named by prefix.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	prefix, rest, ok := splitPath(r.URL.Path)
	if !ok {
		writeError(w, http.StatusNotImplemented, "")
		return
	}
	s.serve(w, r, prefix, rest)
}

func splitPath(p string) (prefix, rest string, ok bool) {
	i := strings.Index(p+"/", apiRoot+"/")
	if i < 0 {
		return "", "", false
	}
	return p[:i], strings.TrimPrefix(p[i:], apiRoot), true
}
