package provider

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
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
//
// The record is one base64 string (see appliedBytes), because Terraform
// reads every instance's private state and sends it through every plan:
// the first form, a JSON object of full digests by field name
// (legacyApplied, still read), made an intercom_sip_config's state 1.9
// times a plain resource's, and a fleet's plans measurably slower.
const appliedKey = "applied"

// appliedDigestLen is how much of each field's digest is kept: a value
// another configuration wrote matches by chance once in 2^64.
const appliedDigestLen = 8

type legacyApplied struct {
	Salt   []byte            `json:"salt"`
	Fields map[string][]byte `json:"fields"`
}

// appliedRecord is a decoded record: a salt, and a digest per recorded
// field, by name.
type appliedRecord struct {
	salt   []byte
	fields map[string][]byte
}

// fieldsPrint identifies the block's field list, so that a record written
// by a provider whose block had other fields, or in another order, reads
// as no record: reset_on_destroy then compares the panel with state.
func (b *settingsBlock) fieldsPrint() []byte {
	h := sha256.New()
	for i := range b.fields {
		h.Write([]byte(b.fields[i].name + "\x00"))
	}
	return h.Sum(nil)[:4]
}

// appliedBytes lays a record out as: the fields print (4 bytes), the salt
// (16), a bitmask of the recorded fields in spec order, and the truncated
// digest of each recorded field in that order.
func (b *settingsBlock) appliedBytes(rec appliedRecord) []byte {
	mask := make([]byte, (len(b.fields)+7)/8)
	var digests []byte
	for i := range b.fields {
		if d, ok := rec.fields[b.fields[i].name]; ok {
			mask[i/8] |= 1 << (i % 8)
			digests = append(digests, d...)
		}
	}
	return slices.Concat(b.fieldsPrint(), rec.salt, mask, digests)
}

// parseApplied reads either form of the record; ok is false when there is
// none, or none this block can read.
func (b *settingsBlock) parseApplied(raw []byte) (appliedRecord, bool) {
	var legacy legacyApplied
	if len(raw) > 0 && raw[0] == '{' {
		if json.Unmarshal(raw, &legacy) != nil {
			return appliedRecord{}, false
		}
		return appliedRecord{salt: legacy.Salt, fields: legacy.Fields}, true
	}
	var enc string
	if json.Unmarshal(raw, &enc) != nil {
		return appliedRecord{}, false
	}
	data, err := base64.RawStdEncoding.DecodeString(enc)
	maskLen := (len(b.fields) + 7) / 8
	if err != nil || len(data) < 20+maskLen || !bytes.Equal(data[:4], b.fieldsPrint()) {
		return appliedRecord{}, false
	}
	rec := appliedRecord{salt: data[4:20], fields: map[string][]byte{}}
	mask, digests := data[20:20+maskLen], data[20+maskLen:]
	for i := range b.fields {
		if mask[i/8]&(1<<(i%8)) == 0 {
			continue
		}
		if len(digests) < appliedDigestLen {
			return appliedRecord{}, false
		}
		rec.fields[b.fields[i].name], digests = digests[:appliedDigestLen], digests[appliedDigestLen:]
	}
	return rec, len(digests) == 0
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

// saveApplied records what was sent, while reset_on_destroy is true: only
// destroy reads the record, and every plan carries it through Terraform,
// so a fleet that never resets pays nothing for it.
func (b *settingsBlock) saveApplied(ctx context.Context, p privateState, plan attrs, sent client.Values, diags *diag.Diagnostics) {
	if b.reset == nil {
		return
	}
	if !isTrue(plan["reset_on_destroy"]) {
		diags.Append(p.SetKey(ctx, appliedKey, nil)...)
		return
	}
	rec := appliedRecord{salt: make([]byte, 16), fields: map[string][]byte{}}
	_, _ = rand.Read(rec.salt)
	for i := range b.fields {
		f := &b.fields[i]
		if v, ok := sent[f.wire]; ok {
			rec.fields[f.name] = f.digest(v, rec.salt)[:appliedDigestLen]
		}
	}
	raw, _ := json.Marshal(base64.RawStdEncoding.EncodeToString(b.appliedBytes(rec)))
	diags.Append(p.SetKey(ctx, appliedKey, raw)...)
}

// flipApplied keeps the record right when an update changes only
// reset_on_destroy. Turned on, it records the planned block as applied:
// the refresh before this plan found the panel holding it, or the plan
// would write it. Turned off, the record goes.
func (b *settingsBlock) flipApplied(ctx context.Context, plan, config, prior attrs, out writeResult) {
	if isTrue(plan["reset_on_destroy"]) == isTrue(prior["reset_on_destroy"]) {
		return
	}
	send, _, err := b.valuesToSend(maps.Clone(plan), config, nil)
	if err != nil {
		// Without a record, destroy compares the panel with state.
		out.diags.Append(out.private.SetKey(ctx, appliedKey, nil)...)
		return
	}
	b.saveApplied(ctx, out.private, plan, send, out.diags)
}

// appliedDiffers names the first field in which the panel's block is not
// what this resource last wrote; ok is false when there is no record (an
// imported resource that was never applied).
func (b *settingsBlock) appliedDiffers(ctx context.Context, p privateState, got client.Values) (field string, ok bool) {
	raw, diags := p.GetKey(ctx, appliedKey)
	if diags.HasError() {
		return "", false
	}
	rec, ok := b.parseApplied(raw)
	if !ok {
		return "", false
	}
	for i := range b.fields {
		f := &b.fields[i]
		want, recorded := rec.fields[f.name]
		if !recorded {
			continue
		}
		v, present := got[f.wire]
		if s, _ := v.(string); f.masked && isMasked(s) {
			continue
		}
		// A legacy record keeps whole digests; a compact one their start.
		if !present || len(want) < appliedDigestLen || subtle.ConstantTimeCompare(want, f.digest(v, rec.salt)[:min(len(want), sha256.Size)]) != 1 {
			return f.name, true
		}
	}
	return "", true
}
