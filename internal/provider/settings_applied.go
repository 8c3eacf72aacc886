package provider

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// appliedKey names the private-state record of what a resettable block
// last wrote to its panel, field by field, as salted hashes: the values
// include secrets, and private state is stored with the state. A refresh
// changes state but not this record, so reset_on_destroy can tell a panel
// that still holds what this resource applied from one that another
// configuration has written since, even after a refresh took that in.
const appliedKey = "applied"

type appliedRecord struct {
	Salt   []byte            `json:"salt"`
	Fields map[string][]byte `json:"fields"`
}

// canonical is the form of a wire value that the field's equality
// compares, so firmware that re-cases a host name still matches.
func (f *fieldSpec) canonical(v any) string {
	s := fmt.Sprint(v)
	switch {
	case f.kind == kindList:
		s = strings.Join(strings.Fields(s), " ")
	case f.equal == equalHost:
		s = strings.ToLower(strings.TrimSpace(s))
	case f.equal == equalText:
		s = strings.TrimSpace(s)
	}
	return s
}

func (f *fieldSpec) digest(v any, salt []byte) []byte {
	if f.sensitive {
		return hashPassword(f.canonical(v), salt)
	}
	sum := sha256.Sum256(append(append([]byte{}, salt...), f.canonical(v)...))
	return sum[:]
}

func (b *settingsBlock) saveApplied(ctx context.Context, p privateState, sent client.Values, diags *diag.Diagnostics) {
	if b.reset == nil {
		return
	}
	rec := appliedRecord{Salt: make([]byte, 16), Fields: map[string][]byte{}}
	_, _ = rand.Read(rec.Salt)
	for i := range b.fields {
		f := &b.fields[i]
		if v, ok := sent[f.wire]; ok {
			rec.Fields[f.name] = f.digest(v, rec.Salt)
		}
	}
	raw, _ := json.Marshal(rec)
	diags.Append(p.SetKey(ctx, appliedKey, raw)...)
}

// appliedDiffers names the first field in which the panel's block is not
// what this resource last wrote; ok is false when there is no record (an
// imported resource that was never applied).
func (b *settingsBlock) appliedDiffers(ctx context.Context, p privateState, got client.Values) (field string, ok bool) {
	raw, diags := p.GetKey(ctx, appliedKey)
	var rec appliedRecord
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &rec) != nil {
		return "", false
	}
	for i := range b.fields {
		f := &b.fields[i]
		want, recorded := rec.Fields[f.name]
		if !recorded {
			continue
		}
		v, present := got[f.wire]
		if s, _ := v.(string); f.masked && isMasked(s) {
			continue
		}
		if !present || subtle.ConstantTimeCompare(want, f.digest(v, rec.Salt)) != 1 {
			return f.name, true
		}
	}
	return "", true
}
