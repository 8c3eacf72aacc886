package provider

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h := newPasswordHash("s3cret")
	if !h.matches("s3cret") {
		t.Error("the hash does not match the password it was made from")
	}
	if h.matches("s3cret ") || h.matches("") {
		t.Error("the hash matches another password")
	}
	if newPasswordHash("s3cret").matches("x") || string(newPasswordHash("s3cret").Salt) == string(h.Salt) {
		t.Error("two hashes of one password share a salt")
	}
	if strings.Contains(string(h.Hash), "s3cret") {
		t.Error("the hash holds the password")
	}
}
