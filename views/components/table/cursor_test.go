package table

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestCursorStaysVisibleWhileMoving(t *testing.T) {
	m := newTable(t, 100, 30, 6) // 5 visible rows
	steps := []struct {
		name               string
		do                 func(*Model)
		cursor, wantOffset int
	}{
		{"start", func(*Model) {}, 0, 0},
		{"down within window", func(m *Model) { m.MoveCursor(4) }, 4, 0},
		{"down past window scrolls one", func(m *Model) { m.MoveCursor(1) }, 5, 1},
		{"up inside window keeps offset", func(m *Model) { m.MoveCursor(-3) }, 2, 1},
		{"up past window scrolls", func(m *Model) { m.MoveCursor(-2) }, 0, 0},
		{"up at top clamps", func(m *Model) { m.MoveCursor(-1) }, 0, 0},
		{"page down moves a page", func(m *Model) { m.PageDown() }, 5, 5},
		{"page down again", func(m *Model) { m.PageDown() }, 10, 10},
		{"page up", func(m *Model) { m.PageUp() }, 5, 5},
		{"bottom shows a full last page", func(m *Model) { m.GotoBottom() }, 99, 95},
		{"down at bottom clamps", func(m *Model) { m.MoveCursor(1) }, 99, 95},
		{"page down at bottom", func(m *Model) { m.PageDown() }, 99, 95},
		{"top", func(m *Model) { m.GotoTop() }, 0, 0},
		{"page up at top", func(m *Model) { m.PageUp() }, 0, 0},
	}
	for _, s := range steps {
		s.do(&m)
		if m.Cursor() != s.cursor || m.Offset() != s.wantOffset {
			t.Fatalf("%s: cursor %d offset %d, want %d %d", s.name, m.Cursor(), m.Offset(), s.cursor, s.wantOffset)
		}
	}
}

func TestResizeKeepsCursorVisible(t *testing.T) {
	m := newTable(t, 100, 30, 21)
	m.MoveCursor(19) // last visible row of 20
	m.SetSize(30, 6)
	if m.Cursor() != 19 || m.Offset() != 15 {
		t.Fatalf("after shrinking: cursor %d offset %d, want 19 15", m.Cursor(), m.Offset())
	}
	m.GotoBottom()
	m.SetSize(30, 51) // taller than the rows left below the offset: pull the window up
	if m.Offset() != 50 {
		t.Fatalf("after growing at the bottom: offset %d, want 50", m.Offset())
	}
}

func TestCursorOnEmptyAndTinyTables(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	m.MoveCursor(3)
	m.PageDown()
	m.GotoBottom()
	if m.Cursor() != 0 || m.Offset() != 0 {
		t.Fatalf("empty: cursor %d offset %d", m.Cursor(), m.Offset())
	}
	if _, ok := m.Selected(); ok {
		t.Fatal("empty table has a selection")
	}
	m = newTable(t, 10, 30, 1) // header only
	m.MoveCursor(4)
	if m.Cursor() != 4 {
		t.Fatalf("header-only table: cursor %d", m.Cursor())
	}
}

func TestUpdateKeys(t *testing.T) {
	m := newTable(t, 50, 30, 11)
	press := func(k string) {
		var msg tea.KeyMsg
		switch k {
		case "down", "up", "pgdown", "pgup", "home", "end", "left", "right":
			types := map[string]tea.KeyType{"down": tea.KeyDown, "up": tea.KeyUp, "pgdown": tea.KeyPgDown,
				"pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd, "left": tea.KeyLeft, "right": tea.KeyRight}
			msg = tea.KeyMsg{Type: types[k]}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		m, _ = m.Update(msg)
	}
	for _, c := range []struct {
		key  string
		want int
	}{{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"pgdown", 10}, {"pgup", 0}, {"G", 49}, {"g", 0}, {"end", 49}, {"home", 0}, {"x", 0}} {
		press(c.key)
		if m.Cursor() != c.want {
			t.Fatalf("after %q: cursor %d, want %d", c.key, m.Cursor(), c.want)
		}
	}
	press("right")
	press("l")
	if m.ColumnCursor() != 2 {
		t.Fatalf("column cursor %d, want 2", m.ColumnCursor())
	}
	press("right") // past the last column: stays
	press("h")
	if m.ColumnCursor() != 1 {
		t.Fatalf("column cursor %d, want 1", m.ColumnCursor())
	}
}

func TestMouse(t *testing.T) {
	m := newTable(t, 50, 30, 11)
	m.SetOrigin(2, 5) // table drawn at column 2, line 5 of the screen
	mouse := func(x, y int, b tea.MouseButton) {
		m, _ = m.Update(tea.MouseMsg{X: x, Y: y, Button: b, Action: tea.MouseActionPress})
	}
	mouse(10, 5+3, tea.MouseButtonLeft) // third row line
	if m.Cursor() != 2 {
		t.Fatalf("click on row line 3: cursor %d, want 2", m.Cursor())
	}
	mouse(10, 5+20, tea.MouseButtonLeft) // below the table: ignored
	if m.Cursor() != 2 {
		t.Fatalf("click below the table moved the cursor to %d", m.Cursor())
	}
	mouse(0, 0, tea.MouseButtonWheelDown)
	if m.Cursor() != 2+wheelStep {
		t.Fatalf("wheel down: cursor %d", m.Cursor())
	}
	mouse(0, 0, tea.MouseButtonWheelUp)
	if m.Cursor() != 2 {
		t.Fatalf("wheel up: cursor %d", m.Cursor())
	}
	// Header click: gutter 1, ID 6 wide, gap, Brand starts at cell 8 of the table.
	mouse(2+8, 5, tea.MouseButtonLeft)
	if col, desc := m.Sort(); col != 1 || desc || m.ColumnCursor() != 1 {
		t.Fatalf("header click: sort %d %v, column cursor %d", col, desc, m.ColumnCursor())
	}
	mouse(2+8, 5, tea.MouseButtonLeft)
	if col, desc := m.Sort(); col != 1 || !desc {
		t.Fatalf("second header click: sort %d %v, want 1 desc", col, desc)
	}
	if m.ClickHeader(7) { // the gap between ID and Brand
		t.Fatal("a click on the gap between columns sorted something")
	}
}

func TestClickRowBounds(t *testing.T) {
	m := newTable(t, 3, 30, 10)
	for _, y := range []int{-1, 0, 4, 9, 10} {
		if m.ClickRow(y) {
			t.Errorf("ClickRow(%d) found a row", y)
		}
	}
	if !m.ClickRow(3) || m.Cursor() != 2 {
		t.Fatalf("ClickRow(3): cursor %d", m.Cursor())
	}
}
