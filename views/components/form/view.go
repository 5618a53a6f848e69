package form

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
)

// View draws the form in exactly its height (none at a zero size): the
// title and the form-level errors stay on top, the key hints at the
// bottom, and the fields scroll so the focused one is visible.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	g := m.geometry()
	header := []string{m.st.title.Paint(pad(" "+clean(m.title), m.width)), ""}
	for _, l := range m.formErr {
		for i, w := range wrap(l, m.width-4) {
			mark := " ! "
			if i > 0 {
				mark = "   "
			}
			header = append(header, m.st.err.Paint(pad(mark+w, m.width)))
		}
	}
	if len(m.formErr) > 0 {
		header = append(header, "")
	}
	body, focusLine := m.body(g)
	footer := []string{m.st.muted.Paint(pad(" "+m.hints(), m.width))}

	avail := m.height - len(header) - len(footer)
	var lines []string
	if avail < 1 {
		lines = append(append(header, body...), footer...)
	} else {
		lines = append(lines, header...)
		lines = append(lines, window(body, focusLine, avail)...)
		lines = append(lines, footer...)
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = pad(l, m.width)
	}
	return strings.Join(lines, "\n")
}

// window returns exactly n lines of body that show line focus.
func window(body []string, focus, n int) []string {
	start := 0
	if len(body) > n {
		start = min(max(focus-n/3, 0), len(body)-n)
	}
	out := make([]string, 0, n)
	for i := start; i < len(body) && len(out) < n; i++ {
		out = append(out, body[i])
	}
	for len(out) < n {
		out = append(out, "")
	}
	return out
}

// body is the field rows, the buttons and the note; focusLine is the line
// of the focused stop.
func (m *Model) body(g geometry) (lines []string, focusLine int) {
	focused := m.focusedInput()
	for _, in := range m.inputs {
		if in == focused {
			focusLine = len(lines)
		}
		lines = append(lines, m.row(g, in, in == focused)...)
	}
	lines = append(lines, "")
	if m.stops[m.focus] < 0 {
		focusLine = len(lines)
	}
	lines = append(lines, m.buttons(g))
	if m.note != "" {
		for _, w := range wrap(m.note, m.width-g.inputX) {
			lines = append(lines, strings.Repeat(" ", g.inputX)+m.st.note.Paint(w))
		}
	}
	return lines, focusLine
}

// row draws one field: marker, label, input, and its message beside it
// (or below it when the terminal is narrow).
func (m *Model) row(g geometry, in *input, focused bool) []string {
	if in.Kind == Heading {
		return []string{"", m.st.title.Paint(" " + clean(in.Label))}
	}
	marker, label := "  ", m.st.label
	if focused {
		marker, label = "> ", m.st.focus
	}
	line := marker + label.Paint(pad(clean(in.Label), g.labelW)) + " " + m.control(g, in, focused)
	msg, isErr := in.message()
	if msg == "" {
		return []string{line}
	}
	paint, prefix := m.st.muted, ""
	if isErr {
		paint, prefix = m.st.err, "! "
	}
	used := ansi.StringWidth(line)
	if g.msgX > 0 && used+2 <= g.msgX {
		out := []string{}
		for i, w := range wrap(prefix+msg, g.width-g.msgX) {
			if i == 0 {
				out = append(out, line+strings.Repeat(" ", g.msgX-used)+paint.Paint(w))
				continue
			}
			out = append(out, strings.Repeat(" ", g.msgX)+paint.Paint(w))
		}
		return out
	}
	out := []string{line}
	for _, w := range wrap(prefix+msg, g.width-g.inputX) {
		out = append(out, strings.Repeat(" ", g.inputX)+paint.Paint(w))
	}
	return out
}

// control draws a field's value the way it is edited.
func (m *Model) control(g geometry, in *input, focused bool) string {
	inner := g.inputW - 2
	switch in.Kind {
	case Display:
		return m.st.muted.Paint(clean(in.display))
	case Multi, Choice:
		on, off := "[x]", "[ ]"
		if in.Kind == Choice {
			on, off = "(*)", "( )"
		}
		parts := make([]string, len(in.Options))
		for i, o := range in.Options {
			box := off
			if in.selected[i] {
				box = on
			}
			cur := " "
			if focused && i == in.opt {
				cur = ">"
			}
			parts[i] = cur + box + " " + clean(o)
		}
		return strings.Join(parts, " ")
	case Secret:
		if !in.revealed {
			v := client.MaskSecret(in.value())
			if v == "" {
				return "[" + m.st.muted.Paint(pad("(none)", inner)) + "]"
			}
			return "[" + pad(v, inner) + "]"
		}
	}
	if focused {
		in.ti.Width = max(inner-1, 1) // one cell for the cursor at the end
		return "[" + pad(in.ti.View(), inner) + "]"
	}
	v := in.value()
	if v == "" {
		return "[" + m.st.muted.Paint(pad(clean(in.Placeholder), inner)) + "]"
	}
	return "[" + pad(clean(v), inner) + "]"
}

func (m *Model) buttons(g geometry) string {
	draw := func(label string, stop int) string {
		text := "[ " + label + " ]"
		if m.stops[m.focus] == stop {
			return ">" + m.st.selected.Paint(text)
		}
		return " " + m.st.button.Paint(text)
	}
	save := m.saveLabel
	if m.busy {
		save += "…"
	}
	return strings.Repeat(" ", max(g.inputX-1, 0)) + draw(save, stopSave) + " " + draw("Cancel", stopCancel)
}

// hints is the key reminder under the form.
func (m *Model) hints() string {
	h := "tab/↓ ↑ move · space toggles · ctrl+s " + strings.ToLower(m.saveLabel) + " · " + m.leaveHint
	if m.keys.secret {
		h += " · ctrl+r reveal · ctrl+y copy · ctrl+g new secret"
	}
	if !m.keys.Save.Enabled() {
		h = "read-only: saving is disabled · " + m.leaveHint
	}
	return h
}
