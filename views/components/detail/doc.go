// Package detail lays out one API object for reading (labelled fields,
// nested lists, invalid values marked with what was sent) and, on a key,
// shows the object's raw JSON instead. Every tab's detail screen is a Model
// from here fed a Doc built by the tab.
package detail

import (
	"strconv"
	"strings"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

type lineKind int

const (
	lineField lineKind = iota
	lineSection
	lineItem
	lineText
)

// line is one logical line of a Doc before wrapping.
type line struct {
	kind    lineKind
	indent  int
	label   string
	value   string
	invalid bool
	muted   bool
}

// Doc is an object laid out as labelled lines. Build it with the methods below.
type Doc struct {
	lines []line
}

// Section starts a titled group ("targets (3)").
func (d *Doc) Section(title string) {
	d.lines = append(d.lines, line{kind: lineSection, label: title})
}

// Field adds "label: value" at indent level 0.
func (d *Doc) Field(label, value string) { d.FieldAt(0, label, value) }

// FieldAt adds "label: value" at an indent level.
func (d *Doc) FieldAt(indent int, label, value string) {
	d.lines = append(d.lines, line{kind: lineField, indent: indent, label: label, value: value})
}

// Checked adds a field whose value came from the JSON member at path. When
// the client recorded a problem there, the raw value is shown marked invalid
// with the reason, instead of the decoded (zero) value.
func (d *Doc) Checked(indent int, label, value string, problems []client.FieldProblem, path string) {
	if p, ok := client.ProblemFor(problems, path); ok {
		d.lines = append(d.lines, line{kind: lineField, indent: indent, label: label,
			value: present.InvalidDetail(p), invalid: true})
		return
	}
	d.FieldAt(indent, label, value)
}

// Item adds a list entry ("- veh-001").
func (d *Doc) Item(indent int, text string) {
	d.lines = append(d.lines, line{kind: lineItem, indent: indent, value: text})
}

// Text adds a free line of prose, muted when muted is true.
func (d *Doc) Text(text string, muted bool) {
	d.lines = append(d.lines, line{kind: lineText, value: text, muted: muted})
}

// Problems lists every field the client could not decode, so none is lost
// even when the tab has no place for it in the layout.
func (d *Doc) Problems(problems []client.FieldProblem) {
	if len(problems) == 0 {
		return
	}
	d.Section(sectionTitle("invalid fields", len(problems)))
	for _, p := range problems {
		d.lines = append(d.lines, line{kind: lineField, indent: 1, label: p.Field,
			value: present.InvalidDetail(p), invalid: true})
	}
}

// sectionTitle renders "name (n)".
func sectionTitle(name string, n int) string {
	return name + " (" + strconv.Itoa(n) + ")"
}

// SectionTitle renders a list heading with its count, e.g. "targets (3)".
func SectionTitle(name string, n int) string { return sectionTitle(name, n) }

// oneLine folds whitespace runs (newlines included) so a raw value stays on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Append returns d followed by the lines of other.
func (d Doc) Append(other Doc) Doc {
	out := Doc{lines: make([]line, 0, len(d.lines)+len(other.lines))}
	out.lines = append(append(out.lines, d.lines...), other.lines...)
	return out
}

// Len is the number of logical lines in d.
func (d Doc) Len() int { return len(d.lines) }
