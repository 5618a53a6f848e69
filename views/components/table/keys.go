package table

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds the bindings the table handles in Update.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	ColumnLeft, ColumnRight                 key.Binding // move the column cursor (sort target)
}

// DefaultKeyMap returns the table's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first row")),
		Bottom:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last row")),
		ColumnLeft:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "column left")),
		ColumnRight: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "column right")),
	}
}

// KeyMap returns the bindings Update handles, for the help screen.
func (m Model) KeyMap() []key.Binding {
	k := m.Keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.ColumnLeft, k.ColumnRight}
}
