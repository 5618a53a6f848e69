package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The smallest screen the dashboard draws; below it, tooSmallText.
const (
	MinWidth  = 60
	MinHeight = 15
)

// Rows of the layout: the tab bar on top, then the content, the prompt line
// and the status bar.
const (
	contentTop  = 1
	chromeLines = 3 // tab bar + prompt line + status bar
)

// TooSmallText is what the screen says below the minimum size, fitted to
// the w×h terminal it is shown in: on one line when it fits, else wrapped at
// words, then cut to h lines of at most w cells (at 1×1 a single "t").
func TooSmallText(w, h int) string {
	text := "terminal too small: need " + strconv.Itoa(MinWidth) + "×" + strconv.Itoa(MinHeight) +
		", have " + strconv.Itoa(w) + "×" + strconv.Itoa(h)
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(ansi.Wrap(text, w, ""), "\n")
	lines = lines[:min(len(lines), h)]
	for i, l := range lines {
		lines[i] = ansi.Truncate(strings.TrimRight(l, " "), w, "")
	}
	return strings.Join(lines, "\n")
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

func (m *Model) contentHeight() int { return max(m.height-chromeLines, 0) }

// resize hands every tab the content area; below the minimum the tabs keep
// their last good size (nothing is drawn from them until it is big enough).
func (m *Model) resize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	if m.tooSmall() {
		return
	}
	for _, t := range m.tabs {
		t.SetSize(m.width, m.contentHeight())
	}
	m.filter.Width = max(m.width-4, 1)
	m.palette.input.Width = max(m.width-4, 1)
}
