package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Collection is a list of items on the panel (flats, RFID keys, codes):
// GET lists them all, POST of an array adds or changes the items it
// carries and leaves the others, DELETE removes one.
type Collection struct {
	Path    string // "intercom/rfids"
	Wrapper string // the POST's array: "aKeys"
	Key     string // the field that names an item, and its path below Path
	Fields  []Field
}

func (col Collection) item() Endpoint { return Endpoint{Path: col.Path, Fields: col.Fields} }

// List reads every item. The answer may lack its enclosing [ ], as the
// vendor's docs print it. The attempt may take the list timeout, and one
// that runs out is not retried: the panel is slow because it is working.
func (c *Client) List(ctx context.Context, col Collection) ([]Values, error) {
	patient := *c
	patient.patient = true
	var raw []json.RawMessage
	if err := patient.do(ctx, http.MethodGet, col.Path, nil, &raw); err != nil {
		return nil, err
	}
	op := http.MethodGet + " " + col.Path
	out := make([]Values, 0, len(raw))
	for i, r := range raw {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(r, &fields); err != nil {
			return nil, &ResponseError{Panel: c.base, Op: op, StatusCode: http.StatusOK,
				Reason: fmt.Sprintf("item %d of the list is not a JSON object", i)}
		}
		v, err := col.item().decode(c.base, op, fields)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// MaxItemsPerPost bounds one POST: a building's 9,999 flats are some
// 2.7 MB of JSON, more than a small embedded server may take in one body.
const MaxItemsPerPost = 1000

// Upsert adds or changes items, in one POST per MaxItemsPerPost of them.
// secrets are values the panel must never echo back into an error
// (codes). A POST only touches the items it carries, so when a later POST
// fails, those sent before stay written, and sending them again is safe.
func (c *Client) Upsert(ctx context.Context, col Collection, items []Values, secrets ...string) error {
	for start := 0; start < len(items); start += MaxItemsPerPost {
		if err := c.upsert(ctx, col, items[start:min(start+MaxItemsPerPost, len(items))], secrets); err != nil {
			return err
		}
	}
	return nil
}

func (c *Client) upsert(ctx context.Context, col Collection, items []Values, secrets []string) error {
	body := make([]map[string]any, 0, len(items))
	for _, it := range items {
		one := make(map[string]any, len(col.Fields))
		for _, f := range col.Fields {
			v, ok := it[f.Name]
			if !ok {
				return fmt.Errorf("panel %s: POST %s: an item has no %s", c.base, col.Path, f.Name)
			}
			one[f.Name] = v
		}
		body = append(body, one)
	}
	return c.do(ctx, http.MethodPost, col.Path, map[string]any{col.Wrapper: body}, nil, secrets...)
}

// Remove deletes the item named key. An item already gone is no error:
// the goal, no such item, holds.
func (c *Client) Remove(ctx context.Context, col Collection, key string) error {
	rc := *c
	var secrets []string
	for _, f := range col.Fields {
		if f.Name == col.Key && f.Secret {
			rc.opPath, secrets = col.Path+"/(code)", []string{key}
		}
	}
	err := rc.do(ctx, http.MethodDelete, col.Path+"/"+url.PathEscape(key), nil, nil, secrets...)
	if StatusCode(err) == http.StatusNotFound {
		return nil
	}
	return err
}
