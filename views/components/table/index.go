package table

import (
	"slices"
	"strings"
)

// The table keeps every live row's index in order (sorted) and in view
// (order, filtered). Rows compare by their sort key, then by the order
// they were added (newest first when SetNewestFirst), so every row has
// one place and finding it is a binary search.

// cmp orders entries a and b.
func (m *Model) cmp(a, b int32) int {
	return m.cmpWith(m.rows[a].sort, a, b)
}

// cmpWith orders entry a, were its sort key sort, against entry b.
func (m *Model) cmpWith(sort string, a, b int32) int {
	if m.sortCol >= 0 {
		if c := strings.Compare(sort, m.rows[b].sort); c != 0 {
			if m.sortDesc {
				return -c
			}
			return c
		}
	}
	switch {
	case a == b:
		return 0
	case (a < b) != m.newestFirst:
		return -1
	}
	return 1
}

// search returns where entry idx, with sort key sort, is or would go in s.
func (m *Model) search(s []int32, sort string, idx int32) int {
	pos, _ := slices.BinarySearchFunc(s, idx, func(e, target int32) int { return -m.cmpWith(sort, target, e) })
	return pos
}

// reindex recomputes the sort order (unless only the filter changed) and the
// filtered view, then puts the cursor back on the row it was on. It is the
// only full pass, and runs on SetRows, SetFilter, SortBy, SetColumns —
// never on View, cursor moves, Upsert or Delete.
func (m *Model) reindex(filterOnly bool) {
	prev, had := m.selectedKey()
	m.reindexKeeping(prev, had, filterOnly)
}

func (m *Model) reindexKeeping(key string, had, filterOnly bool) {
	if !filterOnly {
		m.sortRows()
	}
	q := newQuery(m.filter)
	m.applyFilter(q, filterOnly)
	m.query = q

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
	m.order = make([]int32, 0, len(m.rows)-m.dead) // fresh: copies of the Model may still read the old one
	for i := range m.rows {
		if !m.rows[i].dead {
			m.order = append(m.order, int32(i))
		}
	}
	slices.SortFunc(m.order, m.cmp)
}

// resort recomputes every row's sort key for the sorted column.
func (m *Model) resort() {
	for i := range m.rows {
		e := &m.rows[i]
		e.sort = ""
		if e.dead || m.sortCol < 0 {
			continue
		}
		if r, ok := m.row(int32(i)); ok {
			e.sort = r.sortKey(m.sortCol)
		}
	}
}

// applyFilter fills m.view in one pass. When the query only grew (the user is
// typing), it scans the rows already shown instead of all of them.
func (m *Model) applyFilter(q query, filterOnly bool) {
	if q.all() {
		m.view = m.order
		return
	}
	src := m.order
	if filterOnly && q.narrows(m.query) {
		src = m.view
	}
	view := make([]int32, 0, min(len(src), 1024))
	for _, i := range src {
		if q.matches(m.rows[i].hay) {
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
	pos := m.search(m.view, m.rows[idx].sort, idx)
	if pos < len(m.view) && m.view[pos] == idx {
		return pos
	}
	return -1
}

// move is one row whose place may change: new, deleted, or given a new
// sort key or search text (applied by place).
type move struct {
	idx             int32
	newSort, newHay string
	fresh, gone     bool
}

// place applies moves to the order and the view: one binary search each
// for a few, one merge pass for many.
func (m *Model) place(moves []move) {
	if len(moves) == 0 {
		return
	}
	if len(moves) > 32 {
		m.placeMany(moves)
		return
	}
	filtered := !m.query.all()
	for _, mv := range moves {
		e := &m.rows[mv.idx]
		oldSort, oldHay := e.sort, e.hay
		if !mv.gone {
			e.sort, e.hay = mv.newSort, mv.newHay
		}
		resorted := mv.fresh || mv.gone || oldSort != e.sort
		if resorted {
			if !mv.fresh {
				at := m.at(m.order, oldSort, mv.idx)
				m.order = slices.Delete(m.order, at, at+1)
			}
			if !mv.gone {
				m.order = slices.Insert(m.order, m.search(m.order, e.sort, mv.idx), mv.idx)
			}
		}
		if !filtered {
			continue
		}
		wasShown := !mv.fresh && m.query.matches(oldHay)
		isShown := !mv.gone && m.query.matches(e.hay)
		if wasShown && (resorted || !isShown) {
			at := m.at(m.view, oldSort, mv.idx)
			m.view = slices.Delete(m.view, at, at+1)
		}
		if isShown && (resorted || !wasShown) {
			m.view = slices.Insert(m.view, m.search(m.view, e.sort, mv.idx), mv.idx)
		}
	}
	if !filtered {
		m.view = m.order
	}
}

// at is the position of entry idx (sort key sort) in s, which holds it.
func (m *Model) at(s []int32, sort string, idx int32) int {
	pos := m.search(s, sort, idx)
	if pos >= len(s) || s[pos] != idx {
		// Not where its key says: the order was built from other keys. Find it the slow way.
		pos = slices.Index(s, idx)
	}
	return pos
}

// placeMany takes the moved rows out of the order and view in one pass
// and merges them back in sorted.
func (m *Model) placeMany(moves []move) {
	moved := make([]bool, len(m.rows))
	var back []int32
	for _, mv := range moves {
		moved[mv.idx] = true
		if !mv.gone {
			e := &m.rows[mv.idx]
			e.sort, e.hay = mv.newSort, mv.newHay
			back = append(back, mv.idx)
		}
	}
	slices.SortFunc(back, m.cmp)
	back = slices.Compact(back)
	m.order = m.merge(m.order, moved, back)
	if m.query.all() {
		m.view = m.order
		return
	}
	shown := back[:0:0]
	for _, i := range back {
		if m.query.matches(m.rows[i].hay) {
			shown = append(shown, i)
		}
	}
	m.view = m.merge(m.view, moved, shown)
}

// merge is s without the moved entries, merged with add (sorted): each
// of add is placed by a binary search, and the runs of s between them are
// copied whole.
func (m *Model) merge(s []int32, moved []bool, add []int32) []int32 {
	kept := make([]int32, 0, len(s))
	for _, i := range s {
		if !moved[i] {
			kept = append(kept, i)
		}
	}
	out := make([]int32, 0, len(kept)+len(add))
	from := 0
	for _, a := range add {
		pos := from + m.search(kept[from:], m.rows[a].sort, a)
		out = append(append(out, kept[from:pos]...), a)
		from = pos
	}
	return append(out, kept[from:]...)
}
