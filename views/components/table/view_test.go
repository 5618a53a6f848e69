package table

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/ecdash/ecdash/themes"
	"github.com/muesli/termenv"
)

func TestViewIsExactlyWidthByHeight(t *testing.T) {
	wide := []Row{
		{Key: "1", Cells: []string{"東京都庁舎", "🚗🚙🚕🚌", "２０２４"}},
		{Key: "2", Cells: []string{"a\tb\nc", "\x1b[31mred\x1b[0m", ""}},
		{Key: "3", Cells: []string{"only one cell"}},
		{Key: "4", Cells: []string{"x", "y", "z", "an extra cell beyond the columns"}},
	}
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		for _, rows := range [][]Row{nil, vehicles(40), wide} {
			for w := 0; w <= 45; w++ {
				for h := 0; h <= 8; h++ {
					m := newTable(t, 0, w, h)
					useProfile(t, profile)
					m.SetTheme(themes.Default())
					m.SetRows(rows)
					m.SortBy(1, true)
					m.MoveCursor(2)
					checkSize(t, m.View(), w, h)
				}
			}
		}
	}
}

func TestSizeZeroThenGrow(t *testing.T) {
	m := New(testCols, nil) // no SetSize: 0×0
	m.SetRows(vehicles(3))
	if m.View() != "" {
		t.Fatal("0×0 table rendered something")
	}
	m.MoveCursor(1)
	m.SetSize(30, 4)
	checkSize(t, m.View(), 30, 4)
	if m.Cursor() != 1 {
		t.Fatalf("cursor %d", m.Cursor())
	}
}

func TestZeroModelDoesNotPanic(t *testing.T) {
	var m Model
	m.SetSize(10, 3)
	checkSize(t, m.View(), 10, 3)
}

func TestWideRunesAreTruncatedByCells(t *testing.T) {
	m := newTable(t, 0, 30, 3)
	m.SetColumns([]Column{{Title: "Name", Width: 5}, {Title: "Car", Width: 3}})
	m.SetRows([]Row{{Key: "1", Cells: []string{"東京都庁舎", "🚗🚙"}}, {Key: "2", Cells: []string{"東京", "🚗"}}})
	ls := lines(m.View())
	// 5 cells hold two double-width runes and the ellipsis; 3 cells hold one emoji and "…".
	if want := ">東京… 🚗…"; !strings.HasPrefix(ls[1], want) {
		t.Errorf("cursor row %q, want prefix %q", ls[1], want)
	}
	if want := " 東京  🚗 "; !strings.HasPrefix(ls[2], want) {
		t.Errorf("row %q, want prefix %q", ls[2], want)
	}
	for _, l := range ls {
		if ansi.StringWidth(l) != 30 {
			t.Errorf("line %q is %d cells", l, ansi.StringWidth(l))
		}
	}
}

func TestControlCharactersCannotReachTheTerminal(t *testing.T) {
	m := newTable(t, 0, 40, 2)
	m.SetRows([]Row{{Key: "1", Cells: []string{"\x1b]0;pwned\x07", "a\x9bb", "c\td"}}})
	v := m.View()
	if strings.ContainsAny(v, "\x1b\x07\t\u009b") {
		t.Fatalf("control characters leaked: %q", v)
	}
	if !strings.Contains(v, "?]0;p") || !strings.Contains(v, "a?b") {
		t.Fatalf("control characters not shown as '?': %q", v)
	}
}

func TestGutterShowsCursorAndMarksWithoutColour(t *testing.T) {
	m := newTable(t, 0, 30, 8)
	rows := vehicles(6)
	for i, mk := range []Mark{MarkNone, MarkChanged, MarkNew, MarkDeleted, MarkDanger, MarkMuted} {
		rows[i].Mark = mk
	}
	m.SetRows(rows)
	m.MoveCursor(1)
	got := ""
	for _, l := range lines(m.View())[1:7] {
		got += l[:1]
	}
	if got != " >+-! " {
		t.Fatalf("gutter column %q, want %q", got, " >+-! ")
	}
}

func TestHeaderTitlesAlignWithCells(t *testing.T) {
	m := newTable(t, 3, 30, 4)
	ls := lines(m.View())
	if want := " ID     Brand             Year"; ls[0] != want {
		t.Errorf("header %q, want %q", ls[0], want)
	}
	if want := ">v000   Volvo             2015"; ls[1] != want {
		t.Errorf("row %q, want %q", ls[1], want)
	}
}

func TestWithArrow(t *testing.T) {
	cases := []struct {
		title string
		width int
		desc  bool
		want  string
	}{
		{"Year", 8, false, "Year ▲"},
		{"Year", 6, true, "Year ▼"},
		{"Year", 5, false, "Year▲"},
		{"Year", 4, false, "Ye…▲"},
		{"Year", 1, true, "▼"},
		{"東京", 4, false, "東…▲"},
	}
	for _, c := range cases {
		got := withArrow(c.title, c.width, c.desc)
		if got != c.want || ansi.StringWidth(got) > max(c.width, 1) {
			t.Errorf("withArrow(%q, %d) = %q, want %q", c.title, c.width, got, c.want)
		}
	}
}

// In colour, each row is one painted line: the cursor row in Selected, marked
// rows in their mark's style, the sorted column title in HeaderSorted.
func TestRowsArePaintedWithThemeStyles(t *testing.T) {
	useProfile(t, termenv.TrueColor)
	th := themes.Default()
	m := New(testCols, th)
	m.SetSize(30, 5)
	rows := vehicles(3)
	rows[1].Mark = MarkChanged
	rows[2].Mark = MarkDeleted
	m.SetRows(rows)
	m.SortBy(0, false)
	v := strings.Split(m.View(), "\n")
	for i, want := range []struct {
		name   string
		prefix string
	}{
		{"header", themes.NewPainter(th.Header).Prefix()},
		{"cursor row", themes.NewPainter(th.Selected.Inherit(th.Text)).Prefix()},
		{"changed row", themes.NewPainter(th.Changed).Prefix()},
		{"deleted row", themes.NewPainter(th.Deleted).Prefix()},
	} {
		if want.prefix == "" || !strings.HasPrefix(v[i], want.prefix) {
			t.Errorf("%s: line %q does not start with %q", want.name, v[i], want.prefix)
		}
	}
	if !strings.Contains(v[0], themes.NewPainter(th.HeaderSorted.Underline(true)).Prefix()+"ID ▲") {
		t.Errorf("header %q: sorted column under the column cursor not styled", v[0])
	}
	if n := strings.Count(v[2], "\x1b["); n != 2 {
		t.Errorf("a row should be one styled span (2 escape sequences), got %d: %q", n, v[2])
	}
}

func TestSetThemeRepaints(t *testing.T) {
	useProfile(t, termenv.TrueColor)
	m := New(testCols, themes.Default())
	m.SetSize(30, 3)
	m.SetRows(vehicles(2))
	before := m.View()
	light, _ := themes.Builtin("light")
	m.SetTheme(light)
	after := m.View()
	if before == after || ansi.Strip(before) != ansi.Strip(after) {
		t.Fatal("SetTheme should change the colours and only the colours")
	}
}

func TestBidiAndFormatCharactersAreShownAsQuestionMarks(t *testing.T) {
	if got := clean("abc\u202edcba\u0602x"); got != "abc?dcba?x" {
		t.Fatalf("clean = %q", got)
	}
	if got := clean("👨\u200d👩"); got != "👨\u200d👩" {
		t.Fatalf("the zero-width joiner of an emoji sequence was replaced: %q", got)
	}
}

func FuzzViewSize(f *testing.F) {
	for _, s := range []string{"", "東京都庁舎", "🚗\u200d🚙", "\u0602", "a\x1b[1mb", "\xff\xfe", "e\u0301"} {
		f.Add(s, 17, 4)
	}
	f.Fuzz(func(t *testing.T, cell string, w, h int) {
		w, h = w%80, h%10
		if w < 0 || h < 0 {
			return
		}
		m := New(testCols, nil)
		m.SetSize(w, h)
		m.SetRows([]Row{{Key: "1", Cells: []string{cell, cell, cell}}, {Key: "2", Cells: []string{cell}}})
		m.SortBy(1, false)
		checkSize(t, m.View(), w, h)
	})
}
