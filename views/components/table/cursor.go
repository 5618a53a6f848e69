package table

// bodyHeight is the number of row lines under the header.
func (m Model) bodyHeight() int { return max(m.height-1, 0) }

// Cursor returns the cursor's index in the filtered, sorted view.
func (m Model) Cursor() int { return m.cursor }

// Offset returns the index in the view of the first visible row.
func (m Model) Offset() int { return m.offset }

// MoveCursor moves the cursor by delta rows, scrolling to keep it visible.
func (m *Model) MoveCursor(delta int) {
	m.cursor = clamp(m.cursor+delta, 0, len(m.view)-1)
	m.scrollToCursor()
}

// GotoTop moves the cursor to the first row.
func (m *Model) GotoTop() { m.cursor = 0; m.scrollToCursor() }

// GotoBottom moves the cursor to the last row.
func (m *Model) GotoBottom() { m.cursor = max(len(m.view)-1, 0); m.scrollToCursor() }

// PageDown moves the cursor and the window one page down.
func (m *Model) PageDown() { m.page(1) }

// PageUp moves the cursor and the window one page up.
func (m *Model) PageUp() { m.page(-1) }

func (m *Model) page(dir int) {
	step := max(m.bodyHeight(), 1) * dir
	m.offset += step
	m.cursor = clamp(m.cursor+step, 0, len(m.view)-1)
	m.scrollToCursor()
}

// scrollToCursor moves the window as little as possible to show the cursor,
// and never leaves blank lines below the last row while rows are hidden above.
func (m *Model) scrollToCursor() {
	h := m.bodyHeight()
	n := len(m.view)
	m.cursor = clamp(m.cursor, 0, n-1)
	if h == 0 {
		m.offset = m.cursor
		return
	}
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = clamp(m.offset, 0, n-h)
}

// ClickRow selects the row at line y of the table (0 is the header) and
// reports whether there was a row there.
func (m *Model) ClickRow(y int) bool {
	if y < 1 || y > m.bodyHeight() {
		return false
	}
	pos := m.offset + y - 1
	if pos >= len(m.view) {
		return false
	}
	m.cursor = pos
	m.scrollToCursor()
	return true
}

// ClickHeader puts the column cursor on the column at cell x of the header
// and sorts by it (again: flips the direction); false if x is not on a column.
func (m *Model) ClickHeader(x int) bool {
	col := m.columnAt(x)
	if col < 0 {
		return false
	}
	m.colCursor = col
	m.SortByColumnCursor()
	return true
}

// columnAt returns the column covering cell x, or -1.
func (m Model) columnAt(x int) int {
	left := m.gutterW
	for _, s := range m.slots {
		if x >= left && x < left+s.width {
			return s.col
		}
		left += s.width + gap
	}
	return -1
}
