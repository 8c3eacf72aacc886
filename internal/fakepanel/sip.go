package fakepanel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

const sipPath = "intercom/sip/config"

// getSIP answers the account, the password masked when the panel hides
// secrets.
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

// postSIP validates and stores a new account.
func (s *Server) postSIP(w http.ResponseWriter, r *http.Request, prefix string, body []byte) {
	if !isJSON(r) {
		writeError(w, http.StatusBadRequest, "Wrong parameters: Content-Type must be application/json")
		return
	}
	cfg, status, msg := parseSIP(body)
	if status != http.StatusOK {
		writeError(w, status, msg)
		return
	}
	s.mu.Lock()
	p := s.panelLocked(prefix)
	cfg = p.modes.storeSIP(cfg)
	p.cfg = cfg
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
		return SIPConfig{}, http.StatusInternalServerError, parseErrorMessage
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

// storeSIP changes the account as the panel's modes store it: the names
// trimmed and cut, the host names also lower-cased. The password is kept
// as sent: firmware that mangled it would break registration.
func (m modes) storeSIP(cfg SIPConfig) SIPConfig {
	name := storeRule{trim: true, cut: true}
	host := storeRule{trim: true, lower: true, cut: true}
	cfg.User = m.apply(cfg.User, name)
	cfg.Domain = m.apply(cfg.Domain, host)
	cfg.Proxy = m.apply(cfg.Proxy, host)
	cfg.Realm = m.apply(cfg.Realm, name)
	return cfg
}

func hidden(password string) string {
	if password == "" {
		return "(empty)"
	}
	return fmt.Sprintf("(set, %d characters)", len(password))
}
