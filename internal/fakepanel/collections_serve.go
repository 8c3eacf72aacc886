package fakepanel

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// serveCollection answers a collection path (GET lists, POST upserts) or
// an item path (GET reads one, DELETE removes it). Other methods are a 405
// naming the allowed ones; an item id that breaks the key's format is a
// 400, an absent item a 404, as the vendor's error page documents.
func (s *Server) serveCollection(w http.ResponseWriter, r *http.Request, c *collection, id string, item bool, prefix string, body []byte) {
	switch {
	case !item && r.Method == http.MethodGet:
		s.listItems(w, r, c, prefix)
	case !item && r.Method == http.MethodPost:
		s.postItems(w, r, c, prefix, body)
	case !item:
		w.Header().Set("Allow", "GET, POST")
		writeError(w, http.StatusMethodNotAllowed, "")
	case r.Method != http.MethodGet && r.Method != http.MethodDelete:
		w.Header().Set("Allow", "GET, DELETE")
		writeError(w, http.StatusMethodNotAllowed, "")
	default:
		s.oneItem(w, r, c, id, prefix)
	}
}

// listItems answers every item, ordered by key, after the panel's per-item
// delay: the vendor says 100 flats take about 8 s. What is listed is the
// collection as the request found it. A client that gives up ends the
// wait, and nothing is written.
func (s *Server) listItems(w http.ResponseWriter, r *http.Request, c *collection, prefix string) {
	s.mu.Lock()
	p := s.panelLocked(prefix)
	items := p.sorted(c)
	delay, bare := p.coll.delay, p.modes.bareLists
	s.mu.Unlock()
	if !sleep(r, delay*time.Duration(len(items))) {
		return
	}
	buf := make([]byte, 0, 64+len(items)*len(c.fields)*24)
	if !bare {
		buf = append(buf, '[')
	}
	for i, v := range items {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = c.appendItem(buf, v)
	}
	if !bare {
		buf = append(buf, ']')
	}
	writeRaw(w, http.StatusOK, buf)
}

// oneItem answers GET or DELETE of one item.
func (s *Server) oneItem(w http.ResponseWriter, r *http.Request, c *collection, id, prefix string) {
	k, ok := c.canon(id)
	if !ok {
		writeError(w, http.StatusBadRequest, "Wrong parameters: the id must be "+c.rule)
		return
	}
	s.mu.Lock()
	m := s.panelLocked(prefix).items(c)
	v, found := m[k]
	if found && r.Method == http.MethodDelete {
		delete(m, k)
	}
	s.mu.Unlock()
	switch {
	case !found:
		writeError(w, http.StatusNotFound, "Not found")
	case r.Method == http.MethodGet:
		writeRaw(w, http.StatusOK, c.appendItem(nil, v))
	default:
		if s.Logf != nil {
			s.Logf("panel %q: %s deleted: %s", prefix, c.path, c.describe([]Values{v}))
		}
		w.WriteHeader(http.StatusOK)
	}
}

// postItems validates the whole body before it stores anything, so a
// refused POST changes no item; then it adds or replaces the items listed
// and leaves every other item as it was.
func (s *Server) postItems(w http.ResponseWriter, r *http.Request, c *collection, prefix string, body []byte) {
	if !isJSON(r) {
		writeError(w, http.StatusBadRequest, "Wrong parameters: Content-Type must be application/json")
		return
	}
	items, status, msg := c.parse(body)
	if status != http.StatusOK {
		writeError(w, status, msg)
		return
	}
	s.mu.Lock()
	m := s.panelLocked(prefix).items(c)
	for _, v := range items {
		m[c.keyOf(v)] = v
	}
	s.mu.Unlock()
	if s.Logf != nil {
		s.Logf("panel %q: %s set: %s", prefix, c.path, c.describe(items))
	}
	w.WriteHeader(http.StatusOK)
}

// describe names items for the log: their count and, unless they are
// codes, the first few keys. A code's key is the code itself.
func (c *collection) describe(items []Values) string {
	noun := c.noun
	if len(items) != 1 {
		noun += "s"
	}
	head := fmt.Sprintf("%d %s", len(items), noun)
	if c.secret {
		return head + " (codes hidden)"
	}
	const most = 10
	ids := make([]string, 0, min(len(items), most))
	for _, v := range items[:min(len(items), most)] {
		ids = append(ids, fmt.Sprint(v[c.fields[0].name]))
	}
	if len(items) > most {
		ids = append(ids, "...")
	}
	return head + ": " + strings.Join(ids, ", ")
}

// logPath is a request path as the log may show it: everything after
// "codes/" is hidden, since under intercom/codes it is a door code. The
// rule is loose on purpose, so that a misspelt path still hides its code.
func logPath(path string) string {
	if i := strings.Index(path, "codes/"); i >= 0 && i+len("codes/") < len(path) {
		return path[:i+len("codes/")] + "(code)"
	}
	return path
}
