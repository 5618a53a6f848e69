package table

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Messages shown in place of rows.
const (
	emptyText   = "no rows"
	noMatchText = "no rows match filter"
)

// View renders exactly Height lines of exactly Width cells: the header, then
// the visible rows (or a message when there are none).
func (m Model) View() string {
	if m.height <= 0 {
		return ""
	}
	if m.paint == nil { // a zero Model, not made by New
		m.SetTheme(nil)
	}
	// Gather the lines first so the output is allocated once, at its exact size.
	var buf [64]string
	parts := buf[:0]
	parts = append(parts, m.header())
	body := m.bodyHeight()
	m.cache.fitLimit(body)
	var blank string
	for i := 0; i < body; i++ {
		pos := m.offset + i
		switch {
		case pos < len(m.view):
			parts = append(parts, m.line(pos))
		case i == 0:
			parts = append(parts, m.emptyMessage())
		default:
			if blank == "" {
				blank = strings.Repeat(" ", m.width)
			}
			parts = append(parts, blank)
		}
	}
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p)
	}
	return b.String()
}

// line returns the rendered row at view position pos, from the cache if it can.
func (m Model) line(pos int) string {
	idx := m.view[pos]
	e := &m.rows[idx]
	k := cacheKey{ver: e.ver, width: m.width, selected: pos == m.cursor, epoch: m.epoch}
	if s, ok := m.cache.get(k); ok {
		return s
	}
	r, _ := m.row(idx)
	s := m.renderRow(e, r.Cells, k.selected)
	m.cache.put(k, s)
	return s
}

func (m Model) emptyMessage() string {
	msg := emptyText
	if len(m.rows) > 0 {
		msg = noMatchText
	}
	return m.paint.muted.Paint(fit(strings.Repeat(" ", m.gutterW)+msg, m.width, false))
}

// header renders the column titles, the sort arrow on the sorted column and
// an underline under the column cursor; cached until one of those changes.
func (m Model) header() string {
	k := headerKey{width: m.width, sortCol: m.sortCol, colCursor: m.colCursor, sortDesc: m.sortDesc, valid: true}
	if m.cache.header == k {
		return m.cache.headerStr
	}
	plain := m.paint.header[0][0]
	var b strings.Builder
	used := m.gutterW
	pending := strings.Repeat(" ", m.gutterW) // unstyled-by-column text, painted in the header style
	for i, s := range m.slots {
		if i > 0 {
			pending += " "
			used++
		}
		sorted, under := 0, 0
		title := clean(m.cols[s.col].Title)
		if s.col == m.sortCol {
			sorted = 1
			title = withArrow(title, s.width, m.sortDesc)
		}
		if s.col == m.colCursor {
			under = 1
		}
		if pending != "" {
			b.WriteString(plain.Paint(pending))
			pending = ""
		}
		b.WriteString(m.paint.header[sorted][under].Paint(fit(title, s.width, m.cols[s.col].Right)))
		used += s.width
	}
	if rest := m.width - used; rest > 0 {
		pending += strings.Repeat(" ", rest)
	}
	if pending != "" {
		b.WriteString(plain.Paint(pending))
	}
	m.cache.header, m.cache.headerStr = k, b.String()
	return m.cache.headerStr
}

// withArrow appends ▲ (ascending) or ▼ to title, cutting the title rather
// than the arrow when the column is narrow.
func withArrow(title string, width int, desc bool) string {
	arrow := "▲"
	if desc {
		arrow = "▼"
	}
	tw := ansi.StringWidth(title)
	switch {
	case width <= 1:
		return arrow
	case tw+2 <= width:
		return title + " " + arrow
	case tw+1 <= width:
		return title + arrow
	}
	return ansi.Truncate(title, width-1, "…") + arrow
}
