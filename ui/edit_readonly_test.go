package ui

import (
	"strings"
	"testing"

	"github.com/ecdash/ecdash/internal/state"
)

// TestReadOnlyHasNoEditing drives the read-only program: the editing keys
// of both tabs open nothing, help does not list them, and the model's own
// key maps have none of them enabled.
func TestReadOnlyHasNoEditing(t *testing.T) {
	tm, _, _ := editApp(t, true)
	send(tm, "n", "e", "E", "d")
	waitFor(t, tm, "read-only: delete the selected resource (asks first) is disabled")
	send(tm, "4", "n", "e", "d", "D", "?")
	waitFor(t, tm, "Keys (read-only")
	send(tm, "esc")
	screen := finalScreen(t, tm)
	for _, s := range []string{"New resource", "Edit resource", "Delete resource", "New subscription"} {
		if strings.Contains(screen, s) {
			t.Errorf("read-only opened %q:\n%s", s, screen)
		}
	}
}

func TestReadOnlyHelpAndKeyMapsLeaveEditingOut(t *testing.T) {
	srv := newSandbox(t)
	opts := testOptions(newClient(t, srv.URL, testToken, nil))
	opts.ReadOnly = true
	m := newLoaded(t, opts)
	for _, kind := range []state.Kind{state.Resources, state.Subscriptions} {
		press(m, []string{"", "1", "2", "3", "4"}[kind])
		press(m, "?")
		help := m.View()
		press(m, "esc")
		for _, desc := range []string{"new resource", "new subscription", "edit the selected", "delete the selected", "subscribe this dashboard"} {
			if strings.Contains(help, desc) {
				t.Errorf("%v help lists %q:\n%s", kind, desc, help)
			}
		}
		for _, b := range m.helpKeyMap() {
			if b.Dangerous {
				t.Errorf("%v: dangerous binding %v reachable", kind, b.Keys())
			}
		}
		for _, k := range []string{"n", "e", "E", "d", "D"} {
			press(m, k)
			if m.tabs[kind].InScreen() {
				t.Fatalf("%v: %s opened a screen in read-only mode", kind, k)
			}
		}
	}
}

func TestReadWriteHelpListsEditing(t *testing.T) {
	srv := newSandbox(t)
	m := newLoaded(t, testOptions(newClient(t, srv.URL, testToken, nil)))
	press(m, "2", "?")
	help := m.View()
	for _, s := range []string{"new resource", "edit the selected resource in a form", "as JSON in $VISUAL/$EDITOR", "delete the selected resource"} {
		if !strings.Contains(help, s) {
			t.Errorf("help lacks %q:\n%s", s, help)
		}
	}
}
