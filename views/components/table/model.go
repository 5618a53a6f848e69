package table

import (
	"github.com/ecdash/ecdash/themes"
)

// Model is the table. Setters take a pointer; Update and View follow the
// Bubble Tea convention of values. Copies share the render cache, which is
// safe because cached lines are keyed by globally unique row versions.
type Model struct {
	Keys KeyMap // bindings Update handles; change them before use if needed

	cols  []Column
	theme *themes.Theme
	paint *painters

	rows   []entry
	kept   []Row                        // the rows themselves, by index, when there is no source
	source func(key string) (Row, bool) // where rows come from (SetSource); nil: kept
	dead   int                          // deleted entries not yet compacted away
	byKey  map[string]int32             // key → index in rows
	order  []int32                      // every live row, in sort order
	view   []int32                      // order, filtered: what is shown

	newestFirst bool // unsorted (and ties): the last row added first

	epoch   uint64 // advanced by Tick when some column is Live
	hasLive bool

	filter    string
	query     query // the filter's words
	sortCol   int   // -1: the order rows were given in
	sortDesc  bool
	colCursor int

	cursor, offset   int // cursor and first visible row, as indices in view
	width, height    int
	originX, originY int // where the table sits on screen, for mouse events

	slots   []slot
	gutterW int
	cache   *rowCache
}

// New returns an empty table with the given columns and theme (nil: the default theme).
func New(cols []Column, th *themes.Theme) Model {
	m := Model{Keys: DefaultKeyMap(), sortCol: -1, byKey: map[string]int32{}}
	m.SetTheme(th)
	m.SetColumns(cols)
	return m
}

// SetTheme switches the theme (live): every cached row is dropped.
func (m *Model) SetTheme(th *themes.Theme) {
	if th == nil {
		th = themes.Default()
	}
	m.theme = th
	m.paint = newPainters(th)
	m.cache = newRowCache()
}

// SetColumns replaces the columns. Rows keep their cells; sort and column
// cursor are reset if they point past the new columns.
func (m *Model) SetColumns(cols []Column) {
	m.cols = append([]Column(nil), cols...)
	m.hasLive = false
	for _, c := range cols {
		m.hasLive = m.hasLive || c.Live
	}
	if m.sortCol >= len(cols) {
		m.sortCol, m.sortDesc = -1, false
		m.resort()
	}
	m.colCursor = clamp(m.colCursor, 0, max(len(cols)-1, 0))
	for i := range m.rows {
		if r, ok := m.row(int32(i)); ok && !m.rows[i].dead {
			m.rows[i].hay = haystack(r.Cells, m.cols)
		}
	}
	m.relayout()
	m.cache = newRowCache()
	m.reindex(false)
}

// SetSize sets the size in cells; height includes the header line.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.relayout()
	m.scrollToCursor()
}

// SetOrigin tells the table where its top-left cell is on screen, so Update
// can turn a mouse event's screen coordinates into a row or column.
func (m *Model) SetOrigin(x, y int) { m.originX, m.originY = x, y }

// Width and Height return the size set with SetSize.
func (m Model) Width() int { return m.width }

// Height: see Width.
func (m Model) Height() int { return m.height }

// Columns returns the columns.
func (m Model) Columns() []Column { return m.cols }

// SetFilter shows only rows whose cells contain query, ignoring case ("" clears).
// Only the columns' display text is searched, not Key or Sort.
func (m *Model) SetFilter(query string) {
	if query == m.filter {
		return
	}
	m.filter = query
	m.reindex(true)
}

// Filter returns the filter query.
func (m Model) Filter() string { return m.filter }

// SortBy sorts by column col (-1 or out of range: the order rows were given in).
func (m *Model) SortBy(col int, desc bool) {
	if col < 0 || col >= len(m.cols) {
		col, desc = -1, false
	}
	if col != m.sortCol {
		m.sortCol = col
		m.resort()
	}
	m.sortDesc = desc
	m.reindex(false)
}

// Sort returns the sorted column (-1: unsorted) and direction.
func (m Model) Sort() (col int, desc bool) { return m.sortCol, m.sortDesc }

// CycleSort steps through column 0 ascending, descending, column 1
// ascending, …, and back to unsorted after the last column.
func (m *Model) CycleSort() {
	switch {
	case m.sortCol < 0:
		m.SortBy(0, false)
	case !m.sortDesc:
		m.SortBy(m.sortCol, true)
	default:
		m.SortBy(m.sortCol+1, false) // past the last column: unsorted
	}
}

// MoveColumnCursor moves the column cursor over the columns shown.
func (m *Model) MoveColumnCursor(delta int) {
	if n := len(m.slots); n > 0 {
		m.colCursor = clamp(m.colCursor+delta, 0, n-1)
	}
}

// ColumnCursor returns the column under the column cursor.
func (m Model) ColumnCursor() int { return m.colCursor }

// SortByColumnCursor sorts by the column under the column cursor, or flips
// the direction when it is already the sorted column.
func (m *Model) SortByColumnCursor() {
	if m.colCursor >= len(m.cols) {
		return
	}
	if m.sortCol == m.colCursor {
		m.SortBy(m.colCursor, !m.sortDesc)
		return
	}
	m.SortBy(m.colCursor, false)
}

// Counts returns how many rows are shown (after the filter) and how many there are.
func (m Model) Counts() (shown, total int) { return len(m.view), len(m.rows) - m.dead }

// Tick says the clock moved: with Live columns, the rows on screen are
// drawn again from the source (and rows scrolled into view always are),
// so a countdown is current wherever it is read. It costs the rows on
// screen, at the next View.
func (m *Model) Tick() {
	if m.hasLive {
		m.epoch++
	}
}

// SetNewestFirst shows unsorted rows (and ties) newest first: the last
// added (SetRows' last, Upsert's new) on top.
func (m *Model) SetNewestFirst(on bool) {
	if m.newestFirst != on {
		m.newestFirst = on
		m.reindex(false)
	}
}

// Selected returns the row under the cursor.
func (m Model) Selected() (Row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return Row{}, false
	}
	idx := m.view[m.cursor]
	r, ok := m.row(idx)
	r.Key = m.rows[idx].Key
	return r, ok
}

// SelectKey moves the cursor to the row with key; false if it is not shown.
// Has reports whether a row has key, shown or hidden by the filter.
func (m *Model) Has(key string) bool {
	idx, ok := m.byKey[key]
	return ok && !m.rows[idx].dead
}

func (m *Model) SelectKey(key string) bool {
	pos := m.position(key)
	if pos < 0 {
		return false
	}
	m.cursor = pos
	m.scrollToCursor()
	return true
}

func (m *Model) relayout() {
	m.slots, m.gutterW = layout(m.cols, m.width)
	if len(m.slots) > 0 {
		m.colCursor = clamp(m.colCursor, 0, len(m.slots)-1)
	}
}

func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return max(lo, min(v, hi))
}
