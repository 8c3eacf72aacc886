package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode"
)

// APIError is an answer with a non-2xx status. Message is the panel's own
// text from its error envelope, or a short excerpt of a page that was not
// the envelope (a proxy's HTML error page, say).
type APIError struct {
	Panel       string
	Op          string
	StatusCode  int
	Message     string
	ContentType string
	// CredentialsKey is the panels key whose credentials were sent, ""
	// when they were the client's own.
	CredentialsKey string

	retryAfter   time.Duration
	bodyRejected bool
	withheld     bool // the panel's text quoted a secret
}

// BodyRejected reports a 500 in which the panel's JSON parser refused the
// request body ("json.exception..."): no retry can fix it, and it points
// at a bug in the client rather than at the panel.
func (e *APIError) BodyRejected() bool { return e.bodyRejected }

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	if e.ContentType != "" {
		msg = fmt.Sprintf("%s (a %s answer, not the panel's JSON error)", msg, e.ContentType)
	}
	if e.withheld {
		msg += withheldNote
	}
	return fmt.Sprintf("panel %s: %s: HTTP %d: %s", e.Panel, e.Op, e.StatusCode, msg)
}

// ResponseError is a 2xx answer that is not the JSON the panel should send.
type ResponseError struct {
	Panel       string
	Op          string
	StatusCode  int
	ContentType string
	Excerpt     string
	Reason      string

	withheld bool
}

func (e *ResponseError) Error() string {
	s := fmt.Sprintf("panel %s: %s: HTTP %d: %s", e.Panel, e.Op, e.StatusCode, e.Reason)
	if e.ContentType != "" {
		s += fmt.Sprintf("; content type %q", e.ContentType)
	}
	if e.Excerpt != "" {
		s += fmt.Sprintf("; it begins %q", e.Excerpt)
	}
	if e.withheld {
		s += withheldNote
	}
	return s
}

// withheldNote says why an error lacks the panel's words, so that nobody
// takes the bare status for all the panel said.
const withheldNote = " (the panel's own text is left out: it may quote a password)"

// ConnectionError is a failure to get any answer: refused, reset, timed
// out, or a TLS handshake the client would not accept.
type ConnectionError struct {
	Panel string
	Op    string
	Err   error
}

func (e *ConnectionError) Error() string {
	return fmt.Sprintf("panel %s: %s: %v", e.Panel, e.Op, e.Err)
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// IsCertificateError reports whether the panel's TLS certificate was not
// trusted, which no retry can fix.
func (e *ConnectionError) IsCertificateError() bool {
	var (
		unknown  x509.UnknownAuthorityError
		invalid  x509.CertificateInvalidError
		hostname x509.HostnameError
		verify   *tls.CertificateVerificationError
	)
	return errors.As(e.Err, &unknown) || errors.As(e.Err, &invalid) ||
		errors.As(e.Err, &hostname) || errors.As(e.Err, &verify)
}

// StatusCode returns the HTTP status of an *APIError in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// IsUnauthorized reports a 401: the panel refused the credentials.
func IsUnauthorized(err error) bool { return StatusCode(err) == http.StatusUnauthorized }

// IsUnreachable reports a panel that gave no answer at all after the
// retries: refused, timed out, reset, or a name that does not resolve. A
// panel that answered, even with an error, is reachable; so is one whose
// TLS certificate is not trusted, since that needs a fix, not patience.
func IsUnreachable(err error) bool {
	var connErr *ConnectionError
	return errors.As(err, &connErr) && !connErr.IsCertificateError() &&
		!errors.Is(err, context.Canceled)
}

// IsUnsupported reports a 404 or 501: the firmware has no such endpoint.
func IsUnsupported(err error) bool {
	code := StatusCode(err)
	return code == http.StatusNotFound || code == http.StatusNotImplemented
}

// excerpt keeps an error message short and printable whatever a proxy sent.
func excerpt(b []byte, limit int) string {
	var sb strings.Builder
	space := false
	for _, r := range string(b) {
		if sb.Len() >= limit {
			sb.WriteString("…")
			break
		}
		switch {
		case unicode.IsSpace(r):
			space = sb.Len() > 0
		case unicode.IsPrint(r):
			if space {
				sb.WriteByte(' ')
				space = false
			}
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// slowAnswer is an attempt that got no answer within its time.
type slowAnswer struct{ limit time.Duration }

func (e *slowAnswer) Error() string { return fmt.Sprintf("no answer within %s", e.limit) }
