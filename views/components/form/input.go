package form

import (
	"slices"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
)

// defaultLimit caps a text field when Field.Limit is 0.
const defaultLimit = 256

// input is one field's state.
type input struct {
	Field
	ti       textinput.Model // Text and Secret
	selected []bool          // Multi and Choice, per option
	opt      int             // the option under the cursor
	display  string          // Display
	revealed bool            // Secret shown in clear
	err      string          // the field's own check, from the current value
	server   string          // the server's message for this field, until it is edited
	shown    bool            // the operator has typed here, left it, or tried to submit
}

func newInput(f Field) *input {
	in := &input{Field: f}
	switch f.Kind {
	case Text, Secret:
		ti := textinput.New()
		ti.Prompt = ""
		ti.Placeholder = f.Placeholder
		ti.CharLimit = f.Limit
		if ti.CharLimit <= 0 {
			ti.CharLimit = defaultLimit
		}
		ti.Cursor.SetMode(cursor.CursorStatic) // no blink messages through the shell
		in.ti = ti
	case Multi, Choice:
		in.selected = make([]bool, len(f.Options))
	}
	return in
}

// value is the field's current value in its canonical text form.
func (in *input) value() string {
	switch in.Kind {
	case Text, Secret:
		return in.ti.Value()
	case Multi:
		var sel []string
		for i, o := range in.Options {
			if in.selected[i] {
				sel = append(sel, o)
			}
		}
		return JoinList(in.Options, sel)
	case Choice:
		for i, o := range in.Options {
			if in.selected[i] {
				return o
			}
		}
		return ""
	case Display:
		return in.display
	}
	return ""
}

// set replaces the value (unknown options of a Multi or Choice are dropped).
func (in *input) set(v string) {
	switch in.Kind {
	case Text, Secret:
		in.ti.SetValue(v)
		in.ti.CursorEnd()
	case Multi:
		sel := SplitList(v)
		for i, o := range in.Options {
			in.selected[i] = slices.Contains(sel, o)
		}
	case Choice:
		for i, o := range in.Options {
			in.selected[i] = o == v
			if o == v {
				in.opt = i // the cursor starts on what is chosen, not beside it
			}
		}
	case Display:
		in.display = v
	}
	in.check()
}

// check re-runs the field's validation on its current value.
func (in *input) check() {
	in.err = ""
	if in.editable() && in.Check != nil {
		in.err = in.Check(in.value())
	}
}

// message is what is shown beside the field: the server's word first (it
// decided), then the field's own check once the operator has been there.
func (in *input) message() (text string, isErr bool) {
	switch {
	case in.server != "":
		return "server: " + in.server, true
	case in.err != "" && in.shown:
		return in.err, true
	}
	return in.Note, false
}

// toggle flips the option under the cursor (Multi) or selects it (Choice).
func (in *input) toggle() {
	if in.opt < 0 || in.opt >= len(in.selected) {
		return
	}
	if in.Kind == Choice {
		for i := range in.selected {
			in.selected[i] = i == in.opt
		}
	} else {
		in.selected[in.opt] = !in.selected[in.opt]
	}
	in.edited()
}

// edited records a change by the operator: the server's old complaint no
// longer applies and the field's own check is shown from now on.
func (in *input) edited() {
	in.server = ""
	in.shown = true
	in.check()
}
