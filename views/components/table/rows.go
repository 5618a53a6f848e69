package table

import "slices"

// Rows reach the table in one of two ways. A small table is given its rows
// (SetRows) and keeps them. A large list sets a Source, the one place its
// rows are made, and tells the table which rows changed (Upsert, Delete):
// the table then keeps per row only its key, mark, sort key and search
// text, and asks the source for the cells of the rows it draws.

// SetSource makes the table ask source for the rows it draws (and for the
// sort keys of every row when the sort column changes). source reports
// false for a key it no longer has. nil goes back to kept rows.
func (m *Model) SetSource(source func(key string) (Row, bool)) {
	m.source = source
	if source != nil {
		m.kept = nil
	}
}

// row returns the full row of entry i: kept, or from the source.
func (m Model) row(i int32) (Row, bool) {
	if m.source == nil {
		if int(i) < len(m.kept) {
			return m.kept[i], true
		}
		return Row{}, false
	}
	return m.source(m.rows[i].Key)
}

// SetRows replaces the rows. The cursor stays on the row with the same Key
// when it is still shown (otherwise it keeps its position); cached renders
// survive for every row whose cells and mark did not change. Without a
// source the table keeps the slice it is given: build a new one for the
// next call rather than modifying it.
//
// A poll usually returns the same rows in the same order; then the key index,
// sort order and filter result are all kept, and SetRows costs one compare
// per row.
func (m *Model) SetRows(rows []Row) {
	prev, had := m.selectedKey()
	old := m.rows
	m.rows = make([]entry, len(rows))
	sameKeys := len(rows) == len(old) && m.dead == 0
	unchanged := sameKeys
	for i := range rows {
		e := m.makeEntry(&rows[i])
		j := int32(i)
		if i >= len(old) || old[i].Key != e.Key { // moved, new or not in place
			sameKeys, unchanged = false, false
			var ok bool
			if j, ok = m.byKey[e.Key]; !ok {
				j = -1
			}
		}
		if j >= 0 && old[j].sum == e.sum {
			e.ver = old[j].ver
			unchanged = unchanged && old[j].sort == e.sort
		} else {
			e.ver = versions.Add(1)
			unchanged = false
		}
		m.rows[i] = e
	}
	if m.source == nil {
		m.kept = rows
	}
	m.dead = 0
	if unchanged {
		return // same keys, content and sort keys at the same places: order and view still hold
	}
	if !sameKeys {
		m.byKey = make(map[string]int32, len(rows))
		for i := range m.rows {
			m.byKey[m.rows[i].Key] = int32(i)
		}
	}
	m.reindexKeeping(prev, had, false)
}

// makeEntry is what the table keeps of r (its version is left to the caller).
func (m *Model) makeEntry(r *Row) entry {
	e := entry{Key: r.Key, Mark: r.Mark, sum: contentSum(r), hay: haystack(r.Cells, m.cols)}
	if m.sortCol >= 0 {
		e.sort = r.sortKey(m.sortCol)
	}
	return e
}

// Upsert adds rows whose keys are new and replaces the others, keeping the
// sort order, the filter and the cursor's row; the cost grows with the
// rows given (and, past a few dozen, a pass over the order), not with the
// rows held. Without a source the table keeps the rows.
func (m *Model) Upsert(rows []Row) {
	if len(rows) == 0 {
		return
	}
	prev, had := m.selectedKey()
	var moves []move
	for i := range rows {
		r := &rows[i]
		ne := m.makeEntry(r)
		idx, known := m.byKey[r.Key]
		if !known {
			ne.ver = versions.Add(1)
			idx = int32(len(m.rows))
			if len(m.rows) == cap(m.rows) {
				m.rows = slices.Grow(m.rows, len(m.rows)) // double: fewer copies of every row
			}
			m.rows = append(m.rows, ne)
			m.byKey[r.Key] = idx
			if m.source == nil {
				m.kept = append(m.kept, *r)
			}
			moves = append(moves, move{idx: idx, newSort: ne.sort, newHay: ne.hay, fresh: true})
			continue
		}
		e := &m.rows[idx]
		if m.source == nil {
			m.kept[idx] = *r
		}
		if e.sum != ne.sum {
			e.sum, e.ver = ne.sum, versions.Add(1)
		}
		e.Mark = r.Mark
		if e.sort == ne.sort && e.hay == ne.hay {
			continue // same place, same match
		}
		moves = append(moves, move{idx: idx, newSort: ne.sort, newHay: ne.hay})
	}
	m.place(moves)
	m.keepCursorOn(prev, had)
}

// Delete removes the rows with keys (unknown keys are ignored).
func (m *Model) Delete(keys []string) {
	prev, had := m.selectedKey()
	var moves []move
	for _, k := range keys {
		idx, ok := m.byKey[k]
		if !ok {
			continue
		}
		moves = append(moves, move{idx: idx, gone: true})
		m.rows[idx].dead = true
		delete(m.byKey, k)
		if m.source == nil {
			m.kept[idx] = Row{}
		}
		m.dead++
	}
	if len(moves) == 0 {
		return
	}
	m.place(moves)
	m.compact()
	m.keepCursorOn(prev, had)
}

// compact drops dead entries once they are half the table.
func (m *Model) compact() {
	if m.dead < 1024 || m.dead*2 < len(m.rows) {
		return
	}
	remap := make([]int32, len(m.rows))
	live := make([]entry, 0, len(m.rows)-m.dead)
	var kept []Row
	if m.source == nil {
		kept = make([]Row, 0, cap(live))
	}
	for i, e := range m.rows {
		if e.dead {
			remap[i] = -1
			continue
		}
		remap[i] = int32(len(live))
		live = append(live, e)
		if m.source == nil {
			kept = append(kept, m.kept[i])
		}
	}
	order := make([]int32, 0, len(m.order))
	for _, i := range m.order {
		order = append(order, remap[i])
	}
	filtered := !m.query.all()
	var view []int32
	if filtered {
		view = make([]int32, 0, len(m.view))
		for _, i := range m.view {
			view = append(view, remap[i])
		}
	}
	m.rows, m.kept, m.order, m.dead = live, kept, order, 0
	m.view = order
	if filtered {
		m.view = view
	}
	m.byKey = make(map[string]int32, len(live))
	for i := range live {
		m.byKey[live[i].Key] = int32(i)
	}
}

// selectedKey is the key under the cursor.
func (m Model) selectedKey() (string, bool) {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return "", false
	}
	return m.rows[m.view[m.cursor]].Key, true
}

// keepCursorOn puts the cursor back on key's row when it is still shown
// (otherwise it stays in place).
func (m *Model) keepCursorOn(key string, had bool) {
	if had {
		if pos := m.position(key); pos >= 0 {
			m.cursor = pos
		}
	}
	m.scrollToCursor()
}

// RowKeys returns the keys of every row, in no particular order.
func (m Model) RowKeys() []string {
	out := make([]string, 0, len(m.rows)-m.dead)
	for i := range m.rows {
		if !m.rows[i].dead {
			out = append(out, m.rows[i].Key)
		}
	}
	return out
}
