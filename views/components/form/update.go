package form

import (
	"os"
	"strconv"
	"strings"

	osc52 "github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
)

// Result is what a message did to the form, for its owner to act on.
type Result int

const (
	// None: keep going.
	None Result = iota
	// Submit: the operator asked to save and every field is valid.
	Submit
	// Cancel: the operator asked to leave without saving.
	Cancel
)

// Update handles a key (or a paste) and reports whether the operator
// submitted or left.
func (m *Model) Update(msg tea.Msg) (Result, tea.Cmd) {
	res, cmd := m.update(msg)
	if res == None {
		m.recount()
	}
	return res, cmd
}

func (m *Model) update(msg tea.Msg) (Result, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return None, m.typeKey(msg)
	}
	if m.keys.Leave.Matches(k) {
		return Cancel, nil
	}
	if m.busy {
		return None, nil // a request is running: nothing typed now could be sent with it
	}
	km := m.keys
	switch {
	case km.Save.Matches(k):
		return m.trySubmit(), nil
	case km.Next.Matches(k):
		m.focusOn(m.focus + 1)
	case km.Prev.Matches(k):
		m.focusOn(m.focus - 1)
	case km.Enter.Matches(k):
		switch m.stops[m.focus] {
		case stopSave:
			if !km.Save.Enabled() {
				return None, nil // read-only: the button is there, saving is not
			}
			return m.trySubmit(), nil
		case stopCancel:
			return Cancel, nil
		}
		m.focusOn(m.focus + 1)
	case km.secret && km.Reveal.Matches(k):
		m.reveal()
	case km.secret && km.Copy.Matches(k):
		m.copySecret()
	case km.secret && km.Generate.Matches(k):
		m.generate()
	default:
		return None, m.typeKey(k)
	}
	return None, nil
}

// trySubmit submits when every field is valid; otherwise it shows every
// field's error, says how many there are and moves to the first.
func (m *Model) trySubmit() Result {
	m.showAll()
	if len(m.Errors()) == 0 {
		m.formErr, m.counting = nil, false
		return Submit
	}
	m.counting = true
	m.recount()
	if i := m.firstInvalid(); i >= 0 {
		m.focusOn(i)
	}
	return None
}

// recount keeps the banner of a refused submit true as fields are fixed:
// "not saved: fix the 2 field errors first" counts down, and goes with the
// last error.
func (m *Model) recount() {
	if !m.counting {
		return
	}
	errs := m.Errors()
	if len(errs) == 0 {
		m.formErr, m.counting = nil, false
		return
	}
	noun := "errors"
	if len(errs) == 1 {
		noun = "error"
	}
	m.formErr = []string{m.refused + ": fix the " + strconv.Itoa(len(errs)) + " field " + noun + " first"}
}

// typeKey hands a key to the focused field: text to an input, ←/→ and space
// to an option list.
func (m *Model) typeKey(msg tea.Msg) tea.Cmd {
	in := m.focusedInput()
	if in == nil || m.busy {
		return nil
	}
	switch in.Kind {
	case Multi, Choice:
		if k, ok := msg.(tea.KeyMsg); ok {
			switch {
			case m.keys.Left.Matches(k):
				in.opt = max(in.opt-1, 0)
			case m.keys.Right.Matches(k):
				in.opt = min(in.opt+1, len(in.Options)-1)
			case m.keys.Toggle.Matches(k):
				in.toggle()
			}
		}
		return nil
	case Secret:
		if !in.revealed {
			if k, ok := msg.(tea.KeyMsg); ok && (k.Type == tea.KeyRunes || k.Type == tea.KeyBackspace || k.Type == tea.KeySpace) {
				m.note = "the secret is masked: ctrl+r reveals it to edit, ctrl+g makes a new one"
			}
			return nil
		}
	case Text:
	default:
		return nil
	}
	before := in.ti.Value()
	var cmd tea.Cmd
	in.ti, cmd = in.ti.Update(msg)
	if in.Normalize != nil {
		if v := in.ti.Value(); in.Normalize(v) != v {
			pos := in.ti.Position()
			in.ti.SetValue(in.Normalize(v))
			in.ti.SetCursor(pos)
		}
	}
	if in.ti.Value() != before {
		in.edited()
	}
	return cmd
}

// secretInput is the focused secret field, else the first one.
func (m *Model) secretInput() *input {
	if in := m.focusedInput(); in != nil && in.Kind == Secret {
		return in
	}
	for _, in := range m.inputs {
		if in.Kind == Secret {
			return in
		}
	}
	return nil
}

func (m *Model) reveal() {
	in := m.secretInput()
	if in == nil {
		return
	}
	in.revealed = !in.revealed
	if in.revealed {
		m.note = "secret revealed: ctrl+r masks it again"
	} else {
		m.note = "secret masked"
	}
}

// Revealed reports whether the named secret field is shown in clear.
func (m *Model) Revealed(name string) bool {
	in, ok := m.byName[name]
	return ok && in.revealed
}

func (m *Model) copySecret() {
	in := m.secretInput()
	if in == nil || in.value() == "" {
		m.note = "no secret to copy"
		return
	}
	seq := osc52.New(in.value())
	switch {
	case os.Getenv("TMUX") != "":
		seq = seq.Tmux()
	case strings.HasPrefix(os.Getenv("TERM"), "screen"):
		seq = seq.Screen()
	}
	w := m.Clipboard
	if w == nil {
		w = os.Stderr
	}
	if _, err := seq.WriteTo(w); err != nil {
		m.note = "could not copy the secret: the terminal output failed"
		return
	}
	m.note = "secret copied to the clipboard (OSC 52; the terminal must allow clipboard writes)"
}

func (m *Model) generate() {
	in := m.secretInput()
	if in == nil || in.Generate == nil {
		return
	}
	in.set(in.Generate())
	in.edited()
	m.note = "generated a new secret (still masked; ctrl+r reveals it)"
	if in.revealed {
		m.note = "generated a new secret"
	}
}
