package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// decodeWithDecoder is how a field was read before decodeValue looked at
// the first byte: a JSON decoder per field. decodeValue must agree with it,
// but for the names of arrays, objects and null.
func decodeWithDecoder(t Type, data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON")
	}
	switch x := v.(type) {
	case string:
		if t == String {
			return x, nil
		}
		return nil, fmt.Errorf("a JSON string")
	case bool:
		if t == Bool {
			return x, nil
		}
		return nil, fmt.Errorf("a JSON boolean")
	case json.Number:
		if t != Int {
			return nil, fmt.Errorf("a JSON number")
		}
		n, err := x.Int64()
		if err != nil {
			return nil, fmt.Errorf("a JSON number that is not a whole 64-bit integer")
		}
		return n, nil
	}
	// It named the rest by their Go types; decodeValue names them by JSON's.
	return nil, fmt.Errorf("a JSON %s", map[string]string{"[]interface {}": "array", "map[string]interface {}": "object", "<nil>": "null"}[fmt.Sprintf("%T", v)])
}

func FuzzDecodeValue(f *testing.F) {
	for _, seed := range []string{`"a\u00e9\""`, `true`, `false`, `0`, `-12`, `5060.5`, `1e3`, `99999999999999999999`,
		`null`, `[1]`, `{"a":1}`, ` 7 `, `"\ud800"`} {
		for _, t := range []Type{String, Int, Bool} {
			f.Add(seed, uint8(t))
		}
	}
	f.Fuzz(func(t *testing.T, data string, typ uint8) {
		if !json.Valid([]byte(data)) {
			t.Skip("fields reach decodeValue only from a valid JSON object")
		}
		ty := []Type{String, Int, Bool}[int(typ)%3]
		got, gotErr := decodeValue(ty, []byte(data))
		want, wantErr := decodeWithDecoder(ty, []byte(data))
		if fmt.Sprint(got, gotErr) != fmt.Sprint(want, wantErr) || fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
			t.Fatalf("decodeValue(%v, %q) = %#v, %v; the decoder gives %#v, %v", ty, data, got, gotErr, want, wantErr)
		}
	})
}
