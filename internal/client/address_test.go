package client_test

import (
	"strings"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

func TestNormalizeAddressAccepts(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"10.0.0.5", "http://10.0.0.5"},
		{"  10.0.0.5 ", "http://10.0.0.5"},
		{"10.0.0.5:8080", "http://10.0.0.5:8080"},
		{"http://10.0.0.5", "http://10.0.0.5"},
		{"http://10.0.0.5/", "http://10.0.0.5"},
		{"HTTP://Panel.Example:80/", "http://panel.example"},
		{"https://gw.example:8443/panels/17/", "https://gw.example:8443/panels/17"},
		{"https://gw.example:443", "https://gw.example"},
		{"http://gw.example:443", "http://gw.example:443"},
		{"https://gw.example:80", "https://gw.example:80"},
		{"10.0.0.5:08080", "http://10.0.0.5:8080"},
		{"[fd00::5]:8080", "http://[fd00::5]:8080"},
		{"https://[FD00::5]", "https://[fd00::5]"},
		{"[0:0:0:0:0:0:0:1]", "http://[::1]"},
		{"http://[0000:0::0001]:8080/panels/2", "http://[::1]:8080/panels/2"},
		{"[fd00:0:0:0:0:0:0:5]:8080", "http://[fd00::5]:8080"},
		{"[::ffff:a00:5]", "http://[::ffff:10.0.0.5]"},
		{"http://x/a%252Fb", "http://x/a%252Fb"},
		{"panel_1.local", "http://panel_1.local"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := client.NormalizeAddress(tt.in)
			if err != nil {
				t.Fatalf("NormalizeAddress(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("NormalizeAddress(%q) = %q, want %q", tt.in, got, tt.want)
			}
			// Two spellings of one panel must compare equal, so the
			// canonical form has to be a fixed point.
			again, err := client.NormalizeAddress(got)
			if err != nil || again != got {
				t.Fatalf("NormalizeAddress(%q) = %q, %v; want it unchanged", got, again, err)
			}
		})
	}
}

func TestNormalizeAddressRejects(t *testing.T) {
	tests := []struct {
		name, in string
		wantMsg  string // a fragment the message must contain
		secret   string // must not appear in the message
	}{
		{"empty", "", "the address is empty", ""},
		{"blank", "   ", "empty", ""},
		{"ftp scheme", "ftp://x", "scheme", ""},
		{"credentials", "http://user:pw@x", "credentials", "pw"},
		{"credentials with bad port", "http://user:s3cretpw@x:bad", "", "s3cretpw"},
		{"credentials with slash in password", "http://user:p/ssw0rd@x", "", "ssw0rd"},
		{"query", "http://x/?a=1", "query", ""},
		{"empty query", "http://x/?", "query", ""},
		{"fragment", "http://x/#top", "fragment", ""},
		{"empty fragment", "http://x#", "fragment", ""},
		{"port zero", "10.0.0.5:0", "1 to 65535", ""},
		{"port too big", "10.0.0.5:99999", "1 to 65535", ""},
		{"empty port", "10.0.0.5:", "port", ""},
		{"api path", "10.0.0.5/api/v1.cgi", "/api/v1.cgi", ""},
		{"api path below prefix", "http://x/panels/2/api/v1.cgi/intercom/sip/config", "/api/v1.cgi", ""},
		{"empty segment", "http://x/a//b", "segments", ""},
		{"dot-dot segment", "http://x/../y", "segments", ""},
		{"dot segment", "http://x/a/./b", "segments", ""},
		{"bare IPv6", "fd00::5", "write [fd00::5]", ""},
		{"bare IPv6 loopback", "::1", "write [::1]", ""},
		{"bare IPv6 with a scheme", "http://0:0:0:0:0:0:0:1/panels/2", "write [::1]", ""},
		{"IPv6 zone", "http://[fe80::1%25eth0]", "zone", ""},
		{"encoded slash", "http://x/a%2Fb", "may not contain an encoded slash", ""},
		{"lower-case encoded slash", "https://gw.example/panels%2f17", "may not contain an encoded slash", ""},
		{"bracketed IPv4", "http://[10.0.0.5]", "", ""},
		{"space in host", "pan el.example", "", ""},
		{"no host", "http:///panels/1", "no host", ""},
		{"non-ASCII host", "http://панель.example", "not allowed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := client.NormalizeAddress(tt.in)
			if err == nil {
				t.Fatalf("NormalizeAddress(%q) = %q, want an error", tt.in, got)
			}
			msg := err.Error()
			if msg == "" {
				t.Fatal("the error message is empty")
			}
			if tt.wantMsg != "" && !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q does not mention %q", msg, tt.wantMsg)
			}
			if tt.secret != "" && strings.Contains(msg, tt.secret) {
				t.Errorf("message %q repeats the secret %q", msg, tt.secret)
			}
		})
	}
}

// Callers add what a valid address looks like; the client's words must
// not say it a second time.
func TestNormalizeAddressEmptyLeavesTheHintToCallers(t *testing.T) {
	for _, in := range []string{"", "  "} {
		if _, err := client.NormalizeAddress(in); err == nil || err.Error() != "the address is empty" {
			t.Errorf("NormalizeAddress(%q) error = %v, want just \"the address is empty\"", in, err)
		}
	}
}
