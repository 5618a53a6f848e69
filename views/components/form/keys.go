package form

import (
	"github.com/ecdash/ecdash/views/components/keys"
)

// keyMap is what a form accepts besides typing.
type keyMap struct {
	Next, Prev, Left, Right, Toggle, Enter keys.Binding
	Save, Leave                            keys.Binding
	Reveal, Copy, Generate                 keys.Binding
	secret                                 bool
}

func newKeyMap(secret bool) keyMap {
	const g = "Form"
	return keyMap{
		Next:     keys.New(g, "tab/↓", "next field", "tab", "down"),
		Prev:     keys.New(g, "shift+tab/↑", "previous field", "shift+tab", "up"),
		Left:     keys.New(g, "←", "previous option", "left"),
		Right:    keys.New(g, "→", "next option", "right"),
		Toggle:   keys.New(g, "space", "select / unselect option", " "),
		Enter:    keys.New(g, "enter", "next field; on a button, press it", "enter"),
		Save:     keys.NewDangerous(g, "ctrl+s", "save (refused while a field is invalid)", "ctrl+s"),
		Leave:    keys.New(g, "esc", "leave without saving (a draft is kept)", "esc"),
		Reveal:   keys.New("Secret", "ctrl+r", "reveal / mask the secret", "ctrl+r"),
		Copy:     keys.New("Secret", "ctrl+y", "copy the secret (OSC 52)", "ctrl+y"),
		Generate: keys.New("Secret", "ctrl+g", "generate a new secret", "ctrl+g"),
		secret:   secret,
	}
}

// KeyMap lists the form's keys for help.
func (m *Model) KeyMap() keys.Map {
	k := m.keys
	out := keys.Map{k.Next, k.Prev, k.Left, k.Right, k.Toggle, k.Enter, k.Save, k.Leave}
	if k.secret {
		out = append(out, k.Reveal, k.Copy, k.Generate)
	}
	return out
}

// SetReadOnly disables saving (the dangerous binding), for a form shown in
// a read-only dashboard.
func (m *Model) SetReadOnly(ro bool) { m.keys.Save = m.keys.Save.ForMode(ro) }
