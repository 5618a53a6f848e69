package jsonview

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// class is a token's syntax class; each has a theme style.
type class uint8

const (
	clsPunct class = iota
	clsKey
	clsString
	clsNumber
	clsBool
	clsNull
	clsPlain // the text of invalid input
	clsSpace // the space after ':', never styled
	clsCount
)

// seg is a run of text of one class.
type seg struct {
	cls  class
	text string
}

// line is one output line: indentation depth and segments.
type line struct {
	depth int
	segs  []seg
}

// indentWidth is the number of spaces per nesting level.
const indentWidth = 2

// format pretty-prints raw. For invalid JSON it returns the input's own lines
// as plain text and an error that says where parsing failed.
func format(raw []byte) ([]line, error) {
	if !json.Valid(raw) {
		return plainLines(raw), syntaxError(raw)
	}
	return pretty(raw), nil
}

// pretty lays out a document already known to be valid JSON. Tokens are
// slices of the input, so numbers and strings keep their exact text.
func pretty(raw []byte) []line {
	s := string(raw)
	var (
		out       []line
		cur       line
		inObject  []bool // one entry per open container: true for {}
		expectKey bool
	)
	newline := func(depth int) {
		out = append(out, cur)
		cur = line{depth: depth}
	}
	emit := func(c class, text string) { cur.segs = append(cur.segs, seg{c, text}) }
	nextNonSpace := func(i int) int {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		return i
	}
	for i := nextNonSpace(0); i < len(s); i = nextNonSpace(i) {
		switch c := s[i]; c {
		case '{', '[':
			closer := byte('}')
			if c == '[' {
				closer = ']'
			}
			if j := nextNonSpace(i + 1); j < len(s) && s[j] == closer {
				emit(clsPunct, string(c)+string(closer)) // empty container stays on one line
				i = j + 1
				continue
			}
			emit(clsPunct, string(c))
			inObject = append(inObject, c == '{')
			expectKey = c == '{'
			newline(len(inObject))
			i++
		case '}', ']':
			inObject = inObject[:len(inObject)-1]
			newline(len(inObject))
			emit(clsPunct, string(c))
			i++
		case ',':
			emit(clsPunct, ",")
			expectKey = inObject[len(inObject)-1]
			newline(len(inObject))
			i++
		case ':':
			emit(clsPunct, ":")
			emit(clsSpace, " ")
			expectKey = false
			i++
		case '"':
			j := stringEnd(s, i)
			cls := clsString
			if expectKey {
				cls = clsKey
			}
			emit(cls, defuse(s[i:j])) // JSON allows raw DEL and C1 controls in strings
			i = j
		case 't', 'f', 'n':
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			cls := clsBool
			if c == 'n' {
				cls = clsNull
			}
			emit(cls, s[i:j])
			i = j
		default: // a number
			j := i
			for j < len(s) && strings.IndexByte("+-.0123456789eE", s[j]) >= 0 {
				j++
			}
			emit(clsNumber, s[i:j])
			i = j
		}
	}
	return append(out, cur)
}

// stringEnd returns the index just past the string literal starting at s[i].
func stringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(s)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// syntaxError explains why raw is not JSON, with the line and column.
func syntaxError(raw []byte) error {
	var v json.RawMessage
	err := json.Unmarshal(raw, &v)
	if err == nil { // unreachable after json.Valid failed; keep a clear message anyway
		return errors.New("invalid JSON")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, the offending one included.
		ln, col := position(raw, int(se.Offset)-1)
		return fmt.Errorf("invalid JSON at line %d, column %d: %s", ln, col, se.Error())
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// position turns a byte offset into a 1-based line and column (in runes).
func position(raw []byte, off int) (ln, col int) {
	off = min(max(off, 0), len(raw))
	ln = 1 + strings.Count(string(raw[:off]), "\n")
	start := strings.LastIndexByte(string(raw[:off]), '\n') + 1
	return ln, utf8.RuneCount(raw[start:off]) + 1
}

// plainLines splits invalid input into display lines, defusing control
// characters so the text cannot drive the terminal.
func plainLines(raw []byte) []line {
	text := strings.ToValidUTF8(string(raw), "\uFFFD")
	parts := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	out := make([]line, len(parts))
	for i, p := range parts {
		out[i] = line{segs: []seg{{clsPlain, defuse(p)}}}
	}
	return out
}

// defuse shows tabs as spaces, and control and invisible format characters
// as '?': the former could drive the terminal, the latter (bidi overrides,
// prepended marks) reorder text or make widths disagree with the terminal.
// The zero-width joiner stays: emoji sequences need it.
func defuse(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			return '?'
		case r >= 0xad && r != zwj && unicode.Is(unicode.Cf, r):
			return '?'
		}
		return r
	}, s)
}

const zwj = '\u200d'
