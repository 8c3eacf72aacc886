package fakepanel

import (
	"fmt"
	"maps"
	"strings"
)

// Values is a settings block as the panel stores it, by wire field name:
// integers as int64, strings as string, booleans as bool. For
// system/device-info the names are the list's item names (deviceName,
// serialNumber, firmwareVersion, manufacturer) and the values their
// strings.
type Values map[string]any

// Block returns a copy of what the panel holds at path, an API path
// without the leading slash such as "intercom/gconfig/timeouts". Every
// settings block and the read-only objects (intercom/gconfig/info,
// system/device-info, firmware/version, network/lan) are blocks; the SIP
// account is not, use Config. Block panics on any other path, so that a
// test's typo fails loudly instead of comparing against nil.
func (p *Panel) Block(path string) Values {
	b := mustBlock(path)
	var v Values
	p.with(func(x *panel) { v = maps.Clone(x.blocks[b.path]) })
	return v
}

// SetBlock changes the given fields of the block at path out of band, as a
// technician at the panel would; the other fields keep their value. The
// values are stored exactly as given, without the storage modes
// (SetPadTexts and the like), so a test gets precisely the drift it asks
// for. Integers may be of any Go int type. SetBlock panics on an unknown
// path or field, or a value of the wrong type.
func (p *Panel) SetBlock(path string, v Values) {
	b := mustBlock(path)
	set := make(Values, len(v))
	for name, val := range v {
		f := b.field(name)
		if f == nil {
			panic(fmt.Sprintf("fakepanel: block %s has no field %q", b.path, name))
		}
		set[name] = f.coerce(val)
	}
	p.with(func(x *panel) { maps.Copy(x.blocks[b.path], set) })
}

// SetAggregateUnsupported makes GET intercom/gconfig answer 501, as older
// firmware without the aggregate does; the per-block paths still work.
func (p *Panel) SetAggregateUnsupported(on bool) {
	p.with(func(x *panel) { x.modes.aggregateUnsupported = on })
}

// SetPadTexts makes the panel store the intercom/gconfig/text strings with
// one leading space, as the vendor's GET example shows them (" ВЫЗОВ").
// The rule: a space is put in front unless the string already starts with
// one, so a text read back and sent again does not grow.
func (p *Panel) SetPadTexts(on bool) {
	p.with(func(x *panel) { x.modes.padTexts = on })
}

// SetLowercaseHosts makes the panel store host names lower-cased: the SIP
// sDomain and sProxy and the NTP sNtpServers.
func (p *Panel) SetLowercaseHosts(on bool) {
	p.with(func(x *panel) { x.modes.lowerHosts = on })
}

// SetTrimStored makes the panel store strings without surrounding white
// space: the SIP sUser, sDomain, sProxy and sRealm, and the display
// texts. With SetPadTexts too, a text is trimmed first, then padded.
func (p *Panel) SetTrimStored(on bool) {
	p.with(func(x *panel) { x.modes.trimStored = on })
}

// SetMaxStored makes the panel cut stored strings to n characters (runes,
// not bytes): the SIP sUser, sDomain, sRealm and sProxy, and the display
// texts. The cut comes after trimming and padding. 0 means no limit.
func (p *Panel) SetMaxStored(n int) {
	p.with(func(x *panel) { x.modes.maxStored = max(n, 0) })
}

// SetBareLists makes list answers (system/device-info) come as the
// vendor's docs print them: the objects separated by commas, with no
// enclosing [ ], which is not valid JSON.
func (p *Panel) SetBareLists(on bool) {
	p.with(func(x *panel) { x.modes.bareLists = on })
}

func mustBlock(path string) *block {
	b := blockByPath[strings.Trim(path, "/")]
	if b == nil {
		panic(fmt.Sprintf("fakepanel: no settings block at %q", path))
	}
	return b
}

// coerce turns a value given to SetBlock into its stored form.
func (f *field) coerce(v any) any {
	var out any
	switch x := v.(type) {
	case int:
		out = int64(x)
	case int8:
		out = int64(x)
	case int16:
		out = int64(x)
	case int32:
		out = int64(x)
	case int64:
		out = x
	case uint8:
		out = int64(x)
	case uint16: // a flat number's wire type
		out = int64(x)
	case uint32:
		out = int64(x)
	case string, bool:
		out = x
	}
	ok := false
	switch out.(type) {
	case int64:
		ok = f.kind == kindInt
	case string:
		ok = f.kind == kindString
	case bool:
		ok = f.kind == kindBool
	}
	if !ok {
		panic(fmt.Sprintf("fakepanel: %s must be %s, not %T", f.name, f.kind, v))
	}
	return out
}
