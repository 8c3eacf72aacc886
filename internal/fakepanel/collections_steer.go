package fakepanel

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"
)

// Items returns a copy of every item of the collection at path, an API
// path without the leading slash: FlatsPath, KeysPath or CodesPath. The
// items come ordered by key: flats by number, RFID keys by UID regardless
// of case, codes by their digits as strings. Integers are int64, strings
// string. Items panics on any other path, so that a test's typo fails
// loudly instead of comparing against nil.
func (p *Panel) Items(collection string) []Values {
	c := mustCollection(collection)
	var out []Values
	p.with(func(x *panel) {
		for _, v := range x.sorted(c) {
			out = append(out, maps.Clone(v))
		}
	})
	return out
}

// SetItem adds an item to the collection at path, or replaces the one with
// the same key, out of band: as a resident who enrols a key at the panel
// with the service code does. v must carry the key field (iFlatID, sKeyUid
// or sCodeID) in its documented format; a field left out takes its
// default, the value the vendor's examples show: 0, except 1 for
// iAnalogCallAccess and iVoipCallAccess and "" for sVoipAddress. Fields of
// a replaced item that v leaves out are not kept. Only the key is checked,
// so a test can plant any other value the panel might hold. Integers may
// be of any Go int type. SetItem panics on an unknown path or field, a
// value of the wrong type, or a missing or malformed key.
func (p *Panel) SetItem(collection string, v Values) {
	c := mustCollection(collection)
	item := c.defaults()
	for name, val := range v {
		f := c.field(name)
		if f == nil {
			panic(fmt.Sprintf("fakepanel: %s items have no field %q", c.path, name))
		}
		item[name] = f.coerce(val)
	}
	key := c.fields[0]
	if _, ok := v[key.name]; !ok {
		panic(fmt.Sprintf("fakepanel: a %s item needs its key %s", c.path, key.name))
	}
	id := fmt.Sprint(item[key.name])
	k, ok := c.canon(id)
	if !ok {
		panic(fmt.Sprintf("fakepanel: %s %s must be %s", c.path, key.name, c.rule))
	}
	p.with(func(x *panel) { x.items(c)[k] = item })
}

// DeleteItem removes an item out of band, by its id as an item path spells
// it: "12" for flat 12, a UID in either case, a code's digits. Deleting an
// absent item does nothing. DeleteItem panics on an unknown path or an id
// that breaks the key's format.
func (p *Panel) DeleteItem(collection, id string) {
	c := mustCollection(collection)
	k, ok := c.canon(id)
	if !ok {
		panic(fmt.Sprintf("fakepanel: %s id must be %s", c.path, c.rule))
	}
	p.with(func(x *panel) { delete(x.items(c), k) })
}

// LoadFlats puts flats 1 to n in place, each with the default item (see
// SetItem), replacing those numbers and keeping flats above n. It is the
// quick way to a big building, such as the 9,999 flats of the benchmark;
// n must be 0 to 9999.
func (p *Panel) LoadFlats(n int) {
	if n < 0 || n > 9999 {
		panic(fmt.Sprintf("fakepanel: LoadFlats(%d): flats are numbered 1 to 9999", n))
	}
	c := collectionByPath[FlatsPath]
	def := c.defaults()
	p.with(func(x *panel) {
		m := x.items(c)
		for i := 1; i <= n; i++ {
			v := maps.Clone(def)
			v["iFlatID"] = int64(i)
			m[strconv.Itoa(10000 + i)[1:]] = v
		}
	})
}

// SetItemDelay makes a GET of a whole collection wait d per item before it
// answers, as a real panel does: the vendor says 100 flats take about 8 s
// (SetItemDelay(80 * time.Millisecond)). A client that gives up ends the
// wait. GET and DELETE of one item and POST are not delayed. Reset turns
// the delay off.
func (p *Panel) SetItemDelay(d time.Duration) {
	p.with(func(x *panel) { x.coll.delay = max(d, 0) })
}

func mustCollection(path string) *collection {
	c := collectionByPath[strings.Trim(path, "/")]
	if c == nil {
		panic(fmt.Sprintf("fakepanel: no item collection at %q", path))
	}
	return c
}
