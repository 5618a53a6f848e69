package table

import (
	"reflect"
	"strings"
	"testing"
)

func TestCursorFollowsKeyAcrossSetRows(t *testing.T) {
	m := newTable(t, 10, 30, 6)
	m.MoveCursor(3) // id3
	rows := vehicles(10)
	// New rows arrive ahead of it and the order changes.
	rows = append([]Row{{Key: "new1", Cells: []string{"n1", "Audi", "2024"}}, {Key: "new2", Cells: []string{"n2", "Audi", "2024"}}}, rows...)
	m.SetRows(rows)
	if got := selectedKey(m); got != "id3" || m.Cursor() != 5 {
		t.Fatalf("after inserts: selected %q at %d, want id3 at 5", got, m.Cursor())
	}
	// The selected row disappears: the cursor keeps its place.
	rows = append(rows[:5:5], rows[6:]...)
	m.SetRows(rows)
	if got := selectedKey(m); got != "id4" || m.Cursor() != 5 {
		t.Fatalf("after delete: selected %q at %d, want id4 at 5", got, m.Cursor())
	}
	// Everything but the first row disappears: the cursor is clamped.
	m.SetRows(rows[:1])
	if m.Cursor() != 0 || selectedKey(m) != "new1" {
		t.Fatalf("after shrinking: cursor %d selected %q", m.Cursor(), selectedKey(m))
	}
	m.SetRows(nil)
	if _, ok := m.Selected(); ok || m.Cursor() != 0 {
		t.Fatal("empty rows still have a selection")
	}
}

func TestCursorFollowsKeyUnderSortAndFilter(t *testing.T) {
	m := newTable(t, 20, 30, 6)
	m.MoveCursor(6) // id6, a Kia
	m.SortBy(1, false)
	if selectedKey(m) != "id6" {
		t.Fatalf("sort lost the selection: %q", selectedKey(m))
	}
	m.SetFilter("kia")
	if selectedKey(m) != "id6" {
		t.Fatalf("filter lost a matching selection: %q", selectedKey(m))
	}
	m.SetFilter("volvo") // id6 no longer shown: start at the first match
	if m.Cursor() != 0 || selectedKey(m) != "id0" {
		t.Fatalf("filter without the selection: cursor %d selected %q", m.Cursor(), selectedKey(m))
	}
}

func TestSetRowsVersionsOnlyChangedRows(t *testing.T) {
	m := newTable(t, 5, 30, 6)
	before := map[string]uint64{}
	for _, e := range m.rows {
		before[e.Key] = e.ver
	}
	rows := vehicles(5)
	rows[1].Cells = []string{"v001", "Polestar", "2023"}
	rows[3].Mark = MarkChanged
	m.SetRows(rows)
	for _, e := range m.rows {
		changed := e.ver != before[e.Key]
		if want := e.Key == "id1" || e.Key == "id3"; changed != want {
			t.Errorf("row %s: version changed=%v, want %v", e.Key, changed, want)
		}
	}
}

func TestViewShowsChangedRowNotStaleCache(t *testing.T) {
	m := newTable(t, 5, 30, 6)
	_ = m.View() // fill the cache
	rows := vehicles(5)
	rows[2].Cells[1] = "Polestar"
	m.SetRows(rows)
	v := m.View()
	if !strings.Contains(v, "Polestar") || strings.Count(v, "Kia") != 0 {
		t.Fatalf("view after change:\n%s", v)
	}
}

func TestRenderCacheIsUsed(t *testing.T) {
	m := newTable(t, 50, 30, 11)
	_ = m.View()
	k := cacheKey{ver: m.rows[m.view[4]].ver, width: 30}
	m.cache.cur[k] = "sentinel" // a cached line is served as is
	if !strings.Contains(m.View(), "sentinel") {
		t.Fatal("View re-rendered a row it had cached")
	}
	m.SetSize(31, 11) // another width: a different key
	if strings.Contains(m.View(), "sentinel") {
		t.Fatal("View served a line cached for another width")
	}
}

func TestCacheStaysBounded(t *testing.T) {
	m := newTable(t, 5000, 30, 11)
	for i := 0; i < 5000; i++ {
		m.MoveCursor(1)
		_ = m.View()
	}
	if n := len(m.cache.cur) + len(m.cache.prev); n > 2*m.cache.limit {
		t.Fatalf("cache holds %d lines (limit %d per generation)", n, m.cache.limit)
	}
}

func TestDuplicateKeysRenderTheirOwnContent(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	m.SetRows([]Row{{Key: "k", Cells: []string{"a", "Volvo"}}, {Key: "k", Cells: []string{"b", "Tesla"}}})
	m.SetRows([]Row{{Key: "k", Cells: []string{"a", "Volvo"}}, {Key: "k", Cells: []string{"b", "Tesla"}}})
	v := m.View()
	if !strings.Contains(v, "Volvo") || !strings.Contains(v, "Tesla") {
		t.Fatalf("duplicate keys collapsed:\n%s", v)
	}
}

func TestSelectKey(t *testing.T) {
	m := newTable(t, 100, 30, 6)
	if !m.SelectKey("id42") || m.Cursor() != 42 || selectedKey(m) != "id42" {
		t.Fatalf("SelectKey(id42): cursor %d", m.Cursor())
	}
	if m.Offset() > 42 || m.Offset()+5 <= 42 {
		t.Fatalf("selected row not visible: offset %d", m.Offset())
	}
	if m.SelectKey("nope") || m.Cursor() != 42 {
		t.Fatal("SelectKey of an unknown key moved the cursor")
	}
	m.SetFilter("tesla")
	if m.SelectKey("id42") { // a Kia: filtered out
		t.Fatal("SelectKey found a row hidden by the filter")
	}
}

func TestSetColumnsResetsOutOfRangeSortAndRefilters(t *testing.T) {
	m := newTable(t, 8, 30, 6)
	m.SortBy(2, true)
	m.SetFilter("2015")
	if shown, _ := m.Counts(); shown != 1 {
		t.Fatalf("filter on Year: %d rows", shown)
	}
	m.SetColumns(testCols[:2]) // Year is gone
	if col, _ := m.Sort(); col != -1 {
		t.Fatalf("sort column %d survived its column", col)
	}
	if shown, _ := m.Counts(); shown != 0 {
		t.Fatalf("filter still matches a column that is gone: %d rows", shown)
	}
	checkSize(t, m.View(), 30, 6)
}

func TestKeyMapListsTheBindingsUpdateHandles(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	if got := len(m.KeyMap()); got != 8 {
		t.Fatalf("%d bindings", got)
	}
	for _, b := range m.KeyMap() {
		if b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("binding %v has no help", b.Keys())
		}
	}
}

func TestSetRowsFastPathKeepsIndicesAndNoticesSortKeyChanges(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	rows := sortRows()
	m.SetRows(rows)
	m.SortBy(2, false)
	m.SetFilter("o") // Volvo, Volvo (audi and BMW have no "o")
	m.MoveCursor(1)
	again := sortRows()
	m.SetRows(again) // identical poll
	if got := keys(m); !reflect.DeepEqual(got, []string{"a", "c"}) || selectedKey(m) != "c" {
		t.Fatalf("identical SetRows: view %v selected %q", got, selectedKey(m))
	}
	changed := sortRows()
	changed[0].Sort = []string{"", "", "999"} // only the sort key moves: a must sort after c
	m.SetRows(changed)
	if got := keys(m); !reflect.DeepEqual(got, []string{"c", "a"}) || selectedKey(m) != "c" {
		t.Fatalf("sort-key change: view %v selected %q", got, selectedKey(m))
	}
	swapped := sortRows()
	swapped[0], swapped[3] = swapped[3], swapped[0] // same keys, new places
	m.SetRows(swapped)
	if got := keys(m); !reflect.DeepEqual(got, []string{"a", "c"}) || selectedKey(m) != "c" {
		t.Fatalf("reordered input: view %v selected %q", got, selectedKey(m))
	}
	if !m.SelectKey("a") {
		t.Fatal("key index not rebuilt after the rows moved")
	}
}
