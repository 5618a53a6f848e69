package main

import (
	"io"

	"github.com/ecdash/ecdash/client"
	"strings"
	"text/tabwriter"
)

// writeTable prints aligned columns. Cells must already be sanitized (the
// row builders do it), since a tab inside one would shift every column after it.
func writeTable(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	io.WriteString(tw, strings.Join(header, "\t")+"\n")
	for _, r := range rows {
		io.WriteString(tw, strings.Join(r, "\t")+"\n")
	}
	return tw.Flush()
}

// field is one "key: value" line of a single object's layout.
type field struct{ key, value string }

// writeFields prints one object as aligned "key: value" lines; an empty key
// continues the line above.
func writeFields(w io.Writer, fields []field) error {
	tw := tabwriter.NewWriter(w, 0, 8, 1, ' ', 0)
	for _, f := range fields {
		key := f.key
		if key != "" {
			key += ":"
		}
		io.WriteString(tw, key+"\t"+sanitize(f.value)+"\n")
	}
	return tw.Flush()
}

// problemFields lists an object's decoding problems at the end of its layout.
// A problem on a secret field says only that it is invalid: its message could
// quote the value.
func problemFields(problems []client.FieldProblem, secretFields ...string) []field {
	var out []field
	for i, p := range problems {
		key := ""
		if i == 0 {
			key = "invalid"
		}
		text := p.Error()
		for _, sf := range secretFields {
			if _, hit := problemFor([]client.FieldProblem{p}, sf); hit {
				text = p.Field + ": invalid (value hidden)"
			}
		}
		out = append(out, field{key, text})
	}
	return out
}
