package table

import (
	"slices"
	"strings"
)

// reindex recomputes the sort order (unless only the filter changed) and the
// filtered view, then puts the cursor back on the row it was on. It is the
// only O(rows) step, and runs on SetRows, SetFilter, SortBy, SetColumns —
// never on View or cursor moves.
func (m *Model) reindex(filterOnly bool) {
	prev, had := m.Selected()
	m.reindexKeeping(prev.Key, had, filterOnly)
}

func (m *Model) reindexKeeping(key string, had, filterOnly bool) {
	if !filterOnly {
		m.sortRows()
	}
	newLower := strings.ToLower(m.filter)
	m.applyFilter(newLower, filterOnly)
	m.filterLower = newLower

	pos := -1
	if had {
		pos = m.position(key)
	}
	switch {
	case pos >= 0:
		m.cursor = pos
	case filterOnly:
		m.cursor = 0 // the row left the filter: start from the best match
	default:
		m.cursor = clamp(m.cursor, 0, len(m.view)-1) // the row is gone: stay in place
	}
	m.scrollToCursor()
}

func (m *Model) sortRows() {
	m.order = make([]int32, len(m.rows)) // fresh: copies of the Model may still read the old one
	for i := range m.order {
		m.order[i] = int32(i)
	}
	if m.sortCol < 0 {
		return
	}
	// The keys are gathered first: comparing from a dense slice is far
	// cheaper than chasing each row. Ties fall back to the given order, so the
	// result is stable without the cost of a stable sort.
	keys := make([]string, len(m.rows))
	for i := range m.rows {
		keys[i] = m.rows[i].sortKey(m.sortCol)
	}
	sign := 1
	if m.sortDesc {
		sign = -1
	}
	slices.SortFunc(m.order, func(a, b int32) int {
		if c := strings.Compare(keys[a], keys[b]); c != 0 {
			return c * sign
		}
		return int(a - b)
	})
}

// applyFilter fills m.view in one pass. When the query only grew (the user is
// typing), it scans the rows already shown instead of all of them.
func (m *Model) applyFilter(lower string, filterOnly bool) {
	if lower == "" {
		m.view = m.order
		return
	}
	src := m.order
	if filterOnly && m.filterLower != "" && strings.Contains(lower, m.filterLower) {
		src = m.view
	}
	view := make([]int32, 0, min(len(src), 1024))
	for _, i := range src {
		if strings.Contains(m.rows[i].hay, lower) {
			view = append(view, i)
		}
	}
	m.view = view
}

// position returns the index in the view of the row with key, or -1.
func (m *Model) position(key string) int {
	idx, ok := m.byKey[key]
	if !ok {
		return -1
	}
	for pos, i := range m.view {
		if i == idx {
			return pos
		}
	}
	return -1
}
