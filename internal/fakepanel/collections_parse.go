package fakepanel

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
)

// parse validates a collection POST the way the settings blocks are
// validated, and returns its items in the order sent. Malformed JSON is
// the parser's 500. Anything else wrong is a 400 naming the first problem
// and the item's index: the wrapper missing, not an array or beside
// another field; an item that is not an object; a field missing (every
// field is required, since the docs never say what a panel does with a
// partial item); a null or a value of the wrong type; a broken rule; an
// unknown field; the same key twice. Messages name fields and indexes,
// never values, because a code's key is the code itself.
//
// An empty array is valid and changes nothing. Keys repeated in one body
// are refused rather than resolved: the docs do not say which copy a panel
// keeps, and a client that sends both has lost track of its items.
func (c *collection) parse(body []byte) ([]Values, int, string) {
	if !json.Valid(body) {
		return nil, http.StatusInternalServerError, parseErrorMessage
	}
	bad := func(msg string) ([]Values, int, string) {
		return nil, http.StatusBadRequest, "Wrong parameters: " + msg
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		return bad(c.wrapper + " array expected")
	}
	raw, ok := top[c.wrapper]
	if !ok {
		return bad(c.wrapper + " array expected")
	}
	for _, k := range slices.Sorted(maps.Keys(top)) {
		if k != c.wrapper {
			return bad("unknown field " + k)
		}
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil || list == nil {
		return bad(c.wrapper + " array expected")
	}
	items := make([]Values, 0, len(list))
	seen := make(map[string]int, len(list))
	for i, rawItem := range list {
		at := c.wrapper + "[" + strconv.Itoa(i) + "]"
		v, msg := c.parseItem(rawItem)
		if msg != "" {
			return bad(at + msg)
		}
		k := c.keyOf(v)
		if j, dup := seen[k]; dup {
			return bad(at + ": duplicate " + c.fields[0].name + ", as in " + c.wrapper + "[" + strconv.Itoa(j) + "]")
		}
		seen[k] = i
		items = append(items, v)
	}
	return items, http.StatusOK, ""
}

// parseItem decodes one item, returning what is wrong with it as a suffix
// to the item's name: ".iFlatID must be ..." or ": missing iFlatType".
func (c *collection) parseItem(raw json.RawMessage) (Values, string) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, " object expected"
	}
	v := make(Values, len(c.fields))
	for i := range c.fields {
		f := &c.fields[i]
		r, ok := obj[f.name]
		if !ok {
			return nil, ": missing " + f.name
		}
		val, msg := f.decode(r)
		if msg != "" {
			return nil, "." + f.name + " " + msg
		}
		v[f.name] = val
	}
	if len(obj) != len(c.fields) {
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			if c.field(k) == nil {
				return nil, ": unknown field " + k
			}
		}
	}
	return v, ""
}
