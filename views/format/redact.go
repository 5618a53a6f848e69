package format

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/ecdash/ecdash/client"
)

// RedactJSON returns raw with the value of every object member named one of
// names (compared case-insensitively, at any depth) replaced by a masked
// string, so raw JSON can be shown without revealing a secret. Input that is
// not valid JSON comes back as a JSON string saying so, never as the input.
func RedactJSON(raw []byte, names ...string) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out bytes.Buffer
	if err := redactValue(dec, &out, names); err != nil {
		return []byte(`"(unreadable JSON hidden: it may hold a secret)"`)
	}
	return out.Bytes()
}

func redactValue(dec *json.Decoder, out *bytes.Buffer, names []string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			out.WriteByte('{')
			first := true
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := kt.(string)
				if !first {
					out.WriteByte(',')
				}
				first = false
				writeJSON(out, k)
				out.WriteByte(':')
				if isSecretName(k, names) {
					var skip json.RawMessage
					if err := dec.Decode(&skip); err != nil {
						return err
					}
					writeJSON(out, maskRaw(skip))
					continue
				}
				if err := redactValue(dec, out, names); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil { // '}'
				return err
			}
			out.WriteByte('}')
		case '[':
			out.WriteByte('[')
			first := true
			for dec.More() {
				if !first {
					out.WriteByte(',')
				}
				first = false
				if err := redactValue(dec, out, names); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil { // ']'
				return err
			}
			out.WriteByte(']')
		}
	case json.Number:
		out.WriteString(t.String())
	default:
		writeJSON(out, t)
	}
	return nil
}

func isSecretName(k string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(k, n) {
			return true
		}
	}
	return false
}

// maskRaw masks a secret's raw value: a string by its length class, anything else wholly.
func maskRaw(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return client.MaskSecret(s)
	}
	if string(raw) == "null" {
		return ""
	}
	return client.MaskSecret("hidden-value")
}

func writeJSON(out *bytes.Buffer, v any) {
	b, _ := json.Marshal(v)
	out.Write(b)
}
