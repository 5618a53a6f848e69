package jsonview

import (
	"github.com/ecdash/ecdash/themes"
)

// Model is a scrollable, coloured JSON document. Setters take a pointer;
// Update and View follow the Bubble Tea convention of values.
type Model struct {
	Keys KeyMap // bindings Update handles

	paint  *painters
	lines  []line
	err    error
	width  int
	height int
	offset int
	cache  *lineCache
}

// painters are the theme's JSON styles as escape-sequence wrappers.
type painters struct {
	cls [clsCount]themes.Painter
	err themes.Painter
}

// New returns an empty view with the given theme (nil: the default theme).
func New(th *themes.Theme) Model {
	m := Model{Keys: DefaultKeyMap()}
	m.SetTheme(th)
	return m
}

// SetTheme switches the theme (live).
func (m *Model) SetTheme(th *themes.Theme) {
	if th == nil {
		th = themes.Default()
	}
	p := &painters{err: themes.NewPainter(th.Error)}
	p.cls[clsPunct] = themes.NewPainter(th.JSONPunct)
	p.cls[clsKey] = themes.NewPainter(th.JSONKey)
	p.cls[clsString] = themes.NewPainter(th.JSONString)
	p.cls[clsNumber] = themes.NewPainter(th.JSONNumber)
	p.cls[clsBool] = themes.NewPainter(th.JSONBool)
	p.cls[clsNull] = themes.NewPainter(th.JSONNull)
	p.cls[clsPlain] = themes.NewPainter(th.Text)
	// clsSpace keeps the zero Painter: it paints nothing.
	m.paint = p
	m.cache = newLineCache(m.width, len(m.lines))
}

// SetJSON shows raw, pretty-printed. Invalid JSON is shown as plain text
// under an error line (see Err). The scroll position is kept (clamped), so a
// refresh of the same object does not jump back to the top.
func (m *Model) SetJSON(raw []byte) {
	m.lines, m.err = format(raw)
	m.cache = newLineCache(m.width, len(m.lines))
	m.clampOffset()
}

// Err returns why the document is not valid JSON, or nil.
func (m Model) Err() error { return m.err }

// SetSize sets the size in cells.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.cache = newLineCache(m.width, len(m.lines))
	m.clampOffset()
}

// LineCount returns the number of document lines (without the error line).
func (m Model) LineCount() int { return len(m.lines) }

// Offset returns the first document line shown.
func (m Model) Offset() int { return m.offset }

// ScrollBy scrolls delta lines (negative: up).
func (m *Model) ScrollBy(delta int) {
	m.offset += delta
	m.clampOffset()
}

// GotoTop scrolls to the first line.
func (m *Model) GotoTop() { m.offset = 0 }

// GotoBottom scrolls so the last line is at the bottom.
func (m *Model) GotoBottom() { m.offset = len(m.lines); m.clampOffset() }

// bodyHeight is the number of lines available to the document: the error
// line, when there is one, takes the first.
func (m Model) bodyHeight() int {
	if m.err != nil {
		return max(m.height-1, 0)
	}
	return m.height
}

func (m *Model) clampOffset() {
	m.offset = max(0, min(m.offset, len(m.lines)-m.bodyHeight()))
}

// lineCache holds coloured lines fitted to one width; replaced whenever the
// document, width or theme changes.
type lineCache struct {
	width int
	lines []string
	done  []bool
}

func newLineCache(width, n int) *lineCache {
	return &lineCache{width: width, lines: make([]string, n), done: make([]bool, n)}
}
