package provider

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

const summaryInvalidValue = "Invalid Attribute Value"

// maxHostName is the longest host name DNS allows (RFC 1035, 2181).
const maxHostName = 253

// hostValidator accepts a host name or IP address; with optional, also ""
// and host:port.
func hostValidator(name string, optional bool) validator.String {
	allowed := " Allowed: a host name (sip.example.net) or an IP address (10.0.0.9), without spaces"
	if optional {
		allowed += ", optionally with a port (sip.example.net:5060), or \"\" for none"
	}
	return stringCheck{
		description: "must be a host name or IP address",
		summary:     summaryInvalidValue,
		subject:     "The " + name,
		hint:        allowed + ".",
		check: func(s string) error {
			if s == "" && optional {
				return nil
			}
			return checkHost(s, optional)
		},
	}
}

func checkHost(s string, withPort bool) error {
	if s == "" {
		return errors.New("it is empty")
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return nil
	}
	if host, port, err := net.SplitHostPort(s); err == nil && withPort {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("the port %q is not a number from 1 to 65535", port)
		}
		if _, err := netip.ParseAddr(host); err == nil {
			return nil
		}
		return checkHostName(host)
	}
	return checkHostName(s)
}

// checkHostName applies the DNS rules (RFC 1123): at most 253 characters,
// dot-separated labels of 1 to 63 letters, digits, hyphens (and, as SIP
// service names use them, underscores), not starting or ending with a
// hyphen.
func checkHostName(s string) error {
	if strings.ContainsFunc(s, unicode.IsSpace) {
		return errors.New("it contains white space")
	}
	if len(s) > maxHostName {
		return fmt.Errorf("it is %d characters long, more than the %d a host name may have", len(s), maxHostName)
	}
	if strings.Contains(s, ":") {
		return errors.New("it has a colon, but is neither an IP address nor host:port")
	}
	for _, label := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if label == "" || len(label) > 63 {
			return fmt.Errorf("the part %q is not 1 to 63 characters long", label)
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("the part %q starts or ends with a hyphen", label)
		}
		for _, r := range label {
			if r > unicode.MaxASCII || (!unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_') {
				return fmt.Errorf("the part %q has the character %q, which host names do not allow", label, r)
			}
		}
	}
	return nil
}

// textValidator accepts text without control characters; with optional,
// also "".
func textValidator(name string, optional bool) validator.String {
	hint := " Allowed: printable text without control characters (such as tabs or line breaks)"
	if !optional {
		hint += "; not empty"
	}
	return stringCheck{
		description: "must be printable text",
		summary:     summaryInvalidValue,
		subject:     "The " + name,
		hint:        hint + ".",
		check: func(s string) error {
			switch {
			case s == "" && !optional:
				return errors.New("it is empty")
			case !utf8.ValidString(s):
				return errors.New("it is not valid UTF-8")
			case strings.ContainsFunc(s, unicode.IsControl):
				return errors.New("it contains a control character")
			}
			return nil
		},
	}
}
