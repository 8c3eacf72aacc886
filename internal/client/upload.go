package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// upload sends one file as multipart/form-data in field, once. It is
// never retried: a panel that took any of it may be flashing already, and
// a second upload is a second flash. sent tells whether any byte of the
// body went out, so that the caller knows whether the panel may have
// taken it. The body streams from file (size bytes), so a 110 MB update
// costs no memory; the upload has no time limit of its own but ctx, as
// long as bytes flow, and the answer must come within the request
// timeout after the last byte.
func (c *Client) upload(ctx context.Context, path, field, name string, file io.Reader, size int64) (sent bool, err error) {
	if c.base == "" {
		return false, errors.New("no panel address is set")
	}
	if err := c.frozen(); err != nil {
		return false, err
	}
	endpoint, err := url.JoinPath(c.base, apiRoot, path)
	if err != nil {
		return false, fmt.Errorf("panel %s: building the URL: %w", c.base, err)
	}
	op := http.MethodPost + " " + path
	var head, tail bytes.Buffer
	mw := multipart.NewWriter(&head)
	if _, err := mw.CreateFormFile(field, name); err != nil {
		return false, fmt.Errorf("panel %s: %s: %w", c.base, op, err)
	}
	end := multipart.NewWriter(&tail)
	if err := end.SetBoundary(mw.Boundary()); err != nil {
		return false, fmt.Errorf("panel %s: %s: %w", c.base, op, err)
	}
	_ = end.Close() // writes only the closing boundary

	release, err := c.acquire(ctx)
	if err != nil {
		return false, &ConnectionError{Panel: c.base, Op: op, Err: err}
	}
	defer release()
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	body := &countingReader{r: io.MultiReader(&head, io.LimitReader(file, size), &tail)}
	var answerTimer *time.Timer
	var timerMu sync.Mutex
	body.onEOF = func() {
		timerMu.Lock()
		defer timerMu.Unlock()
		answerTimer = time.AfterFunc(c.shared.timeout, cancel)
	}
	defer func() {
		timerMu.Lock()
		defer timerMu.Unlock()
		if answerTimer != nil {
			answerTimer.Stop()
		}
	}()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, endpoint, body)
	if err != nil {
		return false, fmt.Errorf("panel %s: %s: %w", c.base, op, err)
	}
	// The length is known, so the panel gets a Content-Length, as from
	// the vendor's own client, and no chunked body.
	req.ContentLength = int64(head.Len()) + size + int64(tail.Len())
	cred := c.cred
	if cred == nil {
		cred = c.shared.defaultCred
	}
	req.SetBasicAuth(cred.username, cred.password)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", mw.FormDataContentType())
	start := time.Now()
	resp, err := c.shared.http.Do(req)
	sent = body.n.Load() > 0
	if err != nil {
		var cause error = &slowAnswer{limit: c.shared.timeout}
		if ctx.Err() != nil || actx.Err() == nil {
			cause = c.transportCause(ctx, actx, err)
		}
		return sent, &ConnectionError{Panel: c.base, Op: op, Err: cause}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return true, &ConnectionError{Panel: c.base, Op: op, Err: fmt.Errorf("reading the answer: %w", err)}
	}
	c.shared.log(ctx, "panel upload", map[string]any{
		"panel": c.base, "operation": op, "bytes": body.n.Load(),
		"status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds(),
	})
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return true, c.apiError(op, resp, data, cred.forms)
	}
	return true, nil
}

// countingReader counts what the transport read of a body, and calls
// onEOF once when the body is all read.
type countingReader struct {
	r     io.Reader
	n     atomic.Int64
	once  sync.Once
	onEOF func()
}

func (r *countingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.n.Add(int64(n))
	if errors.Is(err, io.EOF) && r.onEOF != nil {
		r.once.Do(r.onEOF)
	}
	return n, err
}
