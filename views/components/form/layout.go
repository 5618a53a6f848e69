package form

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Layout limits, in cells.
const (
	maxInputWidth = 48
	minInputWidth = 8
	maxLabelWidth = 18
	// minBeside is the narrowest column a message is drawn in beside its
	// field; narrower, it goes on the lines below the field.
	minBeside = 24
)

// geometry is where the columns of a field row start, for one width.
type geometry struct {
	width  int
	labelW int // label column
	inputX int // where the input starts
	inputW int // input width, brackets included
	msgX   int // where a message beside the field starts (0: below instead)
}

func (m *Model) geometry() geometry {
	g := geometry{width: m.width}
	for _, in := range m.inputs {
		if in.Kind != Heading {
			g.labelW = max(g.labelW, ansi.StringWidth(in.Label))
		}
	}
	g.labelW = min(g.labelW, maxLabelWidth, max(m.width/4, 4))
	g.inputX = 2 + g.labelW + 1
	g.inputW = min(maxInputWidth, max(m.width-g.inputX-2-minBeside, minInputWidth))
	if x := g.inputX + g.inputW + 2; m.width-x >= minBeside {
		g.msgX = x
	}
	return g
}

// pad fits s (which may hold escape sequences) to exactly w cells.
func pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
}

// wrap breaks plain text into lines of at most w cells (at least one line).
func wrap(s string, w int) []string {
	if w < 1 {
		return []string{s}
	}
	return strings.Split(ansi.Wrap(s, w, ""), "\n")
}

// clean replaces control characters so a value from the server cannot
// drive the terminal.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}
