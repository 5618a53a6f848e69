package client

import (
	"bytes"
	"encoding/json"
)

// The tolerant decoders read objects member by member. encoding/json would
// do it by unmarshalling every object into a map[string]json.RawMessage,
// which validates the same bytes again at every level of nesting and
// allocates a map per object: 16 s for 100,000 events of 15 targets each.
// The splitters here walk JSON that has already been validated once (by
// json.Valid on the answer, or by encoding/json before it calls an
// UnmarshalJSON) without allocating more than the slices they return. On
// input that is not valid JSON they report false; they never panic.

// member is one name/value pair of a JSON object, the value untouched. The
// name is unescaped; both usually point into the answer's bytes.
type member struct {
	key []byte
	val []byte
}

// scanMembers appends the members of a JSON object to out, in the order
// sent, duplicates included.
func scanMembers(raw []byte, out []member) ([]member, bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return out, true
	}
	for i < len(raw) {
		if raw[i] != '"' {
			return nil, false
		}
		end := stringEnd(raw, i)
		if end < 0 {
			return nil, false
		}
		key, ok := memberName(raw[i:end])
		if !ok {
			return nil, false
		}
		i = skipSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return nil, false
		}
		i = skipSpace(raw, i+1)
		vend := valueEnd(raw, i)
		if vend < 0 {
			return nil, false
		}
		out = append(out, member{key: key, val: raw[i:vend:vend]})
		i = skipSpace(raw, vend)
		switch {
		case i >= len(raw):
			return nil, false
		case raw[i] == ',':
			i = skipSpace(raw, i+1)
		case raw[i] == '}':
			return out, true
		default:
			return nil, false
		}
	}
	return nil, false
}

// scanElements appends the elements of a JSON array to out.
func scanElements(raw []byte, out []json.RawMessage) ([]json.RawMessage, bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return nil, false
	}
	if out == nil {
		out = []json.RawMessage{}
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return out, true
	}
	for i < len(raw) {
		end := valueEnd(raw, i)
		if end < 0 {
			return nil, false
		}
		out = append(out, raw[i:end:end])
		i = skipSpace(raw, end)
		switch {
		case i >= len(raw):
			return nil, false
		case raw[i] == ',':
			i = skipSpace(raw, i+1)
		case raw[i] == ']':
			return out, true
		default:
			return nil, false
		}
	}
	return nil, false
}

// memberName is a member's name: the token's inside when it needs no
// unescaping (no copy), else its unquoted text.
func memberName(tok []byte) ([]byte, bool) {
	if inner := tok[1 : len(tok)-1]; plainASCII(inner) {
		return inner, true
	}
	s, ok := unquote(tok)
	return []byte(s), ok
}

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at b[i], or -1.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				if i = stringEnd(b, i); i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	case ',', ':', '}', ']':
		return -1
	}
	j := i // a number or a literal: up to the next delimiter
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r', ':', '"', '{', '[':
			return j
		}
		j++
	}
	return j
}

// stringEnd returns the index just past the JSON string starting at b[i], or -1.
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); {
		// Jump to the next quote; a backslash before it is rare.
		q := bytes.IndexByte(b[i:], '"')
		if q < 0 {
			return -1
		}
		e := bytes.IndexByte(b[i:i+q], '\\')
		if e < 0 {
			return i + q + 1
		}
		i += e + 2 // the backslash and the byte it escapes
	}
	return -1
}

// unquote reads a JSON string token (quotes included). Plain ASCII without
// escapes, by far the usual case, is copied as it is; the rest goes through
// encoding/json, which also turns invalid UTF-8 into U+FFFD.
func unquote(tok []byte) (string, bool) {
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", false
	}
	if inner := tok[1 : len(tok)-1]; plainASCII(inner) {
		return string(inner), true
	}
	var s string
	if json.Unmarshal(tok, &s) != nil {
		return "", false
	}
	return s, true
}
