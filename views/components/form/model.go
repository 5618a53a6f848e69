package form

import (
	"io"

	"github.com/ecdash/ecdash/themes"
)

// Button stops after the fields.
const (
	stopSave   = -1
	stopCancel = -2
)

// Model is a form. Build it with New; it is used through a pointer.
type Model struct {
	title  string
	th     *themes.Theme
	st     styles
	inputs []*input
	byName map[string]*input
	stops  []int // focus stops: input indices, then stopSave and stopCancel
	focus  int   // index in stops

	initial Values // what SetValues last set: Dirty compares against it

	formErr   []string // the form-level error area (server problem, refused submit)
	counting  bool     // formErr is a refused submit's count of field errors (see recount)
	refused   string   // what a refused submit says: "not saved"
	note      string   // a one-line status ("saving…", "copied")
	busy      bool     // a save is in flight: editing and submitting are paused
	saveLabel string
	leaveHint string // what esc does, for the key hints

	keys keyMap
	// Clipboard receives the OSC 52 sequence of a copied secret (nil: stderr).
	Clipboard io.Writer

	width, height int
}

// New builds a form titled title over fields, every value empty.
func New(title string, th *themes.Theme, fields []Field) *Model {
	if th == nil {
		th = themes.Default()
	}
	m := &Model{title: title, byName: map[string]*input{}, saveLabel: "Save", refused: "not saved", leaveHint: "esc leave without saving"}
	hasSecret := false
	for _, f := range fields {
		in := newInput(f)
		in.check()
		m.byName[f.Name] = in
		if f.editable() {
			m.stops = append(m.stops, len(m.inputs))
		}
		hasSecret = hasSecret || f.Kind == Secret
		m.inputs = append(m.inputs, in)
	}
	m.stops = append(m.stops, stopSave, stopCancel)
	m.keys = newKeyMap(hasSecret)
	m.SetTheme(th)
	m.initial = m.Values()
	m.focusOn(0)
	return m
}

// Title is the form's title.
func (m *Model) Title() string { return m.title }

// SetTitle renames the form (e.g. after "take theirs").
func (m *Model) SetTitle(t string) { m.title = t }

// SetSaveLabel names the submit button ("Save", "Send").
func (m *Model) SetSaveLabel(s string) { m.saveLabel = s }

// SetRefusedText is what a submit refused for field errors says first:
// "not saved" by default, "not sent" for a form that sends.
func (m *Model) SetRefusedText(s string) { m.refused = s }

// SetLeaveHint says in the key hints what leaving does, e.g. "esc leave
// (a draft is kept)".
func (m *Model) SetLeaveHint(s string) { m.leaveHint = s }

// SetSize sets the area the form draws in.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// SetTheme restyles the form.
func (m *Model) SetTheme(th *themes.Theme) {
	m.th = th
	m.st = newStyles(th)
	for _, in := range m.inputs {
		if in.Kind == Text || in.Kind == Secret {
			in.ti.PlaceholderStyle = th.Muted
			in.ti.TextStyle = th.Text
			in.ti.Cursor.Style = th.Selected
		}
	}
}

// SetValues fills the form and makes those values its clean state: Dirty
// is false until the operator changes one. Names not in v are emptied.
func (m *Model) SetValues(v Values) {
	for _, in := range m.inputs {
		in.set(v[in.Name])
		in.server, in.shown = "", in.value() != ""
		in.revealed = false // new values (the server's copy) are not shown until asked
	}
	m.formErr, m.counting = nil, false
	m.initial = m.Values()
}

// ApplyValues changes the named fields as if the operator had typed them
// (a restored draft, a file from the editor): the form becomes dirty.
func (m *Model) ApplyValues(v Values) {
	for name, s := range v {
		if in, ok := m.byName[name]; ok && in.editable() {
			in.set(s)
			in.server, in.shown = "", true
		}
	}
}

// Values returns every field's value (Display fields included).
func (m *Model) Values() Values {
	out := make(Values, len(m.inputs))
	for _, in := range m.inputs {
		if in.Kind != Heading {
			out[in.Name] = in.value()
		}
	}
	return out
}

// Value returns one field's value ("" for an unknown name).
func (m *Model) Value(name string) string {
	if in, ok := m.byName[name]; ok {
		return in.value()
	}
	return ""
}

// Fields returns the form's field descriptions, in order.
func (m *Model) Fields() []Field {
	out := make([]Field, len(m.inputs))
	for i, in := range m.inputs {
		out[i] = in.Field
	}
	return out
}

// Dirty reports whether an editable value differs from the clean state.
func (m *Model) Dirty() bool {
	now := m.Values()
	for _, in := range m.inputs {
		if in.editable() && now[in.Name] != m.initial[in.Name] {
			return true
		}
	}
	return false
}

// Errors returns the current client-side field errors by name.
func (m *Model) Errors() map[string]string {
	out := map[string]string{}
	for _, in := range m.inputs {
		if in.err != "" {
			out[in.Name] = in.err
		}
	}
	return out
}

// Valid reports whether every field passes its own check.
func (m *Model) Valid() bool { return len(m.Errors()) == 0 }

// FieldMessage is what is shown beside a field now and whether it is an error.
func (m *Model) FieldMessage(name string) (string, bool) {
	if in, ok := m.byName[name]; ok {
		return in.message()
	}
	return "", false
}

// SetNote sets the one-line status under the buttons ("" clears it).
func (m *Model) SetNote(s string) { m.note = s }

// Note returns the status line.
func (m *Model) Note() string { return m.note }

// SetBusy pauses editing while a request runs (esc still leaves).
func (m *Model) SetBusy(b bool) { m.busy = b }

// Busy reports whether a request is running.
func (m *Model) Busy() bool { return m.busy }

// SetFormError replaces the form-level error area (nil clears it).
func (m *Model) SetFormError(lines ...string) {
	m.formErr, m.counting = append([]string(nil), lines...), false
}

// FormError returns the lines of the form-level error area.
func (m *Model) FormError() []string { return m.formErr }

// Focused names the focused field ("" on a button).
func (m *Model) Focused() string {
	if in := m.focusedInput(); in != nil {
		return in.Name
	}
	return ""
}

// FocusField moves the cursor to the named field.
func (m *Model) FocusField(name string) {
	for i, s := range m.stops {
		if s >= 0 && m.inputs[s].Name == name {
			m.focusOn(i)
			return
		}
	}
}

func (m *Model) focusedInput() *input {
	if m.focus < 0 || m.focus >= len(m.stops) || m.stops[m.focus] < 0 {
		return nil
	}
	return m.inputs[m.stops[m.focus]]
}

// focusOn moves the focus to stop i; the field left behind shows its check.
func (m *Model) focusOn(i int) {
	if old := m.focusedInput(); old != nil {
		old.ti.Blur()
		if i != m.focus {
			old.shown = true
		}
	}
	m.focus = (i%len(m.stops) + len(m.stops)) % len(m.stops)
	if in := m.focusedInput(); in != nil && (in.Kind == Text || in.Kind == Secret) {
		in.ti.Focus()
	}
}

// showAll makes every field show its check, as a refused submit must.
func (m *Model) showAll() {
	for _, in := range m.inputs {
		in.shown = true
	}
}

// firstInvalid is the stop of the first field with an error, or -1.
func (m *Model) firstInvalid() int {
	for i, s := range m.stops {
		if s >= 0 && (m.inputs[s].err != "" || m.inputs[s].server != "") {
			return i
		}
	}
	return -1
}
