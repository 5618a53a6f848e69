package table

import "slices"

// SetRows replaces the rows. The cursor stays on the row with the same Key
// when it is still shown (otherwise it keeps its position); cached renders
// survive for every row whose cells and mark did not change. The table keeps
// the slices it is given: build new ones for the next call rather than
// modifying these.
//
// A poll usually returns the same rows in the same order; then the key index,
// sort order and filter result are all kept, and SetRows costs one compare
// per row.
func (m *Model) SetRows(rows []Row) {
	prev, had := m.Selected()
	old := m.rows
	m.rows = make([]entry, len(rows))
	sameKeys := len(rows) == len(old)
	unchanged := sameKeys
	for i := range rows {
		e := entry{Row: rows[i]}
		j := int32(i)
		if i >= len(old) || old[i].Key != e.Key { // moved, new or not in place
			sameKeys, unchanged = false, false
			var ok bool
			if j, ok = m.byKey[e.Key]; !ok {
				j = -1
			}
		}
		if j >= 0 && sameContent(&old[j].Row, &e.Row) {
			e.ver, e.hay = old[j].ver, old[j].hay
			unchanged = unchanged && slices.Equal(old[j].Sort, e.Sort)
		} else {
			e.ver = versions.Add(1)
			e.hay = haystack(e.Cells, len(m.cols))
			unchanged = false
		}
		m.rows[i] = e
	}
	if unchanged {
		return // same keys, content and sort keys at the same places: order and view still hold
	}
	if !sameKeys {
		m.byKey = make(map[string]int32, len(rows))
		for i := range m.rows {
			m.byKey[m.rows[i].Key] = int32(i)
		}
	}
	m.reindexKeeping(prev.Key, had, false)
}
