package present

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/ecdash/ecdash/client"
)

// MaskJSON returns raw with the value of every object member named one of
// names (compared case-insensitively, as the client decodes them, at any
// depth) replaced by its mask. Everything else stays byte for byte as
// received: values are spliced, never re-encoded. A secret sent as a number
// or an object is masked too; null stays null.
func MaskJSON(raw []byte, names ...string) ([]byte, error) {
	if len(names) == 0 {
		return raw, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	out := append([]byte(nil), raw...)
	shift := 0 // how much earlier splices changed the length
	// expectKey[i] says the next string token in the i-th open object is a key.
	var expectKey []bool
	inObject := func() bool { return len(expectKey) > 0 && expectKey[len(expectKey)-1] }
	valueDone := func() {
		if n := len(expectKey); n > 0 {
			expectKey[n-1] = true
		}
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				expectKey = append(expectKey, true)
			case '[':
				expectKey = append(expectKey, false)
			default:
				expectKey = expectKey[:len(expectKey)-1]
				valueDone()
			}
			continue
		case string:
			if !inObject() {
				valueDone()
				continue
			}
			expectKey[len(expectKey)-1] = false
			if !isSecretName(t, names) {
				continue
			}
			start := int(dec.InputOffset())
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			valueDone()
			end := int(dec.InputOffset())
			at := bytes.Index(raw[start:end], v)
			if at < 0 || string(v) == "null" {
				continue
			}
			secret := string(v)
			_ = json.Unmarshal(v, &secret)
			mask, _ := json.Marshal(client.MaskSecret(secret))
			from, to := start+at+shift, start+at+len(v)+shift
			out = append(out[:from:from], append(mask, out[to:]...)...)
			shift += len(mask) - len(v)
			continue
		}
		valueDone()
	}
	return out, nil
}

// RedactJSON is MaskJSON for a screen: JSON that cannot be read comes back
// as a JSON string saying so, never as the input (it may hold a secret).
func RedactJSON(raw []byte, names ...string) []byte {
	out, err := MaskJSON(raw, names...)
	if err != nil {
		return []byte(`"(unreadable JSON hidden: it may hold a secret)"`)
	}
	return out
}

func isSecretName(k string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(k, n) {
			return true
		}
	}
	return false
}
