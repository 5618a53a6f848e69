package main

import (
	"io"

	"strings"
	"text/tabwriter"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

// writeTable prints aligned columns, under header unless it is nil. Cells
// must already be sanitized (the row builders do it), since a tab inside
// one would shift every column after it.
func writeTable(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	if header != nil {
		io.WriteString(tw, strings.Join(header, "\t")+"\n")
	}
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
		io.WriteString(tw, key+"\t"+present.Sanitize(f.value)+"\n")
	}
	return tw.Flush()
}

// problemFields lists an object's decoding problems at the end of its
// layout. Hide secrets first (present.HideSecrets): a message can quote the
// value.
func problemFields(problems []client.FieldProblem) []field {
	var out []field
	for i, p := range problems {
		key := ""
		if i == 0 {
			key = "invalid"
		}
		out = append(out, field{key, p.Error()})
	}
	return out
}
