package ui

import (
	"strings"
	"testing"
)

// TestSubscribeKeyRunsThePaletteCommand: D on the Subscriptions tab runs
// the palette's "subscribe this dashboard", which explains itself when the
// dashboard has no public URL.
func TestSubscribeKeyRunsThePaletteCommand(t *testing.T) {
	srv := newSandbox(t)
	m := newLoaded(t, testOptions(newClient(t, srv.URL, testToken, nil)))
	press(m, "4")
	_, cmd := m.Update(keyMsg("D"))
	if cmd == nil {
		t.Fatal("D did nothing")
	}
	m.Update(cmd())
	if !strings.Contains(m.flash, "--public-url") {
		t.Errorf("flash %q", m.flash)
	}
}
