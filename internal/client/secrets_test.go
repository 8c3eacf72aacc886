package client_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// oddPassword has every character that JSON, HTML-safe JSON and URLs
// spell differently.
const oddPassword = "Qu\"ote<&>\\back\n"

func TestSecretForms(t *testing.T) {
	forms := client.SecretForms(oddPassword, "admin")
	for _, want := range []string{
		oddPassword,
		`Qu\"ote\u003c\u0026\u003e\\back\n`,
		`Qu\"ote<&>\\back\n`,
		"Qu%22ote%3C%26%3E%5Cback%0A",
		"Qu%22ote%3C&%3E%5Cback%0A",
		base64.StdEncoding.EncodeToString([]byte("admin:" + oddPassword)),
	} {
		if !slices.Contains(forms, want) {
			t.Errorf("SecretForms(%q) = %q lacks %q", oddPassword, forms, want)
		}
	}
	seps := client.SecretForms("a\u2028b")
	for _, want := range []string{"a\u2028b", `a\u2028b`} {
		if !slices.Contains(seps, want) {
			t.Errorf("SecretForms(a U+2028 b) = %q lacks %q", seps, want)
		}
	}
	for i := 1; i < len(forms); i++ {
		if len(forms[i]) > len(forms[i-1]) || forms[i] == forms[i-1] {
			t.Fatalf("SecretForms = %q: not distinct and longest first", forms)
		}
	}
	if got := client.SecretForms(""); got != nil {
		t.Errorf("SecretForms(\"\") = %q, want none", got)
	}
}

// echoPanel answers every request with what a test sets.
type echoPanel struct {
	mu       sync.Mutex
	code     int
	ct, body string
}

func (p *echoPanel) set(code int, ct, body string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.code, p.ct, p.body = code, ct, body
}

func (p *echoPanel) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	p.mu.Lock()
	code, ct, body := p.code, p.ct, p.body
	p.mu.Unlock()
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body))
}

func envelopeBody(code int, msg string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": msg}})
	return string(b)
}

// A panel may quote what it was sent in any spelling the provider wrote
// it in, or in which the panel parsed it. No spelling of either password
// reaches the error, however short the password, while the provider's own
// words (panel, operation, status) stay whole.
func TestPanelQuotingASecretIsLeftOut(t *testing.T) {
	panel := &echoPanel{}
	srv := httptest.NewServer(panel)
	t.Cleanup(srv.Close)
	answers := []struct {
		name string
		code int
		ct   string
		body func(quote string) string
	}{
		{"envelope", http.StatusBadRequest, "application/json", func(q string) string {
			return envelopeBody(http.StatusBadRequest, "Wrong parameters: last read: '"+q+"'")
		}},
		{"unauthorized", http.StatusUnauthorized, "application/json", func(q string) string {
			return envelopeBody(http.StatusUnauthorized, "Unauthorized: "+q)
		}},
		{"HTML page", http.StatusBadGateway, "text/html", func(q string) string { return "<p>bad value " + q + "</p>" }},
		{"text answer", http.StatusOK, "text/plain", func(q string) string { return "value: " + q }},
	}
	secrets := []struct {
		name, sip, admin string
	}{
		{"odd SIP password", oddPassword, adminPassword},
		{"short SIP password", "0", adminPassword},
		{"short admin password", sipPassword, "ab"},
		{"odd admin password", sipPassword, oddPassword},
	}
	for _, sc := range secrets {
		c, err := client.New(srv.URL, adminUser, sc.admin, client.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		cfg := sampleConfig()
		cfg.Password = sc.sip
		sipForms := client.SecretForms(sc.sip)
		adminForms := client.SecretForms(sc.admin, adminUser)
		all := append(slices.Clone(sipForms), adminForms...)
		for _, a := range answers {
			// A 2xx is only decoded on a GET, which carries no SIP
			// password: there only the admin password can come back.
			quoted, op := all, "POST "+sipPath
			if a.code == http.StatusOK {
				quoted, op = adminForms, "GET "+sipPath
			}
			for i, form := range quoted {
				t.Run(fmt.Sprintf("%s/%s/%d", sc.name, a.name, i), func(t *testing.T) {
					panel.set(a.code, a.ct, a.body(form))
					var err error
					if a.code == http.StatusOK {
						_, err = c.GetSIPConfig(t.Context())
					} else {
						err = c.SetSIPConfig(t.Context(), cfg)
					}
					assertLeftOut(t, err, fmt.Sprintf("panel %s: %s: HTTP %d", srv.URL, op, a.code), all)
				})
			}
		}
	}
}

// assertLeftOut checks that err begins with the provider's own words and
// holds no form of a secret after them; a form of 4 bytes or more may not
// appear anywhere.
func assertLeftOut(t *testing.T, err error, prefix string, forms []string) {
	t.Helper()
	var (
		apiErr  *client.APIError
		respErr *client.ResponseError
	)
	if !errors.As(err, &apiErr) && !errors.As(err, &respErr) {
		t.Fatalf("error = %v (%T), want an *APIError or *ResponseError", err, err)
	}
	text := err.Error()
	rest, ok := strings.CutPrefix(text, prefix)
	if !ok {
		t.Fatalf("error %q does not begin with the provider's %q", text, prefix)
	}
	for _, f := range forms {
		if strings.Contains(rest, f) || len(f) >= 4 && strings.Contains(text, f) {
			t.Fatalf("error %q holds the secret spelled %q", text, f)
		}
	}
	if !strings.Contains(rest, "left out") {
		t.Errorf("error %q does not say that the panel's text is left out", text)
	}
}

// A one-character password must neither mangle the panel's words nor the
// address: text without it is quoted as is, and text with it is left out.
func TestShortSecretKeepsTextReadable(t *testing.T) {
	panel := &echoPanel{}
	srv := httptest.NewServer(panel)
	t.Cleanup(srv.Close)
	c, err := client.New(srv.URL, adminUser, adminPassword, client.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	cfg := sampleConfig()
	cfg.Password = "0"
	prefix := "panel " + srv.URL + ": POST " + sipPath + ": HTTP 400: "

	panel.set(http.StatusBadRequest, "application/json", envelopeBody(400, "Wrong parameters: iPort out of range"))
	if got, want := c.SetSIPConfig(t.Context(), cfg).Error(), prefix+"Wrong parameters: iPort out of range"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	panel.set(http.StatusBadRequest, "application/json", envelopeBody(400, "cannot reach 10.0.0.1:5060"))
	if got, want := c.SetSIPConfig(t.Context(), cfg).Error(), prefix+"Bad Request (the panel's own text is left out: it may quote a password)"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}
