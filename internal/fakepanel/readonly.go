package fakepanel

import (
	"maps"
	"net/http"
	"strings"
)

// The read-only answers that are not plain blocks: the gconfig aggregate
// and the device-info list. The zone list is in zones.go.

// getAggregate answers GET intercom/gconfig: every gconfig block under its
// wrapper name, each as its own GET shows it.
func (s *Server) getAggregate(w http.ResponseWriter, prefix string) {
	s.mu.Lock()
	p := s.panelLocked(prefix)
	if p.modes.aggregateUnsupported {
		s.mu.Unlock()
		writeError(w, http.StatusNotImplemented, "")
		return
	}
	agg := map[string]Values{}
	for _, b := range blocks {
		if b.inAggregate() {
			agg[b.wrapper] = maps.Clone(p.blocks[b.path])
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, agg)
}

// deviceItem is one entry of the system/device-info list. ro is the
// string "true", as the vendor's example shows, not a boolean.
type deviceItem struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	RO    string `json:"ro"`
	Value string `json:"value"`
}

// writeList answers a list block as a JSON array of items, or, with bare,
// as the vendor's docs print lists: the items joined by commas with no
// enclosing brackets, which is not valid JSON.
func writeList(w http.ResponseWriter, b *block, v Values, bare bool) {
	items := make([]string, 0, len(b.fields))
	for i, f := range b.fields {
		value, _ := v[f.name].(string)
		items = append(items, string(marshal(deviceItem{ID: i, Name: f.name, RO: "true", Value: value})))
	}
	body := strings.Join(items, ",")
	if !bare {
		body = "[" + body + "]"
	}
	writeRaw(w, http.StatusOK, []byte(body))
}
