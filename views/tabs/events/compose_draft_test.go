package events

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
)

// TestComposeDraftIsKeptAndOffered: esc keeps what was typed as a draft;
// R offers it; yes restores it, vehicles left out included.
func TestComposeDraftIsKeptAndOffered(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.reportOnlyVehicle3(t)
	w.fill(t, pf(2, pfLatitude), "59.9")
	w.press("esc")
	if w.scr.compose != nil || screenOf(w.tab) == nil {
		t.Fatal("esc must leave the composer, not the screen")
	}
	if !strings.Contains(w.tab.View(), "draft kept (R offers it again)") {
		t.Errorf("leaving said:\n%s", w.tab.View())
	}
	b, err := os.ReadFile(filepath.Join(w.dir, "drafts", "report-"+testEvent().ID+".json"))
	if err != nil || !strings.Contains(string(b), `"payloads.2.location.latitude": "59.9"`) {
		t.Fatalf("draft %s, %v", b, err)
	}
	w.press("R")
	if !strings.Contains(w.tab.View(), "Restore draft from 18:35?") {
		t.Fatalf("no offer:\n%s", w.tab.View())
	}
	w.press("y")
	c := w.scr.compose
	if c.form.Value(pf(2, pfLatitude)) != "59.9" || c.vals[pf(0, pfInclude)] != includeNo || c.form.Value(pf(0, pfLatitude)) != "" {
		t.Errorf("restored %v", c.form.Values())
	}
	if len(w.api.posted) != 0 {
		t.Error("leaving sent something")
	}
}

// TestComposeLeftOutVehicleKeepsItsValues: "no" hides a vehicle's fields
// and their checks; "yes" brings them back as they were.
func TestComposeLeftOutVehicleKeepsItsValues(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.press("R")
	w.include(t, 1)
	w.fill(t, pf(1, pfSoC), "abc")
	if _, isErr := w.scr.compose.form.FieldMessage(pf(1, pfSoC)); !isErr {
		t.Fatal("a bad number is not flagged")
	}
	w.leaveOut(t, 1)
	if _, shown := w.scr.compose.form.Errors()[pf(1, pfSoC)]; shown || w.scr.compose.form.Focused() != pf(1, pfInclude) {
		t.Errorf("a left-out vehicle is still checked (%v) or the focus moved (%s)", w.scr.compose.form.Errors(), w.scr.compose.form.Focused())
	}
	w.press("left", "space")
	if got := w.scr.compose.form.Value(pf(1, pfSoC)); got != "abc" {
		t.Errorf("back in, its state of charge is %q", got)
	}
}

// TestComposeNothingIncluded refuses a report without payloads.
func TestComposeNothingIncluded(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.press("R")
	w.press("ctrl+s")
	if w.scr.sending != nil || !strings.Contains(w.tab.View(), "not sent: no vehicle is in the report") {
		t.Errorf("an empty report was not refused:\n%s", w.tab.View())
	}
}

// TestComposeReadOnly: R opens nothing and is not in the screen's keys.
func TestComposeReadOnly(t *testing.T) {
	w := openComposeWorld(t, true, true)
	w.press("R")
	if w.scr.compose != nil {
		t.Fatal("R opened the composer in read-only mode")
	}
	for _, b := range w.tab.KeyMap().Enabled() {
		if b.Dangerous {
			t.Errorf("enabled dangerous binding %v", b.Keys())
		}
	}
	w.scr.openComposer() // even when reached, it refuses
	if w.scr.compose != nil {
		t.Error("openComposer opened in read-only mode")
	}
}

// TestComposeKeyListed: R is in the screen's help when writable.
func TestComposeKeyListed(t *testing.T) {
	w := openComposeWorld(t, true, false)
	found := false
	for _, b := range w.tab.KeyMap().Enabled() {
		found = found || (b.Dangerous && b.Help().Key == "R")
	}
	if !found {
		t.Error("R is not among the screen's keys")
	}
}

// TestComposeLeftWhileSending: leaving while the report is in flight
// keeps a draft; a refusal then says so on the screen's message line.
func TestComposeLeftWhileSending(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.reportOnlyVehicle3(t)
	w.fill(t, pf(2, pfLatitude), "59.93")
	w.fill(t, pf(2, pfLongitude), "10.76")
	send := w.press("ctrl+s", "y")
	w.press("esc")
	if w.scr.compose != nil || !strings.Contains(w.tab.View(), "the report already sent goes on") {
		t.Fatalf("leaving while sending:\n%s", w.tab.View())
	}
	w.api.answer = &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", StatusCode: 404,
		Problem: &client.ProblemDetails{Title: "Not Found", Status: 404, Detail: "no event with id to report on"}}
	w.run(t, send)
	last := w.lines()[35]
	if !strings.Contains(last, "sending the report failed") || !strings.Contains(last, "kept as a draft") {
		t.Errorf("message line %q", last)
	}
	if _, err := os.Stat(filepath.Join(w.dir, "drafts", "report-"+testEvent().ID+".json")); err != nil {
		t.Errorf("no draft: %v", err)
	}
}

// TestComposeAutosaves: a changed composer is kept on disk by the tick,
// so the input survives the dashboard ending while it is open.
func TestComposeAutosaves(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.press("R")
	path := filepath.Join(w.dir, "drafts", "report-"+testEvent().ID+".json")
	w.tab.Tick()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("an unchanged composer wrote a draft: %v", err)
	}
	w.fill(t, cfName, "typed before a crash")
	w.tab.Tick()
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "typed before a crash") {
		t.Errorf("draft %s, %v", b, err)
	}
}
