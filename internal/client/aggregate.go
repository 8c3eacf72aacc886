package client

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
)

// aggregatePath answers every gconfig object of a panel at once, keyed by
// each object's POST wrapper name.
const aggregatePath = "intercom/gconfig"

// aggregateCache shares one GET intercom/gconfig per panel between the
// reads of its gconfig objects: on a refresh, eight resources of one
// panel cost one request instead of eight. It lives as long as the
// provider process. A write to a panel drops its snapshot and bumps its
// generation, so a fetch that was already on its way when the write
// finished is never stored, and no read that starts after a write sees
// values from before it.
type aggregateCache struct {
	mu     sync.Mutex
	panels map[string]*panelSnapshot
	// written is every object this client has posted, by panel and path.
	written map[string]bool
}

type panelSnapshot struct {
	gen         uint64
	snap        map[string]json.RawMessage
	fetch       *aggregateFetch
	unsupported bool // the firmware has no aggregate: read objects one by one
}

type aggregateFetch struct {
	gen  uint64
	done chan struct{}
	snap map[string]json.RawMessage
	err  error
}

func (a *aggregateCache) panel(base string) *panelSnapshot {
	if a.panels == nil {
		a.panels = map[string]*panelSnapshot{}
	}
	p, ok := a.panels[base]
	if !ok {
		p = &panelSnapshot{}
		a.panels[base] = p
	}
	return p
}

func (a *aggregateCache) invalidate(base, path string, posted bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := a.panel(base)
	p.gen++
	p.snap = nil
	if posted {
		if a.written == nil {
			a.written = map[string]bool{}
		}
		a.written[base+" "+path] = true
	}
}

// Wrote reports whether this client, or another made from the same New,
// has written ep to this panel. A provider process serves one Terraform
// run, so this tells a destroy that the same run already wrote a
// replacement (create_before_destroy) that it must not undo.
func (c *Client) Wrote(ep Endpoint) bool {
	a := &c.shared.cache
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.written[c.base+" "+ep.Path]
}

// Read reads the object, through the panel's shared aggregate when the
// object is part of it. Firmware without the aggregate (404 or 501) is
// remembered, and its objects are read one by one from then on.
func (c *Client) Read(ctx context.Context, ep Endpoint) (Values, error) {
	if !ep.Aggregated || ep.Wrapper == "" {
		return c.Get(ctx, ep)
	}
	snap, err := c.aggregate(ctx)
	if err != nil {
		return nil, err
	}
	raw, ok := snap[ep.Wrapper]
	if snap == nil || !ok {
		return c.Get(ctx, ep)
	}
	var fields map[string]json.RawMessage
	op := http.MethodGet + " " + aggregatePath
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, &ResponseError{Panel: c.base, Op: op, StatusCode: http.StatusOK,
			Reason: "its " + ep.Wrapper + " member is not a JSON object"}
	}
	return ep.decode(c.base, op, fields)
}

// aggregate returns the panel's snapshot, fetching it once for every
// reader that asks while no write intervenes; nil when the firmware has
// no aggregate.
func (c *Client) aggregate(ctx context.Context) (map[string]json.RawMessage, error) {
	a := &c.shared.cache
	a.mu.Lock()
	p := a.panel(c.base)
	switch {
	case p.unsupported:
		a.mu.Unlock()
		return nil, nil
	case p.snap != nil:
		snap := p.snap
		a.mu.Unlock()
		return snap, nil
	}
	f := p.fetch
	if f == nil || f.gen != p.gen {
		f = &aggregateFetch{gen: p.gen, done: make(chan struct{})}
		p.fetch = f
		go c.fetchAggregate(f)
	}
	a.mu.Unlock()
	select {
	case <-f.done:
		return f.snap, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fetchAggregate runs apart from any one reader's context, so that a
// reader that gives up does not fail the others waiting on the fetch.
func (c *Client) fetchAggregate(f *aggregateFetch) {
	var snap map[string]json.RawMessage
	err := c.do(context.Background(), http.MethodGet, aggregatePath, nil, &snap)
	a := &c.shared.cache
	a.mu.Lock()
	p := a.panel(c.base)
	switch {
	case IsUnsupported(err):
		p.unsupported = true
		err, snap = nil, nil
	case err == nil && p.gen == f.gen:
		p.snap = snap
	}
	if p.fetch == f {
		p.fetch = nil
	}
	a.mu.Unlock()
	f.snap, f.err = snap, err
	close(f.done)
}
