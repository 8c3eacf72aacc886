package client

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// SecretForms returns every spelling of secret that the provider itself
// may put on the wire, and so that a panel may quote back: the raw text,
// its JSON string content with and without encoding/json's HTML-safe
// escapes and with U+2028/U+2029 escaped or not, its query and path
// escapes, and, for each of users, the Basic-auth base64 of user:secret.
// The forms are distinct and longest first, so that replacing them in
// order never leaves a piece of a longer one behind. An empty secret has
// no forms.
func SecretForms(secret string, users ...string) []string {
	if secret == "" {
		return nil
	}
	forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret)}
	for _, html := range []bool{true, false} {
		// A parser that re-encodes what it read may leave the line
		// separators alone, which encoding/json never does.
		forms = append(forms, jsonContent(secret, html), jsonContentRawSeps(secret, html))
	}
	for _, u := range users {
		forms = append(forms, base64.StdEncoding.EncodeToString([]byte(u+":"+secret)))
	}
	slices.SortFunc(forms, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	return slices.Compact(forms)
}

// jsonContent is secret as encoding/json writes it in a string, without
// the quotes.
func jsonContent(secret string, html bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(secret) // a string always encodes.
	out := strings.TrimSuffix(b.String(), "\n")
	return out[1 : len(out)-1]
}

// jsonContentRawSeps is jsonContent with U+2028 and U+2029 left as they
// are.
func jsonContentRawSeps(secret string, html bool) string {
	var sb strings.Builder
	start := 0
	for i, r := range secret {
		if r == '\u2028' || r == '\u2029' {
			sb.WriteString(jsonContent(secret[start:i], html))
			sb.WriteRune(r)
			start = i + utf8.RuneLen(r)
		}
	}
	sb.WriteString(jsonContent(secret[start:], html))
	return sb.String()
}

// containsAny reports whether text holds any of forms.
func containsAny(text string, forms []string) bool {
	for _, f := range forms {
		if strings.Contains(text, f) {
			return true
		}
	}
	return false
}

// mentionsPassword reports an answer that may carry a password, which is
// then never quoted.
func mentionsPassword(data []byte) bool {
	return bytes.Contains(bytes.ToLower(data), []byte("password"))
}

// panelText returns what may be quoted of text the panel sent, cut to
// limit. Nothing is quoted, and withheld is set, when the text holds any
// form of a secret, however short, or mentions a password: replacing a
// short secret inside text would mangle it and, by where the marks land,
// tell the secret. It is checked both as sent and as cut, since the cut
// folds whitespace and drops control characters.
func panelText(text string, limit int, forms []string) (quoted string, withheld bool) {
	if mentionsPassword([]byte(text)) || containsAny(text, forms) {
		return "", true
	}
	quoted = excerpt([]byte(text), limit)
	if containsAny(quoted, forms) {
		return "", true
	}
	return quoted, false
}
