package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Type is the JSON type of a settings field on the wire.
type Type int

// The JSON types settings fields use: the panel's name prefixes s, i and b.
const (
	String Type = iota
	Int
	Bool
)

func (t Type) String() string {
	switch t {
	case Int:
		return "integer"
	case Bool:
		return "boolean"
	}
	return "string"
}

// Field is one field of a settings object.
type Field struct {
	Name string
	Type Type
	// MayBeAbsent marks a field some firmware leaves out of its answer
	// (the vendor's own GET example lacks sDefaultKeepOpenedCode). It is
	// sent only when the caller has a value for it.
	MayBeAbsent bool
	// Secret values are kept out of every error, whatever the panel echoes.
	Secret bool
}

// Endpoint is one settings object of the panel: GET reads it flat, POST
// writes it back flat or wrapped in one object.
type Endpoint struct {
	Path string // below the API root, such as "intercom/gconfig/timeouts"
	// Wrapper names the object a POST wraps the fields in ("oSip"); "" for
	// a flat body.
	Wrapper string
	// Aggregated objects are also keys (their Wrapper) of GET
	// intercom/gconfig, which Read shares between them.
	Aggregated bool
	Fields     []Field
}

// Values is a settings object by wire name: string, int64 or bool values.
type Values map[string]any

// Get reads the object with its own GET.
func (c *Client) Get(ctx context.Context, ep Endpoint) (Values, error) {
	var raw map[string]json.RawMessage
	if err := c.do(ctx, http.MethodGet, ep.Path, nil, &raw); err != nil {
		return nil, err
	}
	return ep.decode(c.base, http.MethodGet+" "+ep.Path, raw)
}

// Set writes the object: every field of ep that v holds. Secret fields'
// values are kept out of any error the panel's answer produces.
func (c *Client) Set(ctx context.Context, ep Endpoint, v Values) error {
	body := make(map[string]any, len(ep.Fields))
	var secrets []string
	for _, f := range ep.Fields {
		val, ok := v[f.Name]
		if !ok {
			if f.MayBeAbsent {
				continue
			}
			return fmt.Errorf("panel %s: POST %s: no value for %s", c.base, ep.Path, f.Name)
		}
		body[f.Name] = val
		if s, isString := val.(string); isString && f.Secret {
			secrets = append(secrets, s)
		}
	}
	var in any = body
	if ep.Wrapper != "" {
		in = map[string]any{ep.Wrapper: body}
	}
	err := c.do(ctx, http.MethodPost, ep.Path, in, nil, secrets...)
	// Even a failed POST may have reached the panel.
	c.shared.cache.invalidate(c.base, ep.Path, err == nil)
	return err
}

// decode checks that raw is this object, field by field, so that another
// JSON answer (a gateway's status page, say) is never taken for settings.
func (ep Endpoint) decode(panel, op string, raw map[string]json.RawMessage) (Values, error) {
	fail := func(reason string) error {
		return &ResponseError{Panel: panel, Op: op, StatusCode: http.StatusOK, Reason: reason}
	}
	out := make(Values, len(ep.Fields))
	for _, f := range ep.Fields {
		data, ok := raw[f.Name]
		if !ok || bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
			if f.MayBeAbsent {
				continue
			}
			return nil, fail(fmt.Sprintf("the answer has no %s field, so it is not the panel's %s settings", f.Name, ep.Path))
		}
		v, err := decodeValue(f.Type, data)
		if err != nil {
			return nil, fail(fmt.Sprintf("field %q is %s where a JSON %s was expected", f.Name, err, f.Type))
		}
		out[f.Name] = v
	}
	return out, nil
}

// decodeValue reads one field of an answer, which json has already found
// to be a valid JSON value. It looks at the first byte rather than start
// a decoder per field: a list of 9,999 flats has 150,000 fields.
func decodeValue(t Type, data []byte) (any, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, fmt.Errorf("not JSON")
	}
	switch c := data[0]; {
	case c == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, fmt.Errorf("not JSON")
		}
		if t == String {
			return s, nil
		}
		return nil, fmt.Errorf("a JSON string")
	case c == 't' || c == 'f':
		if t == Bool {
			return c == 't', nil
		}
		return nil, fmt.Errorf("a JSON boolean")
	case c == '-' || c >= '0' && c <= '9':
		if t != Int {
			return nil, fmt.Errorf("a JSON number")
		}
		n, err := strconv.ParseInt(string(data), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("a JSON number that is not a whole 64-bit integer")
		}
		return n, nil
	}
	switch data[0] {
	case '[':
		return nil, fmt.Errorf("a JSON array")
	case '{':
		return nil, fmt.Errorf("a JSON object")
	case 'n':
		return nil, fmt.Errorf("a JSON null")
	}
	return nil, fmt.Errorf("not JSON")
}
