package table

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// wheelStep is how many rows one mouse-wheel notch moves the cursor.
const wheelStep = 3

// Update handles the cursor keys of m.Keys and the mouse: the wheel moves
// the cursor, a left click selects a row or sorts by a header column. Mouse
// coordinates are screen coordinates; see SetOrigin.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.Keys.Up):
			m.MoveCursor(-1)
		case key.Matches(msg, m.Keys.Down):
			m.MoveCursor(1)
		case key.Matches(msg, m.Keys.PageUp):
			m.PageUp()
		case key.Matches(msg, m.Keys.PageDown):
			m.PageDown()
		case key.Matches(msg, m.Keys.Top):
			m.GotoTop()
		case key.Matches(msg, m.Keys.Bottom):
			m.GotoBottom()
		case key.Matches(msg, m.Keys.ColumnLeft):
			m.MoveColumnCursor(-1)
		case key.Matches(msg, m.Keys.ColumnRight):
			m.MoveColumnCursor(1)
		}
	case tea.MouseMsg:
		x, y := msg.X-m.originX, msg.Y-m.originY
		switch {
		case msg.Button == tea.MouseButtonWheelUp:
			m.MoveCursor(-wheelStep)
		case msg.Button == tea.MouseButtonWheelDown:
			m.MoveCursor(wheelStep)
		case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
			if y == 0 {
				m.ClickHeader(x)
			} else {
				m.ClickRow(y)
			}
		}
	}
	return m, nil
}
