package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/ecdash/ecdash/internal/present"
)

// writeJSON prints objects as the server sent them (their Raw bytes, only
// re-indented by json.Indent, which never touches values), as an array when
// list is true. Members named in secretKeys are the one change: their value is
// masked, since secrets never reach a screen.
func writeJSON(w io.Writer, raws []json.RawMessage, list bool, secretKeys ...string) error {
	var buf bytes.Buffer
	if list {
		buf.WriteByte('[')
	}
	for i, raw := range raws {
		if len(bytes.TrimSpace(raw)) == 0 {
			return errors.New("cannot print JSON: an object was decoded without its raw bytes")
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		masked, err := present.MaskJSON(raw, secretKeys...)
		if err != nil {
			return fmt.Errorf("cannot print JSON: %w", err)
		}
		buf.Write(masked)
	}
	if list {
		buf.WriteByte(']')
	}
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return fmt.Errorf("cannot print JSON: %w", err)
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}
