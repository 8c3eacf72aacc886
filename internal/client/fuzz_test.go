package client_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

func FuzzNormalizeAddress(f *testing.F) {
	for _, s := range []string{
		"10.0.0.5", "10.0.0.5:8080", "HTTP://Panel.Example:80/", "https://gw.example:8443/panels/17/",
		"[fd00::5]:8080", "fd00::5", "http://user:pw@x", "http://x/a//b", "http://x/%2e%2e/y",
		"http://x/a%2Fb", "http://x/a b", "http://x#", "http://x/?", "10.0.0.5:99999",
		"[0:0:0:0:0:0:0:1]", "::1", "http://x/a%2fb", "[::ffff:a00:5]:80", "http://[fe80::1%25eth0]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := client.NormalizeAddress(in)
		if err != nil {
			msg := err.Error()
			if msg == "" {
				t.Fatalf("NormalizeAddress(%q): empty error message", in)
			}
			// Whatever a user typed before an '@' may be a password; the
			// message must not repeat it.
			if at := strings.LastIndex(in, "@"); at >= 0 {
				if u, perr := url.Parse(in); perr == nil && u.User != nil {
					if pw, ok := u.User.Password(); ok && len(pw) >= 6 &&
						strings.Contains(msg, pw) && !strings.Contains(in[at+1:], pw) {
						t.Fatalf("NormalizeAddress(%q): message %q repeats the password", in, msg)
					}
				}
			}
			return
		}
		again, err := client.NormalizeAddress(out)
		if err != nil || again != out {
			t.Fatalf("NormalizeAddress(%q) = %q, but NormalizeAddress(%q) = %q, %v", in, out, out, again, err)
		}
		u, err := url.Parse(out)
		if err != nil {
			t.Fatalf("NormalizeAddress(%q) = %q, which url.Parse refuses: %v", in, out, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("NormalizeAddress(%q) = %q has scheme %q", in, out, u.Scheme)
		}
		if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Host == "" {
			t.Fatalf("NormalizeAddress(%q) = %q has credentials, a query, a fragment or no host", in, out)
		}
		// One spelling per IP address, so two spellings are one panel.
		if ip, err := netip.ParseAddr(u.Hostname()); err == nil && ip.String() != u.Hostname() {
			t.Fatalf("NormalizeAddress(%q) = %q, but the canonical spelling of its host is %s", in, out, ip)
		}
		// A decoded %2F would be a slash the user did not write.
		if strings.Contains(strings.ToLower(in), "%2f") {
			t.Fatalf("NormalizeAddress(%q) = %q accepts an encoded slash", in, out)
		}
		back := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
		if back != out {
			t.Fatalf("NormalizeAddress(%q) = %q parses back as scheme %q host %q path %q, which prints as %q",
				in, out, u.Scheme, u.Host, u.Path, back)
		}
	})
}

// fuzzContentTypes are the Content-Type headers FuzzDecodeSIPConfig picks
// from; a fixed list keeps header bytes (which are not the body) out of the
// secret check.
var fuzzContentTypes = []string{
	"application/json", "application/json; charset=utf-8", "text/html; charset=utf-8", "text/plain",
	"", "application/octet-stream", "application/problem+json", "bogus/;;;",
}

// sPasswordRE matches a "sPassword" key and its string value. It is applied
// at every occurrence of the key, so it finds values in answers that are
// not valid JSON as a whole.
var sPasswordRE = regexp.MustCompile(`^"sPassword"[ \t\r\n]*:[ \t\r\n]*("(?:[^"\\]|\\.)*")`)

func sPasswordValues(body []byte) []string {
	var out []string
	s := string(body)
	for i := strings.Index(s, `"sPassword"`); i >= 0; {
		if m := sPasswordRE.FindStringSubmatch(s[i:]); m != nil {
			lit := m[1]
			var v string
			if err := json.Unmarshal([]byte(lit), &v); err != nil {
				v = lit[1 : len(lit)-1]
			}
			out = append(out, v)
		}
		next := strings.Index(s[i+1:], `"sPassword"`)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return out
}

// boilerplate is the part of err's text that does not come from the
// answer's body: the panel, the operation, the status and our own words.
// A password that happens to be in there ("config", say) is not an echo.
func boilerplate(err error, base string) string {
	var apiErr *client.APIError
	var respErr *client.ResponseError
	switch {
	case errors.As(err, &apiErr):
		c := *apiErr
		c.Message = ""
		return c.Error()
	case errors.As(err, &respErr):
		c := *respErr
		c.Excerpt = ""
		return c.Error()
	}
	return "panel " + base + ": GET /intercom/sip/config: "
}

func FuzzDecodeSIPConfig(f *testing.F) {
	type answer struct {
		code int
		ct   string
		body []byte
	}
	var (
		mu  sync.Mutex
		ans answer
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		a := ans
		mu.Unlock()
		if a.ct == "" {
			w.Header()["Content-Type"] = nil // no sniffing: send no Content-Type at all
		} else {
			w.Header().Set("Content-Type", a.ct)
		}
		w.WriteHeader(a.code)
		_, _ = w.Write(a.body)
	}))
	f.Cleanup(srv.Close)
	const adminPW = "fuzz-admin-secret"
	c, err := client.New(srv.URL, "admin", adminPW, client.WithMaxRetries(0), client.WithTimeout(time.Second))
	if err != nil {
		f.Fatal(err)
	}
	adminForms := client.SecretForms(adminPW, "admin")

	f.Add(200, uint8(0), []byte(`{"sUser":"7049a52d1dea","sPassword":"481a709e4626","sDomain":"d.example","sProxy":"","sRealm":"*","sProtocol":"udp","iPort":5060}`))
	f.Add(200, uint8(0), []byte("\ufeff"+`{"sPassword":"bom-secret-1","sProtocol":"udp"}`))
	f.Add(200, uint8(3), []byte(`sPassword=plain-secret "sPassword": "plain-secret"`))
	f.Add(200, uint8(0), []byte(`{"sPassword":"type-secret","iPort":"5060","sProtocol":"udp"}`))
	f.Add(200, uint8(0), []byte(`{"sPassword":"cut-secret","sProtocol":"ud`))
	f.Add(200, uint8(0), []byte(`{"sPassword":"no-proto-secret"}`))
	f.Add(400, uint8(0), []byte(`{"error":{"code":400,"message":"Wrong parameters: sPassword=echo-secret"},"sPassword":"echo-secret"}`))
	f.Add(500, uint8(1), []byte(`{"error":{"code":500,"message":"[json.exception.parse_error.101] parse error"}}`))
	f.Add(502, uint8(2), []byte(`<html><body><h1>502 Bad Gateway</h1></body></html>`))
	f.Add(204, uint8(4), []byte(nil))
	f.Add(200, uint8(0), []byte(`{"sProtocol":"tls","iPort":123456789012345678901234567890}`))
	f.Add(301, uint8(2), []byte(`moved`))

	f.Fuzz(func(t *testing.T, code int, ctPick uint8, body []byte) {
		// Any final status the server can send; 1xx are not final answers.
		if code < 200 || code > 999 {
			code = 200 + int(uint(code)%800)
		}
		mu.Lock()
		ans = answer{code: code, ct: fuzzContentTypes[int(ctPick)%len(fuzzContentTypes)], body: body}
		mu.Unlock()

		cfg, err := c.GetSIPConfig(t.Context())
		if err == nil {
			if cfg.Protocol == "" {
				t.Fatalf("HTTP %d %q: success without a protocol: %+v", code, body, cfg)
			}
			return
		}
		text := err.Error()
		if text == "" {
			t.Fatal("empty error text")
		}
		var (
			apiErr  *client.APIError
			respErr *client.ResponseError
			connErr *client.ConnectionError
		)
		if !errors.As(err, &apiErr) && !errors.As(err, &respErr) && !errors.As(err, &connErr) {
			t.Fatalf("HTTP %d: untyped error %T: %v", code, err, err)
		}
		for _, form := range adminForms {
			if strings.Contains(text, form) {
				t.Fatalf("error %q repeats the admin password, spelled %q", text, form)
			}
		}
		skel := boilerplate(err, srv.URL)
		for _, pw := range sPasswordValues(body) {
			if utf8.RuneCountInString(pw) < 6 {
				continue
			}
			for _, form := range client.SecretForms(pw) {
				if strings.Contains(text, form) && !strings.Contains(skel, form) {
					t.Fatalf("HTTP %d: error %q repeats the SIP password %q from the answer, spelled %q", code, text, pw, form)
				}
			}
		}
	})
}

// FuzzScrub has a panel quote either password, in any of its spellings,
// inside text of its own, in an error envelope, an HTML or text page, or a
// 2xx answer that is not JSON. No field that carries the panel's text may
// hold any spelling of either password, however short, and the error must
// begin with the provider's own words, unmangled.
func FuzzScrub(f *testing.F) {
	type answer struct {
		code int
		ct   string
		body string
	}
	var (
		mu  sync.Mutex
		ans answer
	)
	serve := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		a := ans
		mu.Unlock()
		if a.ct != "" {
			w.Header().Set("Content-Type", a.ct)
		}
		w.WriteHeader(a.code)
		_, _ = w.Write([]byte(a.body))
	})
	inMemory := client.WithRoundTripper(roundTripFunc(func(r *http.Request) (*http.Response, error) {
		rec := httptest.NewRecorder()
		serve.ServeHTTP(rec, r)
		resp := rec.Result()
		resp.Request = r
		return resp, nil
	}))
	const base = "http://panel.test"

	f.Add(oddPassword, adminPassword, uint8(0), 400, uint8(0), "Wrong parameters: last read: '", "'")
	f.Add(oddPassword, adminPassword, uint8(3), 500, uint8(0), "[json.exception.parse_error.101] last read: '\"", "'")
	f.Add("0", adminPassword, uint8(0), 400, uint8(0), "cannot reach 127.0.0.1:18081 with ", "")
	f.Add(sipPassword, "ab", uint8(1), 401, uint8(0), "Unauthorized: ", "")
	f.Add(sipPassword, "ab", uint8(0), 200, uint8(2), "value: ", "")
	f.Add("a\u2028b", oddPassword, uint8(5), 502, uint8(1), "<p>bad value ", "</p>")
	f.Add(sipPassword, oddPassword, uint8(2), 503, uint8(3), "", "\x01")

	f.Fuzz(func(t *testing.T, sip, admin string, pick uint8, code int, kind uint8, pre, post string) {
		if code < 200 || code > 599 {
			code = 200 + int(uint(code)%400)
		}
		c, err := client.New(base, "admin", admin, client.WithMaxRetries(0), inMemory)
		if err != nil {
			t.Fatal(err)
		}
		// A 2xx is decoded only on a GET, which carries no SIP password.
		known := client.SecretForms(admin, "admin")
		op := "GET " + sipPath
		if code > 299 {
			known = append(known, client.SecretForms(sip)...)
			op = "POST " + sipPath
		}
		text := pre + post
		if len(known) > 0 {
			text = pre + known[int(pick)%len(known)] + post
		}
		a := answer{code: code, body: text}
		switch kind % 4 {
		case 0:
			a.ct = "application/json"
			b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": text}})
			a.body = string(b)
		case 1:
			a.ct = "text/html; charset=utf-8"
		case 2:
			a.ct = "text/plain"
		}
		mu.Lock()
		ans = a
		mu.Unlock()

		if code > 299 {
			cfg := client.EmptySIPConfig()
			cfg.Password = sip
			err = c.SetSIPConfig(t.Context(), cfg)
		} else {
			_, err = c.GetSIPConfig(t.Context())
		}
		if err == nil {
			return
		}
		var (
			apiErr  *client.APIError
			respErr *client.ResponseError
			quoted  []string
		)
		switch {
		case errors.As(err, &apiErr):
			quoted = []string{apiErr.Message, apiErr.ContentType}
		case errors.As(err, &respErr):
			quoted = []string{respErr.Excerpt, respErr.ContentType}
		default:
			t.Fatalf("HTTP %d: error %T: %v", code, err, err)
		}
		// GetSIPConfig names any 2xx without a transport an HTTP 200.
		if prefix := fmt.Sprintf("panel %s: %s: HTTP ", base, op); !strings.HasPrefix(err.Error(), prefix) {
			t.Fatalf("error %q does not begin with %q", err, prefix)
		}
		for _, q := range quoted {
			for _, form := range known {
				if strings.Contains(q, form) {
					t.Fatalf("HTTP %d: the panel's text %q in error %q holds a password spelled %q", code, q, err, form)
				}
			}
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
