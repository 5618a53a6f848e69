package present

import (
	"encoding/json"
	"strings"
	"unicode"

	"github.com/ecdash/ecdash/client"
)

// invalidCell bounds what a table cell shows of an undecodable value.
const invalidCell = 24

// Checked is text, unless a problem concerns field (client.ProblemFor):
// then the value as the server sent it, marked (see Invalid), so a cell
// never shows a value the client could not decode as if it were one.
func Checked(problems []client.FieldProblem, field, text string) string {
	if p, ok := client.ProblemFor(problems, field); ok {
		return Invalid(p, invalidCell)
	}
	return text
}

// Invalid shows a value that could not be decoded: "!" and what was sent,
// shortened to limit runes (0: whole), so the rest of a row stays readable.
func Invalid(p client.FieldProblem, limit int) string {
	raw := strings.TrimSpace(string(p.Raw))
	var s string
	if json.Unmarshal(p.Raw, &s) != nil {
		s = raw
	}
	if s == "" {
		s = "?"
	}
	s = Sanitize(s)
	if r := []rune(s); limit > 0 && len(r) > limit {
		s = string(r[:limit-1]) + "…"
	}
	return "!" + s
}

// InvalidDetail is the long form for a detail view: the value as sent and
// why it could not be read, e.g. `!"2 hours" (not a duration: "2 hours")`.
func InvalidDetail(p client.FieldProblem) string {
	raw := Sanitize(strings.Join(strings.Fields(string(p.Raw)), " "))
	if raw == "" {
		raw = "?"
	}
	return "!" + raw + " (" + Sanitize(p.Message) + ")"
}

// Sanitize makes server-supplied text safe for a terminal: control
// characters (tabs and newlines would break a table; ESC sequences could
// drive the terminal) become U+FFFD.
func Sanitize(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// HideSecrets returns problems with the value of every problem that
// concerns one of secretFields replaced by a mask: a secret the client
// could not decode is still a secret, and its raw form must not be shown.
func HideSecrets(problems []client.FieldProblem, secretFields ...string) []client.FieldProblem {
	out := make([]client.FieldProblem, len(problems))
	for i, p := range problems {
		for _, f := range secretFields {
			if client.HasProblem([]client.FieldProblem{p}, f) {
				p.Raw = []byte(`"` + client.MaskSecret("hidden-value") + `"`)
				p.Message = "invalid (value hidden)"
			}
		}
		out[i] = p
	}
	return out
}
