package fakepanel

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

const sipPath = "/intercom/sip/config"

func (s *Server) serve(w http.ResponseWriter, r *http.Request, prefix, rest string) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	s.mu.Lock()
	p := s.panelLocked(prefix)
	path := strings.TrimPrefix(rest, "/")
	p.counts[r.Method]++
	p.pathCounts[r.Method+" "+path]++
	fault := p.takeFault(r.Method, path)
	if r.Method == http.MethodPost {
		p.lastBody = body
		p.posts++
	}
	p.inFlight++
	p.maxInFlight = max(p.maxInFlight, p.inFlight)
	s.inFlight++
	s.peak = max(s.peak, s.inFlight)
	latency := s.latency
	user, pass := s.username, s.password
	s.mu.Unlock()
	// leave runs before a hang-up too: the client sees the closed
	// connection at once and may retry before this handler returns, and
	// that retry must not count as a second request in flight.
	leave := sync.OnceFunc(func() {
		s.mu.Lock()
		p.inFlight--
		s.inFlight--
		s.mu.Unlock()
	})
	defer leave()

	if !sleep(r, latency+fault.Delay) {
		return
	}
	switch {
	case fault.Drop:
		leave()
		hangUp(w, nil)
		return
	case fault.Status != 0:
		writeFault(w, fault, body)
		return
	}
	if user != "" && !authorized(r, user, pass) {
		w.Header().Set("WWW-Authenticate", `Basic realm="intercom"`)
		writeError(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	rec := &recorder{header: http.Header{}, code: http.StatusOK}
	s.route(rec, r, prefix, rest, body)
	if s.Logf != nil {
		s.Logf("panel %q: %s %s -> %d", prefix, r.Method, rest, rec.code)
	}
	if fault.Truncate {
		leave()
		hangUp(w, rec)
		return
	}
	rec.copyTo(w)
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, prefix, rest string, body []byte) {
	s.mu.Lock()
	unsupported := s.panelLocked(prefix).unsupported
	s.mu.Unlock()
	switch {
	case unsupported || rest != sipPath:
		writeError(w, http.StatusNotImplemented, "")
	case r.Method == http.MethodGet:
		s.getSIP(w, prefix)
	case r.Method == http.MethodPost:
		s.postSIP(w, r, prefix, body)
	default:
		writeError(w, http.StatusMethodNotAllowed, "")
	}
}

func authorized(r *http.Request, user, pass string) bool {
	u, p, ok := r.BasicAuth()
	return ok && subtle.ConstantTimeCompare([]byte(u), []byte(user)) == 1 &&
		subtle.ConstantTimeCompare([]byte(p), []byte(pass)) == 1
}

func (s *Server) getSIP(w http.ResponseWriter, prefix string) {
	s.mu.Lock()
	p := s.panelLocked(prefix)
	cfg := p.cfg
	if p.mask && cfg.Password != "" {
		cfg.Password = strings.Repeat("*", 8)
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, cfg)
}

func (s *Server) postSIP(w http.ResponseWriter, r *http.Request, prefix string, body []byte) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeError(w, http.StatusBadRequest, "Wrong parameters: Content-Type must be application/json")
		return
	}
	cfg, status, msg := parseSIP(body)
	if status != http.StatusOK {
		writeError(w, status, msg)
		return
	}
	s.mu.Lock()
	s.panelLocked(prefix).cfg = cfg
	s.mu.Unlock()
	if s.Logf != nil {
		s.Logf("panel %q: SIP account set: user=%q domain=%q proxy=%q realm=%q protocol=%s port=%d password=%s",
			prefix, cfg.User, cfg.Domain, cfg.Proxy, cfg.Realm, cfg.Protocol, cfg.Port, hidden(cfg.Password))
	}
	w.WriteHeader(http.StatusOK)
}

// parseSIP validates a POST body the way the firmware does: malformed JSON
// is the parser's 500, anything else wrong is a 400.
func parseSIP(body []byte) (SIPConfig, int, string) {
	if !json.Valid(body) {
		return SIPConfig{}, http.StatusInternalServerError,
			"[json.exception.parse_error.101] parse error: syntax error while parsing value"
	}
	var req struct {
		SIP map[string]json.RawMessage `json:"oSip"`
	}
	if err := json.Unmarshal(body, &req); err != nil || req.SIP == nil {
		return SIPConfig{}, http.StatusBadRequest, "Wrong parameters: oSip object expected"
	}
	fields := []string{"sUser", "sPassword", "sDomain", "sProxy", "sRealm", "sProtocol", "iPort"}
	for _, f := range fields {
		v, ok := req.SIP[f]
		if !ok {
			return SIPConfig{}, http.StatusBadRequest, "Wrong parameters: missing " + f
		}
		// encoding/json would read null as "" or 0 without a word; the
		// firmware's parser refuses it like any other wrong type.
		if bytes.Equal(v, []byte("null")) {
			return SIPConfig{}, http.StatusBadRequest, "Wrong parameters: wrong type"
		}
	}
	if len(req.SIP) != len(fields) {
		return SIPConfig{}, http.StatusBadRequest, "Wrong parameters: unknown field in oSip"
	}
	raw, _ := json.Marshal(req.SIP)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var cfg SIPConfig
	if err := dec.Decode(&cfg); err != nil {
		return SIPConfig{}, http.StatusBadRequest, "Wrong parameters: wrong type"
	}
	switch {
	case cfg.Protocol != "udp" && cfg.Protocol != "tcp" && cfg.Protocol != "tls":
		return SIPConfig{}, http.StatusBadRequest, "Wrong parameters: sProtocol must be udp, tcp or tls"
	case cfg.Port < 1 || cfg.Port > 65535:
		return SIPConfig{}, http.StatusBadRequest, "Wrong parameters: iPort out of range"
	}
	return cfg, http.StatusOK, ""
}

func hidden(password string) string {
	if password == "" {
		return "(empty)"
	}
	return fmt.Sprintf("(set, %d characters)", len(password))
}

func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func writeFault(w http.ResponseWriter, f Fault, body []byte) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Body != "" || f.ContentType != "" {
		w.Header().Set("Content-Type", f.ContentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(f.Body)))
		w.WriteHeader(f.Status)
		_, _ = io.WriteString(w, f.Body)
		return
	}
	msg := f.Message
	if f.EchoBody {
		if msg == "" && f.Status == http.StatusBadRequest {
			msg = "Wrong parameters"
		} else if msg == "" {
			msg = http.StatusText(f.Status)
		}
		msg += ": " + string(body)
	}
	writeError(w, f.Status, msg)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	if msg == "" {
		msg = http.StatusText(code)
	}
	env := map[string]any{"error": map[string]any{"code": code, "message": msg}}
	writeJSON(w, code, env)
}

// writeJSON answers v as the firmware's JSON library prints it: without
// Go's HTML escapes, so that a quoted body arrives as the panel would send
// it.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(code)
	_, _ = w.Write(b)
}
