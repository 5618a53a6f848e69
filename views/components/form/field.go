package form

import (
	"slices"
	"strings"
)

// Kind is what a field edits.
type Kind int

const (
	// Text is a one-line text input.
	Text Kind = iota
	// Secret is a text input shown masked (client.MaskSecret) until the
	// operator reveals it; it can be copied (OSC 52) and regenerated.
	Secret
	// Multi selects any number of Options; its value joins them with ",".
	Multi
	// Choice selects exactly one of Options.
	Choice
	// Display shows a value that cannot be edited (an id the server assigned).
	Display
	// Heading is a section title between fields; it has no value.
	Heading
)

// Field describes one row of a form.
type Field struct {
	// Name is the key in Values and the JSON path the server names the
	// field by in its problem+json errors, e.g. "metadata.vin".
	Name string
	// Aliases are other names the server may use for the field.
	Aliases []string
	Label   string
	Kind    Kind
	// Options are the choices of a Multi or Choice field, in display order.
	Options     []string
	Placeholder string
	// Note is a muted hint shown beside the field while it has no error.
	Note string
	// Limit caps the characters of a text field (0: 256).
	Limit int
	// Normalize rewrites the value as it is typed (e.g. upper-case a VIN).
	Normalize func(string) string
	// Check validates the value ("" when valid). Multi values arrive joined
	// with ","; use SplitList.
	Check func(string) string
	// Generate makes a fresh value for a Secret field (ctrl+g).
	Generate func() string
}

// editable reports whether the field holds a value the operator can change.
func (f Field) editable() bool { return f.Kind != Display && f.Kind != Heading }

// Values are a form's field values by Field.Name.
type Values map[string]string

// Clone copies v.
func (v Values) Clone() Values {
	out := make(Values, len(v))
	for k, s := range v {
		out[k] = s
	}
	return out
}

// Equal reports whether a and b hold the same value for every name in names.
func Equal(a, b Values, names []string) bool {
	for _, n := range names {
		if a[n] != b[n] {
			return false
		}
	}
	return true
}

// EditableNames lists the names of the fields that hold editable values, in order.
func EditableNames(fields []Field) []string {
	var out []string
	for _, f := range fields {
		if f.editable() {
			out = append(out, f.Name)
		}
	}
	return out
}

// SplitList splits a Multi value into its options ("" is none).
func SplitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// JoinList is the Multi value of the selected options, in the order of
// options (unknown names are dropped, so a value is always canonical).
func JoinList(options, selected []string) string {
	var out []string
	for _, o := range options {
		if slices.Contains(selected, o) {
			out = append(out, o)
		}
	}
	return strings.Join(out, ",")
}

// Check validates values against fields without a Model: the field errors
// by name (empty when all are valid). An editor flow uses it to apply the
// form's rules to text the operator wrote elsewhere.
func Check(fields []Field, v Values) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		if !f.editable() || f.Check == nil {
			continue
		}
		if msg := f.Check(v[f.Name]); msg != "" {
			out[f.Name] = msg
		}
	}
	return out
}
