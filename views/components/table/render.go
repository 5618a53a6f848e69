package table

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/ecdash/ecdash/themes"
)

// painters are the theme's styles turned into escape-sequence wrappers,
// rebuilt on SetTheme.
type painters struct {
	row    [2][markCount]themes.Painter // [selected][mark]
	header [2][2]themes.Painter         // [sorted][under the column cursor]
	muted  themes.Painter
}

func newPainters(th *themes.Theme) *painters {
	p := &painters{muted: themes.NewPainter(th.Muted)}
	styles := [markCount]lipgloss.Style{th.Text, th.Changed, th.New, th.Deleted, th.Danger, th.Muted}
	for mk := range styles {
		p.row[0][mk] = themes.NewPainter(styles[mk])
		// The cursor row keeps the mark's attributes where Selected sets none.
		p.row[1][mk] = themes.NewPainter(th.Selected.Inherit(styles[mk]))
	}
	p.header[0][0] = themes.NewPainter(th.Header)
	p.header[0][1] = themes.NewPainter(th.Header.Underline(true))
	p.header[1][0] = themes.NewPainter(th.HeaderSorted)
	p.header[1][1] = themes.NewPainter(th.HeaderSorted.Underline(true))
	return p
}

// isASCII reports whether s is printable ASCII, where a byte is a cell: the
// common case (ids, VINs, numbers), measured without grapheme segmentation.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// fit pads or truncates s to exactly w cells.
func fit(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	var sw int
	if isASCII(s) {
		if len(s) > w {
			return s[:w-1] + "…"
		}
		sw = len(s)
	} else {
		sw = ansi.StringWidth(s)
		if sw > w {
			s = ansi.Truncate(s, w, "…")
			sw = ansi.StringWidth(s)
		}
	}
	if sw == w {
		return s
	}
	if right {
		return strings.Repeat(" ", w-sw) + s
	}
	return s + strings.Repeat(" ", w-sw)
}

// renderRow lays out one row as a single line of exactly m.width cells and
// paints it with one style.
func (m Model) renderRow(e *entry, cells []string, selected bool) string {
	var b strings.Builder
	b.Grow(m.width + 16)
	mark := e.Mark
	if mark < 0 || mark >= markCount {
		mark = MarkNone
	}
	if m.gutterW > 0 {
		if selected {
			b.WriteByte('>')
		} else {
			b.WriteString(symbols[mark])
		}
	}
	ascii := true
	for i, s := range m.slots {
		if i > 0 {
			b.WriteByte(' ')
		}
		cell := ""
		if s.col < len(cells) {
			cell = clean(cells[s.col])
		}
		ascii = ascii && isASCII(cell)
		b.WriteString(fit(cell, s.width, m.cols[s.col].Right))
	}
	used := m.gutterW
	for i, s := range m.slots {
		used += s.width + min(i, 1)*gap
	}
	line := b.String()
	if ascii && used <= m.width {
		// Every cell was measured exactly: only the right edge needs padding.
		line += strings.Repeat(" ", m.width-used)
	} else {
		// Grapheme clusters can make the whole differ from the sum of its cells.
		line = fit(line, m.width, false)
	}
	sel := 0
	if selected {
		sel = 1
	}
	return m.paint.row[sel][mark].Paint(line)
}
