package themes

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Painter applies one style to a whole single-line string by wrapping it in the
// style's escape sequences, computed once. lipgloss Render costs microseconds
// per call (per rune with underline); a Painter costs a string concatenation.
//
// The sequences depend on the colour profile and background in effect when
// the Painter is made, so make Painters again after changing either (the
// table and JSON view do so in SetTheme).
type Painter struct {
	pre, suf string
	style    lipgloss.Style
	slow     bool // style adds visible content (padding, border, width): use Render
}

// NewPainter captures s's escape sequences by rendering a one-rune sentinel.
func NewPainter(s lipgloss.Style) Painter {
	const sentinel = "X" // never part of an escape sequence (those are digits, ';', '[' and 'm')
	out := s.Render(sentinel)
	i := strings.Index(out, sentinel)
	if i < 0 || strings.Contains(out, "\n") {
		return Painter{style: s, slow: true}
	}
	pre, suf := out[:i], out[i+len(sentinel):]
	if ansi.StringWidth(pre) != 0 || ansi.StringWidth(suf) != 0 {
		return Painter{style: s, slow: true}
	}
	return Painter{pre: pre, suf: suf}
}

// Paint returns line in the painter's style. line must be a single line.
func (p Painter) Paint(line string) string {
	if p.slow {
		return p.style.Render(line)
	}
	if p.pre == "" && p.suf == "" {
		return line
	}
	return p.pre + line + p.suf
}

// Prefix and Suffix are the escape sequences Paint wraps around a line (empty
// when the style emits none, or when the style is painted with Render).
func (p Painter) Prefix() string { return p.pre }

// Suffix: see Prefix.
func (p Painter) Suffix() string { return p.suf }
