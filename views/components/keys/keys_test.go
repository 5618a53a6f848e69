package keys

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func runeKey(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestReadOnlyDisablesOnlyDangerous(t *testing.T) {
	m := Map{New("List", "x", "view", "x"), NewDangerous("Edit", "d", "delete", "d")}
	for _, ro := range []bool{false, true} {
		got := m.ForMode(ro)
		if !got[0].Matches(runeKey("x")) {
			t.Errorf("ro=%v: safe binding does not match", ro)
		}
		if got[1].Matches(runeKey("d")) == ro {
			t.Errorf("ro=%v: dangerous binding matches = %v", ro, !ro)
		}
		want := 2
		if ro {
			want = 1
		}
		if n := len(got.Enabled()); n != want {
			t.Errorf("ro=%v: %d enabled, want %d", ro, n, want)
		}
	}
	if !m[1].Enabled() {
		t.Error("ForMode changed the original map")
	}
}

func TestGroupsKeepOrderAndSkipDisabled(t *testing.T) {
	m := Map{
		New("B", "1", "one", "1"), New("A", "2", "two", "2"),
		NewDangerous("C", "3", "three", "3"), New("B", "4", "four", "4"),
	}.ForMode(true)
	titles, groups := m.Groups()
	if len(titles) != 2 || titles[0] != "B" || titles[1] != "A" {
		t.Fatalf("titles %v", titles)
	}
	if len(groups[0]) != 2 || groups[0][1].Help().Desc != "four" {
		t.Errorf("group B %v", groups[0])
	}
}

func TestDangerousForIgnoresEnabledState(t *testing.T) {
	m := Map{New("L", "x", "view", "x"), NewDangerous("E", "d", "delete", "d", "delete")}.ForMode(true)
	if b, ok := m.DangerousFor(runeKey("d")); !ok || b.Help().Desc != "delete" {
		t.Errorf("d: %v %v", b, ok)
	}
	if _, ok := m.DangerousFor(runeKey("x")); ok {
		t.Error("x reported dangerous")
	}
}
