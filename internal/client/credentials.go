package client

import (
	"fmt"
	"sort"
	"strings"
)

// Credentials are the HTTP Basic auth of a panel. An empty field falls
// back to the client's own.
type Credentials struct {
	Username string
	Password string
}

// credentials are resolved ones, with every spelling of the password that
// must never leave the client.
type credentials struct {
	username, password string
	forms              []string
	key                string // the panels key they come from; "" for the client's own
}

func newCredentials(username, password string) *credentials {
	return &credentials{username: username, password: password, forms: SecretForms(password, username)}
}

// panelCredentials are the credentials of every panel whose address is
// prefix or lies below it.
type panelCredentials struct {
	prefix, key string
	Credentials
}

// WithPanelCredentials gives panels their own credentials: a panel uses
// the entry whose key is the longest prefix of its normalised address, on
// path-segment boundaries (…/panels/1 is not a prefix of …/panels/17),
// and the client's credentials when none matches. Keys are addresses as
// the user writes them.
func WithPanelCredentials(byPrefix map[string]Credentials) Option {
	return func(s *shared) error {
		keys := make([]string, 0, len(byPrefix))
		for key := range byPrefix {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		seen := map[string]string{}
		for _, key := range keys {
			prefix, err := NormalizeAddress(key)
			if err != nil {
				return fmt.Errorf("the panels key %q is not a panel address: %w", key, err)
			}
			// Which of two spellings won would change from run to run.
			if other, dup := seen[prefix]; dup {
				return fmt.Errorf("the panels keys %q and %q name the same panel %s", other, key, prefix)
			}
			seen[prefix] = key
			s.panelCreds = append(s.panelCreds, panelCredentials{prefix: prefix, key: key, Credentials: byPrefix[key]})
		}
		// Longest first, so the first match is the most specific.
		sort.Slice(s.panelCreds, func(i, j int) bool {
			return len(s.panelCreds[i].prefix) > len(s.panelCreds[j].prefix)
		})
		return nil
	}
}

// credentialsFor resolves the credentials of the panel at base.
func (s *shared) credentialsFor(base string) *credentials {
	for _, pc := range s.panelCreds {
		if base == pc.prefix || strings.HasPrefix(base, pc.prefix+"/") {
			user, pass := pc.Username, pc.Password
			if user == "" {
				user = s.username
			}
			if pass == "" {
				pass = s.password
			}
			cred := newCredentials(user, pass)
			cred.key = pc.key
			return cred
		}
	}
	return s.defaultCred
}

// SecretsOfAll is every password the client may send, for masking logs.
func (c *Client) SecretsOfAll() []string {
	out := []string{c.shared.password}
	for _, pc := range c.shared.panelCreds {
		out = append(out, pc.Password)
	}
	return out
}
