package ui

import "strconv"

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

// TooSmallText is what the screen says below the minimum size.
func TooSmallText(w, h int) string {
	return "terminal too small: need " + strconv.Itoa(MinWidth) + "×" + strconv.Itoa(MinHeight) +
		", have " + strconv.Itoa(w) + "×" + strconv.Itoa(h)
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
