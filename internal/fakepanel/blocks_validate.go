package fakepanel

import (
	"encoding/json"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// parseErrorMessage is what the firmware's JSON parser says about a body
// that is not JSON, with a 500.
const parseErrorMessage = "[json.exception.parse_error.101] parse error: syntax error while parsing value"

// parse validates a POST body the way the firmware does and returns the
// fields it sets. Malformed JSON is the parser's 500. Anything else wrong
// is a 400 naming the first problem: a missing or extra wrapper, a missing
// field (unless the block allows partial bodies), a null or a value of the
// wrong JSON type, a documented rule broken, an unknown field. Messages
// name fields, never values: some values are door codes.
func (b *block) parse(body []byte) (Values, int, string) {
	if !json.Valid(body) {
		return nil, http.StatusInternalServerError, parseErrorMessage
	}
	obj, msg := b.unwrap(body)
	if msg != "" {
		return nil, http.StatusBadRequest, "Wrong parameters: " + msg
	}
	set := make(Values, len(b.fields))
	for i := range b.fields {
		f := &b.fields[i]
		raw, ok := obj[f.name]
		if !ok {
			if b.partial {
				continue
			}
			return nil, http.StatusBadRequest, "Wrong parameters: missing " + f.name
		}
		v, msg := f.decode(raw)
		if msg != "" {
			return nil, http.StatusBadRequest, "Wrong parameters: " + f.name + " " + msg
		}
		set[f.name] = v
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if b.field(k) == nil {
			return nil, http.StatusBadRequest, "Wrong parameters: unknown field " + k
		}
	}
	return set, http.StatusOK, ""
}

// unwrap returns the object that holds the fields: the body itself for a
// flat block, the wrapper's value otherwise.
func (b *block) unwrap(body []byte) (map[string]json.RawMessage, string) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		if b.wrapper != "" {
			return nil, b.wrapper + " object expected"
		}
		return nil, "JSON object expected"
	}
	if b.wrapper == "" {
		return top, ""
	}
	raw, ok := top[b.wrapper]
	if !ok {
		return nil, b.wrapper + " object expected"
	}
	for _, k := range slices.Sorted(maps.Keys(top)) {
		if k != b.wrapper {
			return nil, "unknown field " + k
		}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, b.wrapper + " object expected"
	}
	return obj, ""
}

// decode reads one value of f and checks it, returning what is wrong.
// encoding/json would read null as "" or 0 without a word, and a number
// into a string field never; the firmware refuses both.
func (f *field) decode(raw json.RawMessage) (any, string) {
	s := string(raw)
	if s == "null" {
		return nil, "must be " + f.kind.String() + ", not null"
	}
	switch f.kind {
	case kindInt:
		// A valid JSON number that ParseInt refuses has a fraction or an
		// exponent, or does not fit.
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, "must be " + f.kind.String()
		}
		if f.ranged && (n < f.min || n > f.max) {
			return nil, fmt.Sprintf("must be between %d and %d", f.min, f.max)
		}
		return n, ""
	case kindBool:
		if s != "true" && s != "false" {
			return nil, "must be " + f.kind.String()
		}
		return s == "true", ""
	}
	var str string
	if !strings.HasPrefix(s, `"`) || json.Unmarshal(raw, &str) != nil {
		return nil, "must be " + f.kind.String()
	}
	return str, f.checkString(str)
}

func (f *field) checkString(s string) string {
	switch {
	case f.digits && (s == "" || strings.Trim(s, "0123456789") != ""):
		return "must be a string of digits"
	case f.oneOf != nil && !slices.Contains(f.oneOf, s):
		return "must be one of " + strings.Join(f.oneOf, ", ")
	case f.check != nil:
		return f.check(s)
	}
	return ""
}

// checkZone admits only the names that network/ntp/zone lists.
func checkZone(s string) string {
	if _, ok := zoneSet[s]; !ok {
		return "must be one of the zones listed by network/ntp/zone"
	}
	return ""
}

// checkIPv4Port admits a dotted IPv4 address and a port: the syslog
// server, for which the vendor says host names are not supported yet.
func checkIPv4Port(s string) string {
	const want = "must be IPv4:port"
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return want
	}
	if a, err := netip.ParseAddr(host); err != nil || !a.Is4() {
		return want
	}
	if n, err := strconv.Atoi(port); err != nil || strings.Trim(port, "0123456789") != "" || n < 1 || n > 65535 {
		return want
	}
	return ""
}

// checkSchedule admits the alert schedule window, "HH:MM - HH:MM", the
// only format the vendor shows.
func checkSchedule(s string) string {
	from, to, ok := strings.Cut(s, " - ")
	if !ok || !isClock(from) || !isClock(to) {
		return "must be HH:MM - HH:MM"
	}
	return ""
}

func isClock(s string) bool {
	if len(s) != 5 || s[2] != ':' || strings.Trim(s[:2]+s[3:], "0123456789") != "" {
		return false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	return h < 24 && m < 60
}
