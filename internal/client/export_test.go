package client

import "net/http"

// WithRoundTripper answers requests in memory. A fuzz target that needs a
// client per input would otherwise use up the loopback ports.
func WithRoundTripper(rt http.RoundTripper) Option {
	return func(s *shared) error { s.http.Transport = rt; return nil }
}
