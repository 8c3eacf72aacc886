package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
)

// A panel that takes no connection costs a connect timeout per attempt.
// Without a memory of it, every resource of that panel would pay the
// timeouts again, one after another, since a panel takes one request at a
// time: minutes for a whole panel. outages remembers, for the life of the
// client (one Terraform command), that a panel gave no connection: the
// request that found it so does its retries, requests that come meanwhile
// wait for its verdict, and once it gave up they fail at once.
type outages struct {
	mu     sync.Mutex
	panels map[string]*outage
}

type outage struct {
	done chan struct{} // closed with the verdict
	err  error         // the verdict: nil when the panel came back
}

// errAnotherFoundDown stops an attempt: another request found the panel
// down, and its verdict is to be waited for.
var errAnotherFoundDown = errors.New("another request found the panel down")

// other reports an outage of the panel that another request found.
func (o *outages) other(panel string, mine *outage) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	known := o.panels[panel]
	return known != nil && known != mine
}

// wait returns the error of an earlier request that found the panel down,
// after waiting for that request's retries; nil when the panel is not
// known to be down.
func (o *outages) wait(ctx context.Context, panel string) error {
	o.mu.Lock()
	known := o.panels[panel]
	o.mu.Unlock()
	if known == nil {
		return nil
	}
	select {
	case <-known.done:
		return known.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// begin records that a request found the panel taking no connection. It
// returns the outage to settle when this request is the first to find it,
// or nil when another request already did.
func (o *outages) begin(panel string) *outage {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.panels == nil {
		o.panels = map[string]*outage{}
	}
	if known := o.panels[panel]; known != nil {
		select {
		case <-known.done:
			// A verdict that came earlier is settled again by this request.
		default:
			return nil
		}
	}
	fresh := &outage{done: make(chan struct{})}
	o.panels[panel] = fresh
	return fresh
}

// settle gives the verdict of the request that began the outage: err is
// its final error, nil when the panel answered.
func (o *outages) settle(panel string, out *outage, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err == nil || !IsUnreachable(err) {
		err = nil
		if o.panels[panel] == out {
			delete(o.panels, panel)
		}
	}
	out.err = err
	close(out.done)
}

// answered forgets an outage once any request got an answer from the
// panel, such as a probe while it restarts.
func (o *outages) answered(panel string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if known := o.panels[panel]; known != nil {
		select {
		case <-known.done:
			delete(o.panels, panel)
		default:
		}
	}
}

// noConnection reports an attempt that reached no panel at all: the
// connect was refused, timed out or found no such host. A panel that
// accepted the connection and then was slow is not down, only busy.
func noConnection(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// downError is what a request gets without asking, for a panel that an
// earlier request of this run found down.
func (c *Client) downError(op string, earlier error) error {
	var connErr *ConnectionError
	cause := earlier
	if errors.As(earlier, &connErr) {
		cause = connErr.Err
	}
	return &ConnectionError{Panel: c.base, Op: op,
		Err: fmt.Errorf("not asked: the panel gave no connection earlier in this run (%w)", cause)}
}
