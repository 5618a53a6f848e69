package table

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// useProfile fixes lipgloss's colour profile for one test so results don't
// depend on the terminal running the tests.
func useProfile(t testing.TB, p termenv.Profile) {
	t.Helper()
	prev, prevDark := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	lipgloss.SetColorProfile(p)
	lipgloss.SetHasDarkBackground(true)
	t.Cleanup(func() {
		lipgloss.SetColorProfile(prev)
		lipgloss.SetHasDarkBackground(prevDark)
	})
}

var testCols = []Column{
	{Title: "ID", Width: 6},
	{Title: "Brand", Width: 8, MinWidth: 5, Grow: 1},
	{Title: "Year", Width: 6, Right: true},
}

// vehicles returns n rows keyed id0.., with brand cycling through a few makes.
func vehicles(n int) []Row {
	brands := []string{"Volvo", "Tesla", "Kia", "BMW"}
	rows := make([]Row, n)
	for i := range rows {
		rows[i] = Row{
			Key:   fmt.Sprintf("id%d", i),
			Cells: []string{fmt.Sprintf("v%03d", i), brands[i%len(brands)], fmt.Sprint(2015 + i%10)},
		}
	}
	return rows
}

func newTable(t testing.TB, n, w, h int) Model {
	t.Helper()
	useProfile(t, termenv.Ascii)
	m := New(testCols, nil)
	m.SetSize(w, h)
	m.SetRows(vehicles(n))
	return m
}

// lines splits a View into lines with the escape codes removed.
func lines(v string) []string {
	return strings.Split(ansi.Strip(v), "\n")
}

// checkSize fails unless v is exactly h lines of exactly w cells.
func checkSize(t *testing.T, v string, w, h int) {
	t.Helper()
	if h == 0 {
		if v != "" {
			t.Fatalf("%dx%d: want empty view, got %q", w, h, v)
		}
		return
	}
	ls := strings.Split(v, "\n")
	if len(ls) != h {
		t.Fatalf("%dx%d: %d lines, want %d: %q", w, h, len(ls), h, v)
	}
	for i, l := range ls {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("%dx%d: line %d is %d cells, want %d: %q", w, h, i, got, w, l)
		}
	}
}

// keys returns the Key of each row shown, in order.
func keys(m Model) []string {
	out := make([]string, 0, len(m.view))
	for _, i := range m.view {
		out = append(out, m.rows[i].Key)
	}
	return out
}

func selectedKey(m Model) string {
	r, _ := m.Selected()
	return r.Key
}
