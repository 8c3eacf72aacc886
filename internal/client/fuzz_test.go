package client_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
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
		if strings.Contains(text, adminPW) {
			t.Fatalf("error %q repeats the admin password", text)
		}
		skel := boilerplate(err, srv.URL)
		for _, pw := range sPasswordValues(body) {
			if utf8.RuneCountInString(pw) >= 6 && strings.Contains(text, pw) && !strings.Contains(skel, pw) {
				t.Fatalf("HTTP %d: error %q repeats the SIP password %q from the answer", code, text, pw)
			}
		}
	})
}
