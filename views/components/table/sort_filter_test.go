package table

import (
	"reflect"
	"strings"
	"testing"
)

func sortRows() []Row {
	return []Row{
		{Key: "a", Cells: []string{"a", "Volvo", "9"}, Sort: []string{"", "", "009"}},
		{Key: "b", Cells: []string{"b", "audi", "10"}, Sort: []string{"", "", "010"}},
		{Key: "c", Cells: []string{"c", "Volvo", "100"}, Sort: []string{"", "", "100"}},
		{Key: "d", Cells: []string{"d", "BMW", "2"}, Sort: []string{"", "", "002"}},
	}
}

func TestSortAscDescWithHeaderArrow(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	m.SetRows(sortRows())
	cases := []struct {
		col   int
		desc  bool
		want  []string
		arrow string
	}{
		{2, false, []string{"d", "a", "b", "c"}, "Year ▲"}, // by Sort keys: 002 < 009 < 010 < 100
		{2, true, []string{"c", "b", "a", "d"}, "Year ▼"},
		{1, false, []string{"d", "a", "c", "b"}, "Brand ▲"}, // byte order; ties keep input order
		{1, true, []string{"b", "a", "c", "d"}, "Brand ▼"},  // ties still in input order
		{-1, false, []string{"a", "b", "c", "d"}, ""},
		{7, false, []string{"a", "b", "c", "d"}, ""}, // out of range: unsorted
	}
	for _, c := range cases {
		m.SortBy(c.col, c.desc)
		if got := keys(m); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SortBy(%d, %v) = %v, want %v", c.col, c.desc, got, c.want)
		}
		header := lines(m.View())[0]
		arrows := strings.Count(header, "▲") + strings.Count(header, "▼")
		if c.arrow == "" && arrows != 0 || c.arrow != "" && (!strings.Contains(header, c.arrow) || arrows != 1) {
			t.Errorf("SortBy(%d, %v): header %q, want one arrow %q", c.col, c.desc, header, c.arrow)
		}
	}
}

func TestCycleSort(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	want := []struct {
		col  int
		desc bool
	}{{0, false}, {0, true}, {1, false}, {1, true}, {2, false}, {2, true}, {-1, false}, {0, false}}
	for i, w := range want {
		m.CycleSort()
		if col, desc := m.Sort(); col != w.col || desc != w.desc {
			t.Fatalf("step %d: sort (%d, %v), want (%d, %v)", i, col, desc, w.col, w.desc)
		}
	}
}

func TestSortByColumnCursorToggles(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	m.MoveColumnCursor(2)
	for i, wantDesc := range []bool{false, true, false} {
		m.SortByColumnCursor()
		if col, desc := m.Sort(); col != 2 || desc != wantDesc {
			t.Fatalf("toggle %d: sort (%d, %v)", i, col, desc)
		}
	}
	m.MoveColumnCursor(-1)
	m.SortByColumnCursor()
	if col, desc := m.Sort(); col != 1 || desc {
		t.Fatalf("new column sorts ascending first: (%d, %v)", col, desc)
	}
	m.MoveColumnCursor(-10)
	if m.ColumnCursor() != 0 {
		t.Fatalf("column cursor %d", m.ColumnCursor())
	}
}

func TestColumnCursorStaysOnShownColumns(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	m.MoveColumnCursor(2)
	m.SetSize(15, 6) // only ID and Brand fit
	if m.ColumnCursor() != 1 {
		t.Fatalf("column cursor on a dropped column: %d", m.ColumnCursor())
	}
}

func TestFilterIsCaseInsensitiveOverDisplayedText(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	m.SetRows(sortRows())
	cases := []struct {
		q    string
		want []string
	}{
		{"volvo", []string{"a", "c"}},
		{"VOLVO", []string{"a", "c"}},
		{"AuDi", []string{"b"}},
		{"10", []string{"b", "c"}}, // the Year cell "10" and "100"
		{"009", nil},               // Sort keys are not displayed: no match
		{"d", []string{"b", "d"}},  // audi, and the ID cell "d"; Key "d" alone would not match
		{"volvo9", nil},            // no match across two cells
		{"", []string{"a", "b", "c", "d"}},
		{"volvo 100", []string{"c"}},         // words: every one, in any cell
		{"100  volvo", []string{"c"}},        // in any order, spaces repeated
		{"volvo 2", nil},                     // every word, not any
		{"  ", []string{"a", "b", "c", "d"}}, // only spaces: no filter
		{"a 1", []string{"b"}},               // audi 10; the ID "a" has no 1
	}
	for _, c := range cases {
		m.SetFilter(c.q)
		if got := keys(m); !reflect.DeepEqual(got, c.want) && !(len(got) == 0 && c.want == nil) {
			t.Errorf("filter %q = %v, want %v", c.q, got, c.want)
		}
		if shown, total := m.Counts(); shown != len(c.want) || total != 4 {
			t.Errorf("filter %q: counts %d/%d", c.q, shown, total)
		}
		if m.Filter() != c.q {
			t.Errorf("Filter() = %q, want %q", m.Filter(), c.q)
		}
	}
}

func TestFilterDoesNotMatchKey(t *testing.T) {
	m := newTable(t, 0, 30, 6)
	m.SetRows([]Row{{Key: "secret-id", Cells: []string{"x", "y", "z"}}})
	m.SetFilter("secret")
	if shown, _ := m.Counts(); shown != 0 {
		t.Fatal("the filter matched the row Key, which is not displayed")
	}
}

// Typing narrows from the rows already shown; it must give exactly what a
// fresh filter gives, also after deleting characters and under a sort.
func TestIncrementalFilterEqualsFreshFilter(t *testing.T) {
	typed := newTable(t, 500, 30, 6)
	typed.SortBy(1, true)
	for _, q := range []string{"v", "vo", "vol", "Volv", "vo", "o", "ol", "", "1", "20", "201",
		"t", "tesla", "tesla ", "tesla 2", "tesla 20", "tesla 201", "tesla 2", "2 tesla", "tesla", "a 1", "a 1 v"} {
		typed.SetFilter(q)
		fresh := newTable(t, 500, 30, 6)
		fresh.SortBy(1, true)
		fresh.SetFilter(q)
		if !reflect.DeepEqual(keys(typed), keys(fresh)) {
			t.Fatalf("after typing %q: %d rows, fresh filter %d", q, len(typed.view), len(fresh.view))
		}
	}
}

func TestFilterAndSortSurviveSetRows(t *testing.T) {
	m := newTable(t, 20, 30, 6)
	m.SortBy(0, true)
	m.SetFilter("tesla")
	m.SetRows(vehicles(40))
	if shown, total := m.Counts(); shown != 10 || total != 40 {
		t.Fatalf("counts %d/%d, want 10/40", shown, total)
	}
	if got := keys(m)[0]; got != "id37" {
		t.Fatalf("first row %q, want id37 (sorted by ID descending)", got)
	}
}

func TestEmptyMessages(t *testing.T) {
	m := newTable(t, 0, 30, 4)
	if got := lines(m.View())[1]; !strings.Contains(got, "no rows") || strings.Contains(got, "match") {
		t.Fatalf("empty table line: %q", got)
	}
	m.SetRows(vehicles(3))
	m.SetFilter("zzz")
	if got := lines(m.View())[1]; !strings.Contains(got, "no rows match filter") {
		t.Fatalf("filtered-out table line: %q", got)
	}
}
