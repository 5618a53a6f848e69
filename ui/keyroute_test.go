package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/keys"
)

func TestTabKeys(t *testing.T) {
	tests := []struct {
		keys []string
		want state.Kind
	}{
		{[]string{"2"}, state.Resources},
		{[]string{"3"}, state.Reports},
		{[]string{"4"}, state.Subscriptions},
		{[]string{"5"}, state.Feed},
		{[]string{"5", "1"}, state.Events},
		{[]string{"tab"}, state.Resources},
		{[]string{"tab", "tab", "tab", "tab", "tab"}, state.Events}, // wraps
		{[]string{"shift+tab"}, state.Feed},                         // wraps back
		{[]string{"3", "shift+tab"}, state.Resources},
		{[]string{"enter", "2"}, state.Resources}, // from a detail screen too
	}
	for _, tt := range tests {
		m := New(testOptions(&fakeAPI{}))
		m.Update(sizeMsg(testWidth, testHeight))
		press(m, tt.keys...)
		if m.active != tt.want {
			t.Errorf("%v: active %v, want %v", tt.keys, m.active, tt.want)
		}
	}
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestQuitKeys(t *testing.T) {
	tests := []struct {
		name  string
		setup []string
		key   string
		quits bool
	}{
		{"q in the list", nil, "q", true},
		{"ctrl+c in the list", nil, "ctrl+c", true},
		{"q while filtering types q", []string{"/"}, "q", false},
		{"q in the palette types q", []string{":"}, "q", false},
		{"ctrl+c while filtering", []string{"/"}, "ctrl+c", true},
		{"ctrl+c in the palette", []string{":"}, "ctrl+c", true},
		{"q closes help rather than quitting", []string{"?"}, "q", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(testOptions(&fakeAPI{}))
			m.Update(sizeMsg(testWidth, testHeight))
			press(m, tt.setup...)
			_, cmd := m.Update(keyMsg(tt.key))
			if got := isQuit(cmd); got != tt.quits {
				t.Errorf("quit = %v, want %v", got, tt.quits)
			}
		})
	}
}

func TestTypingDoesNotTriggerKeys(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, "/")
	typeText(m, "2q?:r")
	if m.active != state.Events || m.mode != modeFilter {
		t.Fatalf("keys escaped the filter: active %v mode %v", m.active, m.mode)
	}
	if got := m.activeTab().Filter(); got != "2q?:r" {
		t.Errorf("filter %q", got)
	}
	press(m, "esc")
	if m.mode != modeNormal || m.activeTab().Filter() != "" {
		t.Errorf("esc did not clear: mode %v filter %q", m.mode, m.activeTab().Filter())
	}
}

func TestFilterEnterKeepsEscInListClears(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, "/")
	typeText(m, "zzz")
	press(m, "enter")
	if m.mode != modeNormal || m.activeTab().Filter() != "zzz" {
		t.Fatalf("mode %v filter %q", m.mode, m.activeTab().Filter())
	}
	if shown, total := m.activeTab().Counts(); shown != 0 || total != 2 {
		t.Errorf("counts %d/%d", shown, total)
	}
	if !strings.Contains(m.View(), "no events match “zzz”") {
		t.Errorf("no empty-filter note:\n%s", m.View())
	}
	press(m, "esc")
	if f := m.activeTab().Filter(); f != "" {
		t.Errorf("esc in the list left filter %q", f)
	}
}

func TestEscClosesDetailThenNothingElse(t *testing.T) {
	m := newTestModelWithEvents(t)
	press(m, "enter")
	if !m.activeTab().InScreen() {
		t.Fatal("enter did not open the detail")
	}
	press(m, "/")
	if m.mode != modeNormal {
		t.Error("/ opened a filter over the detail screen")
	}
	press(m, "esc")
	if m.activeTab().InScreen() {
		t.Error("esc did not close the detail")
	}
}

func TestReadOnlyDropsDangerousBindings(t *testing.T) {
	danger := keys.NewDangerous("Edit", "d", "delete the thing", "d")
	safe := keys.New("Edit", "x", "look at the thing", "x")
	for _, ro := range []bool{false, true} {
		opts := testOptions(&fakeAPI{})
		opts.ReadOnly = ro
		m := New(opts)
		m.extra = keys.Map{danger, safe}
		m.Update(sizeMsg(testWidth, testHeight))
		press(m, "?")
		help := m.View()
		if got := strings.Contains(help, "delete the thing"); got == ro {
			t.Errorf("readonly=%v: dangerous binding in help = %v", ro, got)
		}
		if !strings.Contains(help, "look at the thing") {
			t.Errorf("readonly=%v: safe binding missing from help", ro)
		}
		if got := strings.Contains(m.View(), "READ-ONLY"); got != ro {
			t.Errorf("readonly=%v: badge shown = %v", ro, got)
		}
		press(m, "esc", "d")
		if got := strings.Contains(m.flash, "read-only"); got != ro {
			t.Errorf("readonly=%v: dangerous key refused = %v (flash %q)", ro, got, m.flash)
		}
	}
}

func TestMutatingCallRefusedInReadOnly(t *testing.T) {
	opts := testOptions(&fakeAPI{})
	opts.ReadOnly = true
	m := New(opts)
	ran := false
	_, cmd := views.Call(m.ctx.Backend, state.Resources, "DeleteResource", true,
		func(ctxT, apiT) (struct{}, error) { ran = true; return struct{}{}, nil })
	res := cmd().(views.Result[struct{}])
	if ran || res.Err == nil {
		t.Errorf("mutation ran=%v err=%v", ran, res.Err)
	}
}

// TestKeyBurstIsRoutedKeyByKey: runes that arrive in one read come as one
// message; "2/volvo" typed fast must switch tab, open the filter and fill it,
// as it does typed slowly. A paste stays whole.
func TestKeyBurstIsRoutedKeyByKey(t *testing.T) {
	m := newTestModelWithEvents(t)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2/volvo")})
	if m.active != state.Resources || m.mode != modeFilter {
		t.Fatalf("active %v mode %v, want Resources in filter mode", m.active, m.mode)
	}
	if got := m.activeTab().Filter(); got != "volvo" {
		t.Errorf("filter %q, want volvo", got)
	}

	m = newTestModelWithEvents(t)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/2q"), Paste: true})
	if m.mode != modeNormal || m.active != state.Events {
		t.Errorf("a paste was split into keys: active %v mode %v", m.active, m.mode)
	}
}
