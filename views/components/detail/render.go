package detail

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/themes"
)

const (
	indentWidth   = 2
	maxLabelWidth = 24
)

// painters are the styles a Doc is drawn with, made once per theme.
type painters struct {
	section, label, value, invalid, muted themes.Painter
}

func newPainters(th *themes.Theme) painters {
	return painters{
		section: themes.NewPainter(th.Title),
		label:   themes.NewPainter(th.Muted),
		value:   themes.NewPainter(th.Text),
		invalid: themes.NewPainter(th.Error),
		muted:   themes.NewPainter(th.Muted),
	}
}

// render lays d out at width: labels aligned per indent level, long values
// wrapped under their value column, every line at most width cells wide.
func (d Doc) render(width int, p painters) []string {
	if width < 1 {
		width = 1
	}
	labelW := map[int]int{}
	for _, l := range d.lines {
		if l.kind == lineField {
			w := ansi.StringWidth(l.label) + 1 // the colon
			if w > maxLabelWidth {
				w = maxLabelWidth
			}
			if w > labelW[l.indent] {
				labelW[l.indent] = w
			}
		}
	}
	out := make([]string, 0, len(d.lines))
	for i, l := range d.lines {
		pad := strings.Repeat(" ", l.indent*indentWidth)
		switch l.kind {
		case lineSection:
			if i > 0 {
				out = append(out, "")
			}
			out = append(out, p.section.Paint(ansi.Truncate(pad+l.label, width, "…")))
		case lineText:
			pt := p.value
			if l.muted {
				pt = p.muted
			}
			for _, w := range wrap(l.value, width) {
				out = append(out, pt.Paint(w))
			}
		case lineItem:
			prefix := pad + "- "
			out = append(out, hanging(prefix, l.value, width, p.value, p.value)...)
		case lineField:
			lw := labelW[l.indent]
			label := ansi.Truncate(l.label+":", lw, "…")
			label += strings.Repeat(" ", lw-ansi.StringWidth(label)) + " "
			vp := p.value
			if l.invalid {
				vp = p.invalid
			}
			out = append(out, hanging(pad+label, l.value, width, p.label, vp)...)
		}
	}
	return out
}

// hanging renders prefix followed by value wrapped so continuation lines
// start under the value. When the prefix leaves too little room, the value
// goes on its own lines.
func hanging(prefix, value string, width int, pp, vp themes.Painter) []string {
	pw := ansi.StringWidth(prefix)
	room := width - pw
	if room < 8 {
		out := []string{pp.Paint(ansi.Truncate(prefix, width, "…"))}
		for _, w := range wrap(value, width) {
			out = append(out, vp.Paint(w))
		}
		return out
	}
	lines := wrap(value, room)
	out := make([]string, len(lines))
	blank := strings.Repeat(" ", pw)
	for i, w := range lines {
		if i == 0 {
			out[i] = pp.Paint(prefix) + vp.Paint(w)
		} else {
			out[i] = blank + vp.Paint(w)
		}
	}
	return out
}

// wrap breaks plain text into lines of at most width cells, at spaces where
// possible and mid-word otherwise.
func wrap(s string, width int) []string {
	if s == "" {
		return []string{""}
	}
	if ansi.StringWidth(s) <= width {
		return []string{s}
	}
	// Wordwrap breaks at the breakpoints; Hardwrap then cuts any word still
	// longer than the line (a URL, an id).
	lines := strings.Split(ansi.Hardwrap(ansi.Wordwrap(s, width, " ,/"), width, true), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}
