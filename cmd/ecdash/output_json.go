package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ecdash/ecdash/client"
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
		masked, err := maskMembers(raw, secretKeys)
		if err != nil {
			return err
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

// maskMembers replaces the string value of each top-level member named in keys
// with its mask, splicing bytes so everything else stays exactly as received.
func maskMembers(raw json.RawMessage, keys []string) (json.RawMessage, error) {
	if len(keys) == 0 {
		return raw, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return raw, nil // not an object: nothing to mask
	}
	out := append(json.RawMessage(nil), raw...)
	shift := 0 // how much earlier splices changed the length
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("cannot print JSON: %w", err)
		}
		key, _ := t.(string)
		start := int(dec.InputOffset())
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("cannot print JSON: %w", err)
		}
		end := int(dec.InputOffset())
		if !contains(keys, key) || string(v) == "null" || string(v) == `""` {
			continue
		}
		// A secret sent as a number or an object is still a secret.
		secret := string(v)
		_ = json.Unmarshal(v, &secret)
		// The span after the key holds ": value"; find the value inside it.
		at := bytes.Index(raw[start:end], v)
		if at < 0 {
			continue
		}
		mask, _ := json.Marshal(client.MaskSecret(secret))
		from, to := start+at+shift, start+at+len(v)+shift
		out = append(out[:from:from], append(mask, out[to:]...)...)
		shift += len(mask) - len(v)
	}
	return out, nil
}

// contains matches member names case-insensitively, as the client decodes
// them: a .NET server's "WebhookSecret" is the same secret.
func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
