package fakepanel

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The panel's three item collections (API-panel.md §3), as data, like the
// settings blocks in blocks.go. The wire format is declared here, apart
// from the client's, so that the emulator checks the client instead of
// sharing its mistakes. A field's factory value is its default: what
// SetItem and LoadFlats fill in, the values the vendor's examples show.

// The collections' API paths.
const (
	FlatsPath = "intercom/appartments" //nolint:misspell // the vendor's path is spelled so
	KeysPath  = "intercom/rfids"
	CodesPath = "intercom/codes"
)

// collection is one of the panel's item collections: GET lists it, GET and
// DELETE of <path>/<id> read and remove one item, POST upserts the items
// of the array under wrapper.
type collection struct {
	path    string
	wrapper string  // the POST body's array: aFlats, aKeys, aCodes
	noun    string  // what one item is called in the log
	fields  []field // the key first; every field is required in a POST
	// canon checks an item's key as the path spells it and returns the
	// form that matches and orders items, or false when the key breaks
	// the documented format.
	canon func(id string) (string, bool)
	rule  string // the key's format, for the 400 message
	// secret items (codes) never show their key in the log: the key is
	// the code that opens the door.
	secret bool
}

var collections = []*collection{
	{path: FlatsPath, wrapper: "aFlats", noun: "flat", canon: canonFlat, rule: "a flat number from 1 to 9999",
		fields: []field{
			rangeField("iFlatID", 1, 9999, 0),
			intField("iFlatType", 0), // 0 unknown, 1 apartment, 2 office, "and so on": not a closed list
			rangeField("iAnalogCallAccess", 0, 1, 1),
			rangeField("iVoipCallAccess", 0, 1, 1),
			// A SIP URI in the examples; the list page's "long" and "0x1"
			// are a documentation defect (API-panel.md §6, 26).
			stringField("sVoipAddress", ""),
			intField("iDigitalAddress", 0),
			intField("iMatrixAddress", 0),
			intField("iAtAnalog", 0),
			intField("iAtRing", 0),
			intField("iAtVoip", 0),
			intField("iExtAtVoip", 0),
			intField("iPanelAnalog", 0),
			// Called voltages but documented as small enums with open
			// lists; no range is enforced.
			intField("iHungVoltage", 0),
			intField("iSpeakVoltage", 0),
			intField("iUnlockVoltage", 0),
		}},
	{path: KeysPath, wrapper: "aKeys", noun: "key", canon: canonUID, rule: "1 to 14 hexadecimal digits",
		fields: []field{
			{name: "sKeyUid", kind: kindString, factory: "", check: checkWith(canonUID, "must be 1 to 14 hexadecimal digits")},
			// No ranges documented; flat 0 appears in the examples.
			intField("iFlatID", 0),
			intField("iKeyType", 0),
			intField("iLockAccess", 0),
			intField("iSceneID", 0),
		}},
	{path: CodesPath, wrapper: "aCodes", noun: "code", canon: canonCode, rule: "4 to 6 digits", secret: true,
		fields: []field{
			{name: "sCodeID", kind: kindString, factory: "", digits: true, check: checkWith(canonCode, "must be 4 to 6 digits")},
			intField("iFlatID", 0),
			intField("iCodeType", 0),
			intField("iSpecialMode", 0),
		}},
}

var collectionByPath = func() map[string]*collection {
	m := make(map[string]*collection, len(collections))
	for _, c := range collections {
		m[c.path] = c
	}
	return m
}()

// collectionFor splits an API path into its collection and, for an item
// path, the item's id as the path spells it. A path with more segments
// after the id is no resource at all.
func collectionFor(path string) (c *collection, id string, item bool) {
	for _, c := range collections {
		if path == c.path {
			return c, "", false
		}
		if rest, ok := strings.CutPrefix(path, c.path+"/"); ok && !strings.Contains(rest, "/") {
			return c, rest, true
		}
	}
	return nil, "", false
}

// canonFlat admits a flat number of 1 to 9999 in decimal digits (leading
// zeros allowed, as a C firmware's strtoul allows them; no sign) and pads
// it to four digits, so that string order is number order.
func canonFlat(id string) (string, bool) {
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return "", false
	}
	n, err := strconv.Atoi(id)
	if err != nil || n < 1 || n > 9999 {
		return "", false
	}
	return strconv.Itoa(10000 + n)[1:], true
}

// canonUID admits 1 to 14 hexadecimal digits in either case. The docs say
// 14 characters but every example has 4 to 10, and the Postman collection
// mixes cases (API-panel.md §6, 28). Keys match case-insensitively, as
// hex numbers do: the upper-case form is the map key, while the item keeps
// the case it was written in.
func canonUID(id string) (string, bool) {
	if id == "" || len(id) > 14 || strings.Trim(id, "0123456789abcdefABCDEF") != "" {
		return "", false
	}
	return strings.ToUpper(id), true
}

// canonCode admits 4 to 6 digits. The docs say 5 or 6 but their own POST
// examples send 4 (API-panel.md §6, 29). Leading zeros are significant.
func canonCode(id string) (string, bool) {
	if len(id) < 4 || len(id) > 6 || strings.Trim(id, "0123456789") != "" {
		return "", false
	}
	return id, true
}

func checkWith(canon func(string) (string, bool), msg string) func(string) string {
	return func(s string) string {
		if _, ok := canon(s); !ok {
			return msg
		}
		return ""
	}
}

// keyOf is the canonical key of a stored or parsed item, whose key field
// is already valid.
func (c *collection) keyOf(v Values) string {
	var id string
	switch x := v[c.fields[0].name].(type) {
	case int64:
		id = strconv.FormatInt(x, 10)
	case string:
		id = x
	}
	k, _ := c.canon(id)
	return k
}

// itemState is a panel's collections and how slowly it lists them. The
// zero value is a factory panel: no items, no delay.
type itemState struct {
	byPath map[string]map[string]Values // by collection path, then canonical key
	delay  time.Duration                // per item, for a GET of a whole collection
}

// items is the map of one collection, created on first use. Stored items
// are never changed in place, only replaced, so a snapshot of the map's
// values may be read after the lock is let go. The caller holds the
// server's lock.
func (x *panel) items(c *collection) map[string]Values {
	if x.coll.byPath == nil {
		x.coll.byPath = map[string]map[string]Values{}
	}
	m := x.coll.byPath[c.path]
	if m == nil {
		m = map[string]Values{}
		x.coll.byPath[c.path] = m
	}
	return m
}

// sorted is every item of c, ordered by key. The caller holds the server's
// lock.
func (x *panel) sorted(c *collection) []Values {
	m := x.items(c)
	out := make([]Values, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// appendItem prints one item in the order of the vendor's examples rather
// than Go's alphabetical map order.
func (c *collection) appendItem(buf []byte, v Values) []byte {
	buf = append(buf, '{')
	for i, f := range c.fields {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '"')
		buf = append(buf, f.name...)
		buf = append(buf, '"', ':')
		switch x := v[f.name].(type) {
		case int64:
			buf = strconv.AppendInt(buf, x, 10)
		default:
			buf = append(buf, marshal(x)...)
		}
	}
	return append(buf, '}')
}

// defaults is an item with every field at its default.
func (c *collection) defaults() Values {
	v := make(Values, len(c.fields))
	for _, f := range c.fields {
		v[f.name] = f.factory
	}
	return v
}

func (c *collection) field(name string) *field {
	for i := range c.fields {
		if c.fields[i].name == name {
			return &c.fields[i]
		}
	}
	return nil
}
