// Package client speaks the intercom panel's HTTP JSON API. It knows
// nothing of Terraform.
package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Client talks to one panel. Clients made with WithAddress share the
// transport, credentials and per-panel limits of the one made by New, so a
// provider needs one New and any number of panels.
type Client struct {
	base   string
	cred   *credentials
	shared *shared
	// once: no retries, for probes, which ask many addresses where most
	// may have nothing, and for requests that must not be repeated.
	once bool
	// patient: each attempt may take the list timeout, and one that runs
	// out is not retried. A panel listing thousands of flats is slow
	// because it is working; asking again would only start it over.
	patient bool
	// opPath, when set, names the path in errors and logs in place of the
	// real one, which may hold a secret (a code is its own path).
	opPath string
}

func (c *Client) attemptTimeout() time.Duration {
	if c.patient {
		return c.shared.listTimeout
	}
	return c.shared.timeout
}

// WithListTimeout bounds one attempt to list a collection, which a panel
// answers slowly (the vendor says 100 flats take about 8 s).
func WithListTimeout(d time.Duration) Option {
	return func(s *shared) error { s.listTimeout = d; return nil }
}

// Once returns a client for the same panel that never retries.
func (c *Client) Once() *Client {
	o := *c
	o.once = true
	return &o
}

type shared struct {
	http     *http.Client
	username string
	password string
	// defaultCred is username and password with their spellings;
	// panelCreds override them for some panels, longest prefix first.
	defaultCred *credentials
	panelCreds  []panelCredentials
	connect     time.Duration
	listTimeout time.Duration
	timeout     time.Duration
	maxRetries  int
	backoffMin  time.Duration
	backoffMax  time.Duration
	logf        LogFunc

	limit    int
	limitsMu sync.Mutex
	limits   map[string]chan struct{}

	cache   aggregateCache
	outages outages
	// freeze: panels nothing may be sent to (see Freeze).
	freeze *Freeze
}

// LogFunc receives one structured debug line. Fields never carry a request
// body or a credential.
type LogFunc func(ctx context.Context, msg string, fields map[string]any)

// Option changes how New builds a client.
type Option func(*shared) error

// WithTimeout bounds each HTTP attempt: connect, headers and body.
func WithTimeout(d time.Duration) Option {
	return func(s *shared) error { s.timeout = d; return nil }
}

// WithMaxRetries sets how many times a transient failure is retried.
func WithMaxRetries(n int) Option {
	return func(s *shared) error { s.maxRetries = n; return nil }
}

// WithBackoff sets the first retry delay and the cap on any delay,
// Retry-After included.
func WithBackoff(first, maxDelay time.Duration) Option {
	return func(s *shared) error { s.backoffMin, s.backoffMax = first, maxDelay; return nil }
}

// WithMaxConcurrent limits the requests in flight to any one panel.
func WithMaxConcurrent(n int) Option {
	return func(s *shared) error { s.limit = n; return nil }
}

// WithConnectTimeout bounds the TCP (and TLS) connect of each attempt, so
// that a panel that never answers a connect costs this, not the whole
// request timeout.
func WithConnectTimeout(d time.Duration) Option {
	return func(s *shared) error {
		s.connect = d
		t := transport(s)
		t.DialContext = (&net.Dialer{Timeout: d, KeepAlive: 30 * time.Second}).DialContext
		t.TLSHandshakeTimeout = d
		return nil
	}
}

// WithLogger sends debug lines (requests, retries) to f.
func WithLogger(f LogFunc) Option {
	return func(s *shared) error { s.logf = f; return nil }
}

// WithTLS trusts caPEM in addition to the system roots, or skips
// verification altogether when insecure is set.
func WithTLS(caPEM string, insecure bool) Option {
	return func(s *shared) error {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: insecure} //nolint:gosec // the user asked for it with insecure = true.
		if caPEM != "" {
			pool, err := x509.SystemCertPool()
			if err != nil {
				pool = x509.NewCertPool()
			}
			if !pool.AppendCertsFromPEM([]byte(caPEM)) {
				return errors.New("the CA certificate holds no PEM-encoded certificate")
			}
			cfg.RootCAs = pool
		}
		transport(s).TLSClientConfig = cfg
		return nil
	}
}

func transport(s *shared) *http.Transport {
	return s.http.Transport.(*http.Transport) //nolint:forcetypeassert // New always installs an *http.Transport.
}

// New returns a client for the panel at baseURL, which may be empty when
// every caller names its panel through WithAddress. It makes no request.
func New(baseURL, username, password string, opts ...Option) (*Client, error) {
	t := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout: 30 * time.Second,
		// Behind a gateway every panel is the same host, and a fleet plan
		// keeps up to -parallelism requests open: keep that many warm
		// connections rather than a new TCP (and TLS) handshake per request.
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     90 * time.Second,
	}
	s := &shared{
		http: &http.Client{
			Transport: t,
			// A redirect is not followed: net/http would turn a POST into a
			// GET, so a write would "succeed" without reaching the panel.
			// The 3xx comes back as an *APIError naming the new address.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		username:    username,
		password:    password,
		connect:     30 * time.Second,
		listTimeout: 10 * time.Minute,
		timeout:     30 * time.Second,
		maxRetries:  3,
		backoffMin:  500 * time.Millisecond,
		backoffMax:  10 * time.Second,
		limit:       1,
		limits:      map[string]chan struct{}{},
	}
	for _, opt := range opts {
		if err := opt(s); err != nil {
			return nil, err
		}
	}
	s.defaultCred = newCredentials(username, password)
	c := &Client{shared: s}
	if baseURL == "" {
		return c, nil
	}
	return c.WithAddress(baseURL)
}

// WithAddress returns a client for another panel that shares this one's
// settings and limits.
func (c *Client) WithAddress(address string) (*Client, error) {
	base, err := NormalizeAddress(address)
	if err != nil {
		return nil, err
	}
	return &Client{base: base, cred: c.shared.credentialsFor(base), shared: c.shared}, nil
}

// BaseURL is the panel's normalised address, or "" when New had none.
func (c *Client) BaseURL() string { return c.base }

// acquire waits for a request slot on this panel. Each panel has its own
// slots, so a slow panel never holds up another.
func (c *Client) acquire(ctx context.Context) (release func(), err error) {
	s := c.shared
	s.limitsMu.Lock()
	sem, ok := s.limits[c.base]
	if !ok {
		sem = make(chan struct{}, max(s.limit, 1))
		s.limits[c.base] = sem
	}
	s.limitsMu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
