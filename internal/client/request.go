package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxBody caps what is read of any answer; the SIP settings are a few
// hundred bytes, so anything near this is not the panel talking.
const maxBody = 1 << 20

// maxListBody caps a collection's list: 9,999 flats are about 2.5 MiB.
const maxListBody = 64 << 20

func (c *Client) bodyLimit() int {
	if c.patient {
		return maxListBody
	}
	return maxBody
}

// do sends one API call, retrying transient failures. in is encoded as the
// JSON body; out, when not nil, receives the decoded answer. secrets are
// the passwords in the body: a panel may echo what it was sent (a parser
// error quotes the body), so no spelling of them, or of the admin
// password, reaches the errors returned.
func (c *Client) do(ctx context.Context, method, path string, in, out any, secrets ...string) (err error) {
	if c.base == "" {
		return errors.New("no panel address is set")
	}
	if err := c.frozen(); err != nil {
		return err
	}
	endpoint, err := url.JoinPath(c.base, apiRoot, path)
	if err != nil {
		return fmt.Errorf("panel %s: building the URL: %w", c.base, err)
	}
	var body []byte
	if in != nil {
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("panel %s: encoding the request: %w", c.base, err)
		}
	}
	op := method + " " + path
	if c.opPath != "" {
		op = method + " " + c.opPath
	}
	s := c.shared
	cred := c.cred
	if cred == nil {
		cred = s.defaultCred
	}
	forms := cred.forms
	for _, secret := range secrets {
		forms = append(slices.Clip(forms), SecretForms(secret)...)
	}
	// found: this request is the one that found the panel down, and owes
	// the others its verdict (see outages).
	var found *outage
	defer func() {
		if found != nil {
			s.outages.settle(c.base, found, err)
		}
	}()
	for attempt := 1; ; attempt++ {
		err := c.attempt(ctx, op, method, endpoint, body, out, attempt, cred, forms, &found)
		if errors.Is(err, errAnotherFoundDown) {
			if earlier := s.outages.wait(ctx, c.base); earlier != nil {
				if ctx.Err() != nil {
					return &ConnectionError{Panel: c.base, Op: op, Err: earlier}
				}
				return c.downError(op, earlier)
			}
			attempt-- // the panel came back: this attempt never went out
			continue
		}
		var connErr *ConnectionError
		if err == nil || !errors.As(err, &connErr) {
			s.outages.answered(c.base)
		}
		if err == nil {
			return nil
		}
		after, retry := retryable(ctx, err)
		var slow *slowAnswer
		if !retry || c.once || attempt > s.maxRetries || (c.patient && errors.As(err, &slow)) {
			return err
		}
		delay := s.delay(attempt, after)
		s.log(ctx, "retrying panel request", map[string]any{
			"panel": c.base, "operation": op, "attempt": attempt + 1,
			"max_attempts": s.maxRetries + 1, "reason": err.Error(), "delay_ms": delay.Milliseconds(),
		})
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("%w; stopped before retrying: %w", err, ctx.Err())
		case <-timer.C:
		}
	}
}

func (c *Client) attempt(ctx context.Context, op, method, endpoint string, body []byte, out any, n int, cred *credentials, forms []string, found **outage) error {
	s := c.shared
	release, err := c.acquire(ctx)
	if err != nil {
		return &ConnectionError{Panel: c.base, Op: op, Err: err}
	}
	defer release()
	// Checked holding the panel's slot: requests queue there behind the
	// one that finds the panel down. A probe (once) always asks, since
	// probes are how a restarting panel is seen coming back.
	if !c.once && s.outages.other(c.base, *found) {
		return errAnotherFoundDown
	}
	actx, cancel := context.WithTimeout(ctx, c.attemptTimeout())
	defer cancel()

	req, err := http.NewRequestWithContext(actx, method, endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("panel %s: %s: %w", c.base, op, err)
	}
	req.SetBasicAuth(cred.username, cred.password)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := s.http.Do(req)
	if err != nil {
		// The outage begins while this request holds the panel's slot,
		// so no request queued behind it dials the panel again.
		if noConnection(err) && !c.once && *found == nil {
			*found = s.outages.begin(c.base)
		}
		return &ConnectionError{Panel: c.base, Op: op, Err: c.transportCause(ctx, actx, err)}
	}
	defer resp.Body.Close()
	limit := c.bodyLimit()
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(limit)+1))
	if err != nil {
		err = fmt.Errorf("reading the answer: %w", c.transportCause(ctx, actx, err))
		return &ConnectionError{Panel: c.base, Op: op, Err: err}
	}
	s.log(ctx, "panel request", map[string]any{
		"panel": c.base, "operation": op, "attempt": n,
		"status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds(),
	})
	if len(data) > limit {
		return &ResponseError{Panel: c.base, Op: op, StatusCode: resp.StatusCode,
			Reason: fmt.Sprintf("the answer is larger than %d MiB", limit>>20)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.apiError(op, resp, data, forms)
	}
	if out == nil {
		return nil
	}
	return c.decode(op, resp, data, out, forms)
}

// transportCause drops net/http's "Get \"url\":" prefix, which repeats the
// panel, and names a timeout of our own for what it is.
func (c *Client) transportCause(ctx, actx context.Context, err error) error {
	var opErr *net.OpError
	if ctx.Err() == nil && errors.As(err, &opErr) && opErr.Op == "dial" && opErr.Timeout() {
		return fmt.Errorf("no connection within %s (connect_timeout)", c.shared.connect)
	}
	if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		return &slowAnswer{limit: c.attemptTimeout()}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

type envelope struct {
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// apiError keeps the panel's words only where they hold no secret; the
// panel, operation and status are the client's own and always stay.
func (c *Client) apiError(op string, resp *http.Response, data []byte, forms []string) error {
	e := &APIError{Panel: c.base, Op: op, StatusCode: resp.StatusCode, CredentialsKey: c.cred.key,
		retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"))}
	var env envelope
	var withheld bool
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.Header.Get("Location") != "":
		e.Message, e.withheld = c.redirectMessage(resp, forms)
	case json.Unmarshal(data, &env) == nil && env.Error != nil:
		// Decided on the panel's own words, which may not be quoted.
		e.bodyRejected = strings.Contains(env.Error.Message, "json.exception")
		// An answer that mentions a password anywhere may be echoing one.
		if mentionsPassword(data) {
			e.withheld = true
		} else {
			e.Message, e.withheld = panelText(env.Error.Message, 200, forms)
		}
	case !looksLikeJSON(data):
		e.ContentType, withheld = panelText(mediaType(resp), 60, forms)
		e.Message, e.withheld = panelText(string(data), 120, forms)
		e.withheld = e.withheld || withheld
	}
	return e
}

// redirectMessage names where a redirect points, as a base address the
// user can configure: no credentials, query or API path.
func (c *Client) redirectMessage(resp *http.Response, forms []string) (msg string, withheld bool) {
	const plain = "the panel answers with a redirect, which the provider does not follow"
	location := resp.Header.Get("Location")
	u, err := resp.Request.URL.Parse(location)
	if err != nil {
		return plain, containsAny(location, forms)
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	if i := strings.Index(u.Path, apiRoot); i >= 0 {
		u.Path, u.RawPath = u.Path[:i], ""
	}
	target := excerpt([]byte(u.String()), 200)
	// A relative Location is joined to our own address, which is not the
	// panel's text and may hold a short secret by chance.
	if containsAny(location, forms) || containsAny(strings.TrimPrefix(target, c.base), forms) {
		return plain, true
	}
	return fmt.Sprintf("the panel redirects to %s, which the provider does not follow; use that address", target), false
}

func (c *Client) decode(op string, resp *http.Response, data []byte, out any, forms []string) error {
	fail := func(reason string) error {
		e := &ResponseError{Panel: c.base, Op: op, StatusCode: resp.StatusCode, Reason: reason}
		var withheld bool
		e.ContentType, withheld = panelText(mediaType(resp), 60, forms)
		// Only a body that is not JSON is quoted: a JSON one may hold
		// secrets.
		if !looksLikeJSON(data) {
			e.Excerpt, e.withheld = panelText(string(data), 120, forms)
		}
		e.withheld = e.withheld || withheld
		return e
	}
	if !looksLikeJSON(data) {
		return fail("the answer is not JSON")
	}
	if _, isList := out.(*[]json.RawMessage); isList {
		data = bracketList(data)
	}
	err := json.Unmarshal(data, out)
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typeErr):
		// Only the kind of value is named ("number", not "number 1e999"):
		// the answer's own bytes stay out of the message.
		kind, _, _ := strings.Cut(typeErr.Value, " ")
		return fail(fmt.Sprintf("field %q is a JSON %s where a %s was expected", typeErr.Field, kind, typeErr.Type))
	case errors.As(err, &syntaxErr) && syntaxErr.Offset >= int64(len(bytes.TrimRight(data, " \t\r\n"))):
		// encoding/json reports running out of input as a SyntaxError
		// at the end of the data.
		return fail("the JSON answer is cut short")
	case errors.As(err, &syntaxErr):
		return fail(fmt.Sprintf("the JSON answer is malformed at byte %d", syntaxErr.Offset))
	default:
		return fail("the JSON answer cannot be read")
	}
}

func looksLikeJSON(data []byte) bool {
	t := bytes.TrimSpace(data)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

func mediaType(resp *http.Response) string {
	mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		return excerpt([]byte(resp.Header.Get("Content-Type")), 60)
	}
	return mt
}

// retryable says whether err is transient, and how long the panel asked
// us to wait. A cancelled context is never retried.
func retryable(ctx context.Context, err error) (time.Duration, bool) {
	if ctx.Err() != nil {
		return 0, false
	}
	var connErr *ConnectionError
	if errors.As(err, &connErr) {
		return 0, !connErr.IsCertificateError()
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return 0, false
	}
	switch code := apiErr.StatusCode; {
	case code == http.StatusTooManyRequests:
		return apiErr.retryAfter, true
	case code == http.StatusInternalServerError && apiErr.bodyRejected:
		// The panel's JSON parser rejected our body: sending it again
		// cannot help.
		return 0, false
	case code >= 500 && code != http.StatusNotImplemented:
		return apiErr.retryAfter, true
	}
	return 0, false
}

// delay is exponential backoff with jitter, capped; a Retry-After from the
// panel wins, up to the same cap.
func (s *shared) delay(attempt int, after time.Duration) time.Duration {
	if after > 0 {
		return min(after, s.backoffMax)
	}
	d := s.backoffMin << min(attempt-1, 20)
	if d <= 0 || d > s.backoffMax {
		d = s.backoffMax
	}
	half := d / 2
	return half + rand.N(half+1) //nolint:gosec // jitter needs no cryptographic randomness.
}

func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

func (s *shared) log(ctx context.Context, msg string, fields map[string]any) {
	if s.logf != nil {
		s.logf(ctx, msg, fields)
	}
}

// bracketList puts the enclosing [ ] around a list answer that lacks them:
// the vendor's docs print several lists as objects separated by commas,
// so some firmware may send them so.
func bracketList(data []byte) []byte {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' {
		return data
	}
	return append(append([]byte{'['}, t...), ']')
}
