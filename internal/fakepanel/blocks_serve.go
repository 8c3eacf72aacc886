package fakepanel

import (
	"fmt"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// getBlock answers a block's GET with what the panel holds now.
func (s *Server) getBlock(w http.ResponseWriter, b *block, prefix string) {
	s.mu.Lock()
	p := s.panelLocked(prefix)
	v := maps.Clone(p.blocks[b.path])
	bare := p.modes.bareLists
	s.mu.Unlock()
	if b.list {
		writeList(w, b, v, bare)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// postBlock validates a block's POST and stores what it sets.
func (s *Server) postBlock(w http.ResponseWriter, r *http.Request, b *block, prefix string, body []byte) {
	if !isJSON(r) {
		writeError(w, http.StatusBadRequest, "Wrong parameters: Content-Type must be application/json")
		return
	}
	set, status, msg := b.parse(body)
	if status != http.StatusOK {
		writeError(w, status, msg)
		return
	}
	s.mu.Lock()
	s.panelLocked(prefix).store(b, set)
	s.mu.Unlock()
	if s.Logf != nil {
		s.Logf("panel %q: %s set: %s", prefix, b.path, describe(b, set))
	}
	w.WriteHeader(http.StatusOK)
}

// store writes the fields a POST set, as the panel's modes change them;
// the fields a partial POST left out keep their value. The caller holds
// the server's lock.
func (x *panel) store(b *block, set Values) {
	cur := x.blocks[b.path]
	for name, v := range set {
		f := b.field(name)
		if str, ok := v.(string); ok && f != nil {
			v = x.modes.apply(str, storeRule{trim: f.text, lower: f.host, pad: f.text, cut: f.text})
		}
		cur[name] = v
	}
}

// modes are the ways some firmware stores strings other than as sent.
type modes struct {
	aggregateUnsupported bool
	padTexts             bool
	lowerHosts           bool
	trimStored           bool
	maxStored            int
	bareLists            bool
}

// storeRule says which of the modes a field is subject to.
type storeRule struct{ trim, lower, pad, cut bool }

// apply changes s as the panel stores it. The order is fixed: trim,
// lower-case, pad, cut. Padding adds one leading space unless s already
// starts with one, so that a value read back and sent again does not grow
// on every write. The cut comes last because it models the panel's buffer.
func (m modes) apply(s string, r storeRule) string {
	if r.trim && m.trimStored {
		s = strings.TrimSpace(s)
	}
	if r.lower && m.lowerHosts {
		s = strings.ToLower(s)
	}
	if r.pad && m.padTexts && !strings.HasPrefix(s, " ") {
		s = " " + s
	}
	if r.cut && m.maxStored > 0 && utf8.RuneCountInString(s) > m.maxStored {
		s = string([]rune(s)[:m.maxStored])
	}
	return s
}

// describe lists what a POST set for the log, hiding the codes.
func describe(b *block, set Values) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(set)) {
		if f := b.field(name); f != nil && f.digits {
			parts = append(parts, name+"=(set)")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s=%#v", name, set[name]))
	}
	return strings.Join(parts, " ")
}

// isJSON tells whether a POST declares a JSON body, as the firmware
// requires.
func isJSON(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "application/json"
}
