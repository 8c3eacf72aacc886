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

// passwordWOKey names the private-state entry that remembers, as a salted
// hash, the last password sent through password_wo. Private state is kept
// by Terraform with the resource but never shown in plans, and a hash lets
// Read tell whether the panel still has that password without keeping it.
const passwordWOKey = "password_wo_hash"

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

// loadPasswordHash returns the hash of the last password_wo sent, and
// whether the resource uses password_wo at all.
func loadPasswordHash(ctx context.Context, p privateState, diags *diag.Diagnostics) (passwordHash, bool) {
	raw, d := p.GetKey(ctx, passwordWOKey)
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

// savePasswordHash records password as the last one sent, or forgets the
// record when the resource no longer uses password_wo.
func savePasswordHash(ctx context.Context, p privateState, password *string, diags *diag.Diagnostics) {
	if password == nil {
		diags.Append(p.SetKey(ctx, passwordWOKey, nil)...)
		return
	}
	raw, _ := json.Marshal(newPasswordHash(*password))
	diags.Append(p.SetKey(ctx, passwordWOKey, raw)...)
}
