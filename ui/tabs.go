package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/ecdash/ecdash/internal/state"
)

const brandText = " ecdash │"

// tabBarCache keeps the rendered tab bar and where each tab's label sits,
// until the active tab or the width changes (setTheme resets it).
type tabBarCache struct {
	valid  bool
	active state.Kind
	width  int
	line   string
	spans  [][2]int // [start, end) cells of each tab's label
}

func tabLabel(k state.Kind) string {
	return string(rune('1'+int(k))) + " " + k.String()
}

// tabBar renders the top line: the brand (when it fits) and the tab labels.
func (m *Model) tabBar() string {
	c := &m.tabCache
	if c.valid && c.active == m.active && c.width == m.width {
		return c.line
	}
	labels := make([]string, len(m.tabs))
	total := 0
	for i := range m.tabs {
		labels[i] = " " + tabLabel(state.Kind(i)) + " "
		total += ansi.StringWidth(labels[i]) + 1
	}
	var b strings.Builder
	x := 0
	if total+ansi.StringWidth(brandText) <= m.width {
		b.WriteString(m.styles.brand.Paint(brandText))
		x = ansi.StringWidth(brandText)
	}
	spans := make([][2]int, len(m.tabs))
	for i, l := range labels {
		b.WriteByte(' ')
		x++
		w := ansi.StringWidth(l)
		spans[i] = [2]int{x, x + w}
		if state.Kind(i) == m.active {
			b.WriteString(m.styles.tabActive.Paint(l))
		} else {
			b.WriteString(m.styles.tabInactive.Paint(l))
		}
		x += w
	}
	line := b.String()
	if x > m.width {
		line = ansi.Truncate(line, m.width, "…")
	}
	*c = tabBarCache{valid: true, active: m.active, width: m.width, line: line, spans: spans}
	return line
}

// tabAt returns the tab whose label covers cell x of the tab bar.
func (m *Model) tabAt(x int) (state.Kind, bool) {
	m.tabBar()
	for i, s := range m.tabCache.spans {
		if x >= s[0] && x < s[1] {
			return state.Kind(i), true
		}
	}
	return 0, false
}
