package client

import (
	"fmt"
	"sort"
	"strings"
)

// Freeze says which panels are frozen: nothing at all is sent to a frozen
// panel. It is the net under the provider's own handling of frozen panels
// (which keeps their state and plans no change): whatever code asks, a
// request to a frozen panel fails with a *FrozenError before it leaves.
type Freeze struct {
	// managed are the panels keys that set managed, longest prefix first.
	managed []freezeRule
	// selected, when set (even empty), are the only panels managed.
	selected    []freezeRule
	hasSelected bool
}

type freezeRule struct {
	prefix, key string
	managed     bool
}

// NewFreeze builds the rules from the panels keys that set managed and,
// when selectedSet, the selected names (addresses or panels keys; a
// prefix selects every panel below it). selected overrides managed.
func NewFreeze(managed map[string]bool, selected []string, selectedSet bool) (*Freeze, error) {
	f := &Freeze{hasSelected: selectedSet}
	for key, m := range managed {
		prefix, err := NormalizeAddress(key)
		if err != nil {
			return nil, fmt.Errorf("the panels key %q is not a panel address: %w", key, err)
		}
		f.managed = append(f.managed, freezeRule{prefix: prefix, key: key, managed: m})
	}
	sort.Slice(f.managed, func(i, j int) bool { return len(f.managed[i].prefix) > len(f.managed[j].prefix) })
	for _, name := range selected {
		prefix, err := NormalizeAddress(name)
		if err != nil {
			return nil, fmt.Errorf("the selected panel %q is not a panel address: %w", name, err)
		}
		f.selected = append(f.selected, freezeRule{prefix: prefix, key: name})
	}
	return f, nil
}

// Active reports whether any panel may be frozen.
func (f *Freeze) Active() bool {
	if f == nil {
		return false
	}
	if f.hasSelected {
		return true
	}
	for _, r := range f.managed {
		if !r.managed {
			return true
		}
	}
	return false
}

// Why is the reason the panel at base (a normalised address) is frozen,
// or "" when it is managed.
func (f *Freeze) Why(base string) string {
	if f == nil {
		return ""
	}
	if f.hasSelected {
		for _, r := range f.selected {
			if within(base, r.prefix) {
				return ""
			}
		}
		return "it is not in selected_panels"
	}
	for _, r := range f.managed {
		if within(base, r.prefix) {
			if r.managed {
				return ""
			}
			return fmt.Sprintf("its panels entry %q sets managed = false", r.key)
		}
	}
	return ""
}

// within reports whether base is prefix or lies below it on a path-segment
// boundary (…/panels/1 is not above …/panels/17).
func within(base, prefix string) bool {
	return base == prefix || strings.HasPrefix(base, prefix+"/")
}

// WithFreeze makes every request to a frozen panel fail with a
// *FrozenError, unsent.
func WithFreeze(f *Freeze) Option {
	return func(s *shared) error {
		s.freeze = f
		return nil
	}
}

// FrozenWhy is why this client's panel is frozen, or "" when it is
// managed.
func (c *Client) FrozenWhy() string {
	return c.shared.freeze.Why(c.base)
}

// FrozenError is a request to a frozen panel, which was not sent.
type FrozenError struct {
	Panel, Why string
}

func (e *FrozenError) Error() string {
	return fmt.Sprintf("panel %s is frozen (%s), so nothing is sent to it", e.Panel, e.Why)
}

// frozen is the error of a request to this client's panel when it is
// frozen.
func (c *Client) frozen() error {
	if why := c.FrozenWhy(); why != "" {
		return &FrozenError{Panel: c.base, Why: why}
	}
	return nil
}

// FreezeActive reports whether any panel of this client may be frozen.
func (c *Client) FreezeActive() bool {
	return c.shared.freeze.Active()
}
