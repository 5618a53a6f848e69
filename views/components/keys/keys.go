// Package keys owns the dashboard's key-binding type: a bubbles key.Binding
// that also says whether its action changes data on the server (Dangerous) and
// which help group it belongs to. In read-only mode dangerous bindings are
// disabled, which makes them both unreachable (key.Matches ignores disabled
// bindings) and absent from help (bubbles/help skips them), so one flag
// enforces --readonly everywhere a binding is used.
package keys

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Binding is one key action.
type Binding struct {
	key.Binding
	// Dangerous marks an action that changes data on the server.
	Dangerous bool
	// Group names the help section the binding is listed under.
	Group string
}

// New builds an enabled binding for keys, described in help as helpKey: desc.
func New(group, helpKey, desc string, keys ...string) Binding {
	return Binding{
		Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc)),
		Group:   group,
	}
}

// NewDangerous builds a binding for an action that changes server data.
func NewDangerous(group, helpKey, desc string, keys ...string) Binding {
	b := New(group, helpKey, desc, keys...)
	b.Dangerous = true
	return b
}

// ForMode returns b enabled or disabled for the given read-only mode.
func (b Binding) ForMode(readOnly bool) Binding {
	b.SetEnabled(!(readOnly && b.Dangerous))
	return b
}

// Matches reports whether msg triggers b (never for a disabled binding).
func (b Binding) Matches(msg tea.KeyMsg) bool {
	return key.Matches(msg, b.Binding)
}

// Map is an ordered list of bindings.
type Map []Binding

// ForMode returns a copy of m with dangerous bindings disabled in read-only mode.
func (m Map) ForMode(readOnly bool) Map {
	out := make(Map, len(m))
	for i, b := range m {
		out[i] = b.ForMode(readOnly)
	}
	return out
}

// Enabled returns the bindings that can currently fire.
func (m Map) Enabled() Map {
	out := make(Map, 0, len(m))
	for _, b := range m {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

// Groups splits the enabled bindings by Group, keeping first-seen group order,
// in the shape bubbles/help's FullHelpView takes. titles[i] names groups[i].
func (m Map) Groups() (titles []string, groups [][]key.Binding) {
	index := map[string]int{}
	for _, b := range m.Enabled() {
		i, ok := index[b.Group]
		if !ok {
			i = len(titles)
			index[b.Group] = i
			titles = append(titles, b.Group)
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], b.Binding)
	}
	return titles, groups
}

// DangerousFor returns the dangerous binding msg would trigger, enabled or
// not, so a shell can refuse it centrally in read-only mode even when a view
// forgot to apply ForMode.
func (m Map) DangerousFor(msg tea.KeyMsg) (Binding, bool) {
	s := msg.String()
	for _, b := range m {
		if !b.Dangerous {
			continue
		}
		for _, k := range b.Keys() {
			if k == s {
				return b, true
			}
		}
	}
	return Binding{}, false
}
