package client

import (
	"bytes"
	"unique"
)

// interner keeps one copy of each string that repeats across a list
// answer: resource ids in targets and report descriptors, program ids,
// names, enum values. 100,000 events naming 15 of the same vehicles each
// then hold 100,000 ids, not 3 million. Lookups by an answer's bytes cost
// no allocation; unique.Make shares the copies across answers (and with
// the resource list's own ids). A nil interner still shares through
// unique.Make.
type interner struct {
	seen map[string]string
}

func newInterner() *interner { return &interner{seen: map[string]string{}} }

// token interns the JSON string tok (quotes included) when it is plain
// ASCII without escapes; ok is false otherwise (the caller unquotes).
func (in *interner) token(tok []byte) (string, bool) {
	tok = bytes.TrimSpace(tok)
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", false
	}
	inner := tok[1 : len(tok)-1]
	for _, c := range inner {
		if c < 0x20 || c == '\\' || c == '"' || c >= 0x80 {
			return "", false
		}
	}
	if in != nil {
		if s, ok := in.seen[string(inner)]; ok {
			return s, true
		}
	}
	return in.keep(string(inner)), true
}

// str interns s.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if in != nil {
		if kept, ok := in.seen[s]; ok {
			return kept
		}
	}
	return in.keep(s)
}

func (in *interner) keep(s string) string {
	s = unique.Make(s).Value()
	if in != nil {
		in.seen[s] = s
	}
	return s
}
