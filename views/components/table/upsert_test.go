package table

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// refRows is the reference for incremental updates: the rows in the order
// they were first added, replaced in place, removed on delete.
type refRows struct {
	rows []Row
}

func (r *refRows) upsert(row Row) {
	for i := range r.rows {
		if r.rows[i].Key == row.Key {
			r.rows[i] = row
			return
		}
	}
	r.rows = append(r.rows, row)
}

func (r *refRows) delete(key string) {
	r.rows = slices.DeleteFunc(r.rows, func(row Row) bool { return row.Key == key })
}

func (r *refRows) get(key string) (Row, bool) {
	for _, row := range r.rows {
		if row.Key == key {
			return row, true
		}
	}
	return Row{}, false
}

func shownKeys(m Model) []string {
	out := make([]string, len(m.view))
	for i, idx := range m.view {
		out[i] = m.rows[idx].Key
	}
	return out
}

// TestUpsertAndDeleteMatchSetRows walks random upserts (a few and many at
// once), deletes, sorts, filters and cursor moves over a table fed
// incrementally from a source, and holds it after every step to a table
// given all rows at once: the same rows shown in the same order, the
// cursor on a shown row, and the same rendering.
func TestUpsertAndDeleteMatchSetRows(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		ref := &refRows{}
		inc := New(testCols, nil)
		inc.SetSize(40, 12)
		inc.SetSource(ref.get)
		brands := []string{"Volvo", "Tesla", "Kia", "BMW", "Audi"}
		mkRow := func() Row {
			k := rng.IntN(300)
			return Row{Key: fmt.Sprintf("k%d", k), Cells: []string{fmt.Sprintf("v%03d", rng.IntN(50)), brands[rng.IntN(len(brands))], fmt.Sprint(2015 + rng.IntN(10))},
				Mark: Mark(rng.IntN(int(markCount)))}
		}
		for step := 0; step < 300; step++ {
			op := rng.IntN(10)
			switch {
			case op < 4:
				n := 1 + rng.IntN(3)
				if rng.IntN(4) == 0 {
					n = 33 + rng.IntN(80) // past the one-by-one threshold
				}
				batch := make([]Row, n)
				for i := range batch {
					batch[i] = mkRow()
					ref.upsert(batch[i])
				}
				inc.Upsert(batch)
			case op < 6:
				var keys []string
				for range 1 + rng.IntN(40) {
					keys = append(keys, fmt.Sprintf("k%d", rng.IntN(300)))
				}
				for _, k := range keys {
					ref.delete(k)
				}
				inc.Delete(keys)
			case op == 6:
				inc.SortBy(rng.IntN(4)-1, rng.IntN(2) == 0)
			case op == 7:
				inc.SetFilter([]string{"", "", "v0", "kia", "20", "a"}[rng.IntN(6)])
			case op == 8:
				inc.SetNewestFirst(rng.IntN(2) == 0)
			default:
				inc.MoveCursor(rng.IntN(21) - 10)
			}
			whole := New(testCols, nil)
			whole.SetSize(40, 12)
			whole.SetNewestFirst(inc.newestFirst)
			whole.SortBy(inc.sortCol, inc.sortDesc)
			whole.SetFilter(inc.Filter())
			whole.SetRows(slices.Clone(ref.rows))
			got, want := shownKeys(inc), shownKeys(whole)
			if !slices.Equal(got, want) {
				t.Fatalf("seed %d step %d (op %d): shown\n%v\nwant\n%v", seed, step, op, got, want)
			}
			if s, total := inc.Counts(); s != len(want) || total != len(ref.rows) {
				t.Fatalf("seed %d step %d: counts %d/%d, want %d/%d", seed, step, s, total, len(want), len(ref.rows))
			}
			if len(want) > 0 {
				if _, ok := inc.Selected(); !ok {
					t.Fatalf("seed %d step %d: no selection among %d rows", seed, step, len(want))
				}
				whole.cursor, whole.offset = inc.cursor, inc.offset
				if inc.View() != whole.View() {
					t.Fatalf("seed %d step %d: views differ\n%s\n---\n%s", seed, step, inc.View(), whole.View())
				}
			}
		}
	}
}

func mustKey(t *testing.T, m Model) string {
	r, ok := m.Selected()
	if !ok {
		t.Fatal("no selection")
	}
	return r.Key
}

// The cursor stays on its row when rows are added ahead of it, and the
// rows on screen are not rendered again when nothing they show changed.
func TestUpsertKeepsCursorAndCache(t *testing.T) {
	ref := &refRows{}
	m := New(testCols, nil)
	m.SetSize(40, 8)
	m.SetSource(ref.get)
	rows := vehicles(20)
	for _, r := range rows {
		ref.upsert(r)
	}
	m.Upsert(rows)
	m.SortBy(0, false)
	m.MoveCursor(5)
	before := mustKey(t, m)
	vers := map[string]uint64{}
	for _, e := range m.rows {
		vers[e.Key] = e.ver
	}
	early := Row{Key: "early", Cells: []string{"a000", "Volvo", "2020"}}
	ref.upsert(early)
	m.Upsert([]Row{early, rows[3]})
	if got := mustKey(t, m); got != before || m.Cursor() != 6 {
		t.Fatalf("cursor on %s at %d, want %s at 6", got, m.Cursor(), before)
	}
	if m.rows[m.byKey[rows[3].Key]].ver != vers[rows[3].Key] {
		t.Error("a row upserted unchanged got a new version (its render is thrown away)")
	}
	if !strings.Contains(m.View(), "a000") {
		t.Error("the new row is not drawn")
	}
}
