package provider

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// hashKey names the private-state entry that remembers, as a salted hash,
// the last value sent through a write-only attribute (password_wo_hash).
// Private state is kept by Terraform with the resource but never shown in
// plans, and a hash lets Read tell whether the panel still has that value
// without keeping it.
func hashKey(f *fieldSpec) string { return f.name + "_wo_hash" }

// passwordWOIterations makes guessing a password from the hash costly while
// keeping a refresh of a thousand panels to seconds of CPU.
const passwordWOIterations = 10_000

type passwordHash struct {
	Salt []byte `json:"salt"`
	Hash []byte `json:"hash"`
}

func hashPassword(password string, salt []byte) []byte {
	key, err := pbkdf2.Key(sha256.New, password, salt, passwordWOIterations, sha256.Size)
	if err != nil {
		// Only an impossible key length makes pbkdf2 fail.
		panic(err)
	}
	return key
}

func newPasswordHash(password string) passwordHash {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	return passwordHash{Salt: salt, Hash: hashPassword(password, salt)}
}

func (h passwordHash) matches(password string) bool {
	return hmac.Equal(h.Hash, hashPassword(password, h.Salt))
}

// privateState is the part of the framework's private state the resource
// uses; Create, Read and Update responses all provide it.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// loadHash returns the hash of the last write-only value of f sent, and
// whether the resource uses the write-only attribute at all.
func (b *settingsBlock) loadHash(ctx context.Context, f *fieldSpec, p privateState, diags *diag.Diagnostics) (passwordHash, bool) {
	if !f.writeOnly {
		return passwordHash{}, false
	}
	raw, d := p.GetKey(ctx, hashKey(f))
	diags.Append(d...)
	if len(raw) == 0 {
		return passwordHash{}, false
	}
	var h passwordHash
	if err := json.Unmarshal(raw, &h); err != nil || len(h.Salt) == 0 {
		// An unreadable record is treated as drift, which re-sends the
		// password: safer than trusting it.
		return passwordHash{Salt: []byte{0}}, true
	}
	return h, true
}

// saveHash records value as the last one sent through f's write-only
// attribute, or forgets the record when the resource no longer uses it.
func (b *settingsBlock) saveHash(ctx context.Context, f *fieldSpec, p privateState, value *string, diags *diag.Diagnostics) {
	if value == nil {
		diags.Append(p.SetKey(ctx, hashKey(f), nil)...)
		return
	}
	raw, _ := json.Marshal(newPasswordHash(*value))
	diags.Append(p.SetKey(ctx, hashKey(f), raw)...)
}
