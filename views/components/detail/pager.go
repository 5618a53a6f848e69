package detail

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// pager shows a window of pre-rendered lines and scrolls it.
type pager struct {
	lines  []string
	offset int
	height int
}

func (p *pager) setLines(lines []string) {
	p.lines = lines
	p.clamp()
}

func (p *pager) setHeight(h int) {
	p.height = max(h, 0)
	p.clamp()
}

func (p *pager) scroll(n int) {
	p.offset += n
	p.clamp()
}

func (p *pager) top()    { p.offset = 0 }
func (p *pager) bottom() { p.offset = len(p.lines); p.clamp() }

func (p *pager) clamp() {
	p.offset = min(p.offset, len(p.lines)-p.height)
	p.offset = max(p.offset, 0)
}

// handle scrolls for the pager's keys and the mouse wheel; it reports whether
// msg was one of them.
func (p *pager) handle(msg tea.Msg, km keyMap) bool {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case km.Down.Matches(msg):
			p.scroll(1)
		case km.Up.Matches(msg):
			p.scroll(-1)
		case km.PageDown.Matches(msg):
			p.scroll(max(p.height-1, 1))
		case km.PageUp.Matches(msg):
			p.scroll(-max(p.height-1, 1))
		case km.Top.Matches(msg):
			p.top()
		case km.Bottom.Matches(msg):
			p.bottom()
		default:
			return false
		}
		return true
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelDown:
			p.scroll(3)
		case tea.MouseButtonWheelUp:
			p.scroll(-3)
		default:
			return false
		}
		return true
	}
	return false
}

// view returns exactly height lines (padding with blanks).
func (p *pager) view() string {
	if p.height == 0 {
		return ""
	}
	end := min(p.offset+p.height, len(p.lines))
	var b strings.Builder
	n := 0
	for i := p.offset; i < end; i++ {
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.lines[i])
		n++
	}
	for ; n < p.height; n++ {
		if n > 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// position describes the scroll state, e.g. "12–40 of 58", "" when all fits.
func (p *pager) position() string {
	if len(p.lines) <= p.height {
		return ""
	}
	end := min(p.offset+p.height, len(p.lines))
	return strconv.Itoa(p.offset+1) + "–" + strconv.Itoa(end) + " of " + strconv.Itoa(len(p.lines))
}
