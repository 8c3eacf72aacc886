package fakepanel

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request, prefix, rest string) {
	path := strings.TrimPrefix(rest, "/")
	var body []byte
	if !isUpload(path) {
		body, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	}
	s.mu.Lock()
	p := s.panelLocked(prefix)
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
	down := p.restartStep(time.Now())
	user, pass := s.username, s.password
	if p.creds != nil {
		user, pass = p.creds[0], p.creds[1]
	}
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
	case fault.Drop || down:
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
	s.route(rec, r, prefix, path, body)
	if r.Context().Err() != nil {
		// The client gave up during a slow answer (a long list): there is
		// no one left to answer.
		if s.Logf != nil {
			s.Logf("panel %q: %s %s -> canceled", prefix, r.Method, logPath(rest))
		}
		return
	}
	if s.Logf != nil {
		s.Logf("panel %q: %s %s -> %d", prefix, r.Method, logPath(rest), rec.code)
	}
	if fault.Truncate {
		leave()
		hangUp(w, rec)
		return
	}
	rec.copyTo(w)
}

// route answers one request that passed the faults and auth. The rule for
// methods: GET reads every known path; POST writes the settings paths and
// answers 501 on a read-only one (the firmware has no such resource, as
// for POST intercom/gconfig); any other method on a known path is a 405.
// Unknown paths are 501, as the vendor documents. The collections have
// rules of their own (collections_serve.go).
func (s *Server) route(w http.ResponseWriter, r *http.Request, prefix, path string, body []byte) {
	s.mu.Lock()
	unsupported := s.panelLocked(prefix).unsupported
	s.mu.Unlock()
	b := blockByPath[path]
	c, id, item := collectionFor(path)
	known := path == sipPath || path == rebootPath || path == gconfigPath || path == zonePath || b != nil || c != nil
	switch {
	case unsupported:
		writeError(w, http.StatusNotImplemented, "")
	case s.routeOps(w, r, prefix, path, body):
	case !known:
		writeError(w, http.StatusNotImplemented, "")
	case c != nil:
		s.serveCollection(w, r, c, id, item, prefix, body)
	case r.Method != http.MethodGet && r.Method != http.MethodPost:
		allow := "GET, POST"
		if path == gconfigPath || path == zonePath || (b != nil && b.readOnly) {
			allow = "GET"
		}
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "")
	case path == rebootPath && r.Method == http.MethodPost:
		s.reboot(w, prefix)
	case path == sipPath && r.Method == http.MethodGet:
		s.getSIP(w, prefix)
	case path == sipPath:
		s.postSIP(w, r, prefix, body)
	case r.Method == http.MethodPost && (b == nil || b.readOnly):
		writeError(w, http.StatusNotImplemented, "")
	case path == gconfigPath:
		s.getAggregate(w, prefix)
	case path == zonePath:
		writeJSON(w, http.StatusOK, zones)
	case r.Method == http.MethodGet:
		s.getBlock(w, b, prefix)
	default:
		s.postBlock(w, r, b, prefix, body)
	}
}

func authorized(r *http.Request, user, pass string) bool {
	u, p, ok := r.BasicAuth()
	return ok && subtle.ConstantTimeCompare([]byte(u), []byte(user)) == 1 &&
		subtle.ConstantTimeCompare([]byte(p), []byte(pass)) == 1
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

func writeJSON(w http.ResponseWriter, code int, v any) {
	writeRaw(w, code, marshal(v))
}

// marshal prints v as the firmware's JSON library does: without Go's HTML
// escapes, so that a quoted body arrives as the panel would send it.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func writeRaw(w http.ResponseWriter, code int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(code)
	_, _ = w.Write(b)
}
