package jsonview

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// View renders exactly Height lines of exactly Width cells: the error line
// first when the document is not JSON, then the visible document lines, cut
// at the width with "…".
func (m Model) View() string {
	if m.height <= 0 {
		return ""
	}
	if m.paint == nil { // a zero Model, not made by New
		m.SetTheme(nil)
	}
	var b strings.Builder
	b.Grow(m.height * (m.width + 24))
	n := 0
	if m.err != nil {
		b.WriteString(m.paint.err.Paint(fitPlain(defuse(m.err.Error()), m.width)))
		n++
	}
	blank := ""
	for i := m.offset; n < m.height; i, n = i+1, n+1 {
		if n > 0 {
			b.WriteByte('\n')
		}
		if i < len(m.lines) {
			b.WriteString(m.render(i))
			continue
		}
		if blank == "" {
			blank = strings.Repeat(" ", m.width)
		}
		b.WriteString(blank)
	}
	return b.String()
}

// render returns document line i coloured and fitted, from the cache if it can.
func (m Model) render(i int) string {
	c := m.cache
	if c == nil || c.width != m.width || len(c.lines) != len(m.lines) {
		return m.colour(m.lines[i])
	}
	if !c.done[i] {
		c.lines[i], c.done[i] = m.colour(m.lines[i]), true
	}
	return c.lines[i]
}

// colour paints each segment with its class's style and fits the line to the width.
func (m Model) colour(l line) string {
	if m.width <= 0 {
		return ""
	}
	var b strings.Builder
	indent := min(l.depth*indentWidth, m.width+1) // deeper than the screen: the rest is cut anyway
	b.WriteString(strings.Repeat(" ", indent))
	w := indent
	for _, s := range l.segs {
		b.WriteString(m.paint.cls[s.cls].Paint(s.text))
		if w += ansi.StringWidth(s.text); w > m.width {
			break // the rest would be cut
		}
	}
	return fitStyled(b.String(), m.width)
}

// fitStyled cuts or pads s to exactly w cells, measuring the whole line:
// widths of pieces don't always add up (a cut wide rune leaves a cell free,
// a grapheme cluster can span two pieces).
func fitStyled(s string, w int) string {
	for range 3 { // padding can shift a cluster boundary once; then it is stable
		sw := ansi.StringWidth(s)
		switch {
		case sw == w:
			return s
		case sw > w:
			s = ansi.Truncate(s, w, "…")
		default:
			s += strings.Repeat(" ", w-sw)
		}
	}
	return s
}

// fitPlain pads or cuts an unstyled string to exactly w cells.
func fitPlain(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return fitStyled(s, w)
}
