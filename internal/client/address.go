package client

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// apiRoot is where every panel serves its API, below the base URL.
const apiRoot = "/api/v1.cgi"

// NormalizeAddress turns the forms a user may write for a panel
// ("10.0.0.5", "10.0.0.5:8080", "http://10.0.0.5",
// "https://gw.example:8443/panels/17") into one canonical base URL, so
// that two spellings of the same panel compare equal. The result always
// normalises to itself.
func NormalizeAddress(address string) (string, error) {
	s := strings.TrimSpace(address)
	if s == "" {
		// Callers add what a valid address looks like.
		return "", errors.New("the address is empty")
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	if err := bareIPv6(s); err != nil {
		return "", fmt.Errorf("%q: %w", address, err)
	}
	// An address with an '@' may hold a password (user:pw@host), so the
	// message neither quotes it nor repeats the parser's words about it,
	// which can quote a piece of it.
	hasAt := strings.Contains(s, "@")
	if encodedSlash(s) {
		if hasAt {
			return "", fmt.Errorf("the address: %w", errEncodedSlash)
		}
		return "", fmt.Errorf("%q: %w", address, errEncodedSlash)
	}
	u, err := url.Parse(s)
	if err != nil {
		if hasAt {
			return "", errors.New("the address is not a host or URL; note that credentials (user:password@) do not belong in it")
		}
		return "", fmt.Errorf("%q is not a host or URL: %w", address, unwrapURLError(err))
	}
	out, err := canonicalURL(u)
	// url.Parse keeps no trace of an empty fragment ("http://x#").
	if err == nil && strings.Contains(s, "#") {
		err = errQueryOrFragment
	}
	if err != nil {
		if hasAt {
			return "", fmt.Errorf("the address: %w", err)
		}
		return "", fmt.Errorf("%q: %w", address, err)
	}
	return out, nil
}

var errEncodedSlash = errors.New("the path may not contain an encoded slash (%2F)")

var errQueryOrFragment = errors.New("the address must not have a query (?) or a fragment (#)")

func canonicalURL(u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("the scheme must be http or https, not %q", u.Scheme)
	}
	if u.User != nil {
		return "", errors.New("credentials do not belong in the address; use the provider's username and password")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", errQueryOrFragment
	}
	if u.Opaque != "" {
		return "", errors.New("the address must be a host or an absolute URL")
	}
	host, err := canonicalHost(u, scheme)
	if err != nil {
		return "", err
	}
	p := strings.TrimRight(u.Path, "/")
	if strings.Contains(p+"/", apiRoot+"/") {
		return "", fmt.Errorf("give the panel's base address, without %s and what follows", apiRoot)
	}
	for _, seg := range strings.Split(p, "/")[1:] {
		if seg == "" || seg == "." || seg == ".." {
			return "", errors.New("the path must not have empty, \".\" or \"..\" segments")
		}
	}
	c := url.URL{Scheme: scheme, Host: host, Path: p}
	out := c.String()
	// A URL whose canonical form parses back differently (odd escapes,
	// control characters) is refused rather than half-normalised.
	back, err := url.Parse(out)
	if err != nil || back.Host != host || back.Path != p || back.RawQuery != "" || back.Fragment != "" {
		return "", errors.New("the address has characters that cannot be used in a URL")
	}
	return out, nil
}

func canonicalHost(u *url.URL, scheme string) (string, error) {
	name := strings.ToLower(u.Hostname())
	if name == "" {
		return "", errors.New("the address has no host")
	}
	isIPv6 := strings.Contains(name, ":")
	if isIPv6 {
		addr, err := netip.ParseAddr(name)
		switch {
		case err == nil && addr.Zone() != "":
			return "", fmt.Errorf("the IPv6 address has a zone (%%%s), which a panel address cannot use", addr.Zone())
		case err == nil && addr.Is6():
			// One spelling per address, so that [0:0:0:0:0:0:0:1] and
			// [::1] are one panel.
			name = addr.String()
		default:
			isIPv6 = false
		}
	}
	if strings.HasPrefix(u.Host, "[") != isIPv6 {
		return "", errors.New("an IPv6 host goes in brackets, such as [fd00::5]:8080, and brackets hold nothing else")
	}
	for _, r := range name {
		ok := r == '-' || r == '.' || r == '_' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z'
		if !ok {
			return "", fmt.Errorf("the host %q has a character that is not allowed in a host name", name)
		}
	}
	port := u.Port()
	if port == "" && strings.HasSuffix(u.Host, ":") {
		return "", errors.New("the port after ':' is empty")
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("the port %q must be a number from 1 to 65535", port)
		}
		port = strconv.Itoa(n)
		if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			port = ""
		}
	}
	if isIPv6 {
		name = "[" + name + "]"
	}
	if port != "" {
		return name + ":" + port, nil
	}
	return name, nil
}

// bareIPv6 spots an IPv6 address written without brackets, which url.Parse
// would take for a host and a port made of colons.
func bareIPv6(s string) error {
	_, rest, _ := strings.Cut(s, "://")
	host, _, _ := strings.Cut(rest, "/")
	if addr, err := netip.ParseAddr(host); err == nil && addr.Is6() && addr.Zone() == "" {
		return fmt.Errorf("an IPv6 address goes in brackets: write [%s]; a port follows them, as in [%s]:8080", addr, addr)
	}
	return nil
}

// encodedSlash reports a %2F in the path. url.Parse decodes it into a
// slash the user did not write, which would send a gateway that means it
// literally to another path. The raw text is searched, since url.Parse
// keeps no raw path once another escape in it is odd.
func encodedSlash(s string) bool {
	_, rest, _ := strings.Cut(s, "://")
	i := strings.Index(rest, "/")
	if i < 0 {
		return false
	}
	path, _, _ := strings.Cut(rest[i:], "?")
	path, _, _ = strings.Cut(path, "#")
	return strings.Contains(strings.ToLower(path), "%2f")
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
