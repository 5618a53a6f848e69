package jsonview

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// wheelStep is how many lines one mouse-wheel notch scrolls.
const wheelStep = 3

// Update scrolls on the keys of m.Keys and the mouse wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	page := max(m.bodyHeight(), 1)
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.Keys.Up):
			m.ScrollBy(-1)
		case key.Matches(msg, m.Keys.Down):
			m.ScrollBy(1)
		case key.Matches(msg, m.Keys.PageUp):
			m.ScrollBy(-page)
		case key.Matches(msg, m.Keys.PageDown):
			m.ScrollBy(page)
		case key.Matches(msg, m.Keys.HalfPageUp):
			m.ScrollBy(-max(page/2, 1))
		case key.Matches(msg, m.Keys.HalfPageDown):
			m.ScrollBy(max(page/2, 1))
		case key.Matches(msg, m.Keys.Top):
			m.GotoTop()
		case key.Matches(msg, m.Keys.Bottom):
			m.GotoBottom()
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.ScrollBy(-wheelStep)
		case tea.MouseButtonWheelDown:
			m.ScrollBy(wheelStep)
		}
	}
	return m, nil
}
