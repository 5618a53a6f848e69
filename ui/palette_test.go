package ui

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/muesli/termenv"
)

func TestComplete(t *testing.T) {
	all := []string{"events", "refresh", "refresh all", "theme dark", "theme light", "resources"}
	tests := []struct {
		q    string
		want []string
	}{
		{"", all},
		{"re", []string{"refresh", "refresh all", "resources"}},
		{"Theme L", []string{"theme light"}},
		{"all", []string{"refresh all"}}, // a substring match after the prefix ones
		{"zzz", nil},
	}
	for _, tt := range tests {
		if got := complete(all, tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("complete(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestPaletteTabCompletesAndEnterRuns(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, ":")
	typeText(m, "subs")
	press(m, "tab")
	if got := m.palette.input.Value(); got != "subscriptions" {
		t.Fatalf("tab completed to %q", got)
	}
	press(m, "enter")
	if m.mode != modeNormal || m.active != state.Subscriptions {
		t.Errorf("mode %v active %v", m.mode, m.active)
	}
}

func TestPaletteUpDownSelect(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, ":")
	typeText(m, "theme")
	press(m, "down", "down", "up", "down", "enter") // matches: dark, light, high-contrast, colorblind
	if m.ctx.Theme.Name != "high-contrast" {
		t.Errorf("selected theme %q, want high-contrast (third match)", m.ctx.Theme.Name)
	}
}

func TestPaletteUnknownAndEscape(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, ":")
	typeText(m, "frobnicate")
	press(m, "enter")
	if !strings.Contains(m.flash, "unknown command frobnicate") {
		t.Errorf("flash %q", m.flash)
	}
	press(m, ":")
	typeText(m, "quit")
	press(m, "esc")
	if m.mode != modeNormal {
		t.Error("esc did not close the palette")
	}
	press(m, ":")
	typeText(m, "theme /no/such/theme.yaml")
	press(m, "enter")
	if !strings.Contains(m.flash, "theme") || m.ctx.Theme.Name != "dark" {
		t.Errorf("bad theme path: flash %q theme %q", m.flash, m.ctx.Theme.Name)
	}
}

func TestPaletteMouseToggle(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, ":")
	typeText(m, "mouse on")
	_, cmd := m.Update(keyMsg("enter"))
	if !m.mouse || cmd == nil {
		t.Fatalf("mouse %v cmd %v", m.mouse, cmd)
	}
	press(m, ":")
	typeText(m, "mouse off")
	m.Update(keyMsg("enter"))
	if m.mouse {
		t.Error("mouse still on")
	}
}

// TestThemeSwitchRestylesEverything switches theme live with a detail screen
// open and compares with a dashboard started in that theme: every view
// must have been restyled.
func TestThemeSwitchRestylesEverything(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	defer lipgloss.SetColorProfile(termenv.Ascii)

	live := newTestModelWithEvents(t)
	press(live, "enter")
	before := live.View()
	press(live, ":")
	typeText(live, "theme light")
	press(live, "enter")
	live.flash = ""

	opts := testOptions(&fakeAPI{events: live.cache.Events()})
	opts.ThemeName = "light"
	fresh := New(opts)
	fresh.Update(sizeMsg(testWidth, testHeight))
	load(t, fresh, state.Events)
	press(fresh, "enter")

	for _, tab := range []string{"", "2", "3", "4", "5"} {
		press(live, tab)
		press(fresh, tab)
		if got, want := live.View(), fresh.View(); got != want {
			t.Fatalf("tab %q after the switch differs from a fresh light dashboard:\n%q\n%q", tab, got, want)
		}
	}
	if before == live.View() {
		t.Error("the switch changed nothing")
	}
}

func TestMouseClickOnTabBar(t *testing.T) {
	opts := testOptions(&fakeAPI{})
	opts.Mouse = true
	m := New(opts)
	m.Update(sizeMsg(testWidth, testHeight))
	m.View()
	for _, kind := range state.Kinds {
		s := m.tabCache.spans[kind]
		m.Update(tea.MouseMsg{X: s[0] + 1, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
		if m.active != kind {
			t.Errorf("click at x=%d chose %v, want %v", s[0]+1, m.active, kind)
		}
	}
	m.Update(tea.MouseMsg{X: 0, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.active != state.Feed {
		t.Error("a click on the brand switched tabs")
	}
}

func TestMouseClickSelectsRow(t *testing.T) {
	m := newTestModelWithEvents(t)
	m.mouse = true
	// Row 2 of the table is screen line contentTop + 2 (the header is line contentTop).
	m.Update(tea.MouseMsg{X: 10, Y: contentTop + 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	press(m, "enter")
	if !strings.Contains(m.View(), "Event alpha") && !strings.Contains(m.View(), "Event beta") {
		t.Fatalf("no detail after a click and enter:\n%s", m.View())
	}
	first := m.View()
	press(m, "esc")
	m.Update(tea.MouseMsg{X: 10, Y: contentTop + 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	press(m, "enter")
	if m.View() == first {
		t.Error("clicking another row opened the same event")
	}
}

// A command no completion matches used to slice an empty list in paletteBox
// and end the program (found by typing ":z" in ecdash demo).
func TestPaletteWithoutMatchesDraws(t *testing.T) {
	for _, text := range []string{"z", "theme /path/to/file.yaml", "zzzz zzzz"} {
		m := newTestModelWithEvents(t)
		press(m, ":")
		typeText(m, text)
		if len(m.palette.matches) != 0 {
			t.Fatalf("%q: matches %v, want none", text, m.palette.matches)
		}
		view := m.View()
		if !strings.Contains(view, "no command matches") {
			t.Errorf("%q: the palette does not say nothing matches:\n%s", text, view)
		}
		checkFits(t, text, view, testWidth, testHeight)
	}
}

// Enter runs a completion only when it starts with what was typed or was
// chosen with the arrows: ":i" + enter must not quit (quit contains "i").
func TestPaletteEnterNeverRunsAnUnaskedCompletion(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, ":")
	typeText(m, "i")
	if len(m.palette.matches) == 0 {
		t.Fatal("no completions contain i")
	}
	m.Update(keyMsg("enter"))
	if m.base.Err() != nil {
		t.Fatal(`":i" + enter quit the dashboard`)
	}
	if !strings.Contains(m.flash, "unknown command i") {
		t.Errorf("flash %q", m.flash)
	}
	press(m, ":")
	typeText(m, "res")
	press(m, "enter") // a prefix of "resources"
	if m.active != state.Resources {
		t.Errorf("a prefix did not run its completion: active %v", m.active)
	}
}
