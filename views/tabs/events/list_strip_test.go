package events

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
)

// listWorld is the Events tab over the test event and reports, at t0,
// with the watch run once.
func listWorld(t *testing.T, reports []client.Report, w, h int) (*tab, *fakeStore, *time.Time) {
	t.Helper()
	now := t0
	api := &fakeAPI{events: []client.Event{testEvent()}, reports: reports}
	ctx, _ := newTestContext(api, &now)
	st := &fakeStore{events: api.events, resources: testResources(), reports: reports, offered: true,
		loaded: map[state.Kind]bool{state.Events: true, state.Resources: true, state.Reports: true}}
	tb := newTab(ctx)
	tb.SetSize(w, h)
	tb.Sync(st)
	tb.Watch(st)
	return tb, st, &now
}

// The Events list with the active event's strip above it, at the content
// sizes of a 120×36 and an 80×24 terminal, at a fixed clock.
func TestGoldenListStrip(t *testing.T) {
	for _, size := range [][2]int{{120, 33}, {80, 21}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tb, _, _ := listWorld(t, append(testReports(), lateReport()), size[0], size[1])
			golden.RequireEqual(t, []byte(tb.View()+"\n"))
		})
	}
}

// TestListStripAlertsAndFollows: the strip's durations follow the clock
// with no new report; a report that stops a vehicle is an alert once, and
// the strip counts the vehicle.
func TestListStripAlertsAndFollows(t *testing.T) {
	tb, st, now := listWorld(t, testReports(), 120, 33)
	view := ansi.Strip(tb.View())
	if !strings.Contains(view, "ev-0002 stopped early 10m · ev-0003 silent 5m") {
		t.Fatalf("no attention in the strip:\n%s", view)
	}
	*now = t0.Add(time.Second)
	if alerts := tb.Watch(st); len(alerts) != 0 {
		t.Errorf("alerts with nothing new: %q", alerts)
	}
	if view := ansi.Strip(tb.View()); !strings.Contains(view, "ev-0002 stopped early 10m1s · ev-0003 silent 5m1s") {
		t.Errorf("the strip did not follow the clock:\n%s", view)
	}
	st.reports = append(st.reports, report(9, 1, client.ActionStop, 24.5, 0, 50))
	alerts := tb.Watch(st)
	if len(alerts) != 1 || alerts[0] != "⚠ 03-04 18:10 Evening peak reduction: ev-0001 stopped early" {
		t.Errorf("alerts after vehicle 1 stopped: %q", alerts)
	}
	if again := tb.Watch(st); len(again) != 0 {
		t.Errorf("the same stop alerted again: %q", again)
	}
	// Four vehicles needed attention for longer: the fifth is counted.
	if view := ansi.Strip(tb.View()); !strings.Contains(view, "2 stopped early") || !strings.Contains(view, "ev-0006 silent 5m1s +1 more") {
		t.Errorf("the strip does not count the stopped vehicle:\n%s", view)
	}
}

// TestClickBelowTheStrip: the table starts below the strip, and a click
// on a row's line selects that row.
func TestClickBelowTheStrip(t *testing.T) {
	tb, st, _ := listWorld(t, testReports(), 120, 33)
	later := client.Event{ID: "later", Name: "Night valley fill", IntervalPeriod: client.IntervalPeriod{Start: t0.Add(time.Hour), Duration: time.Hour}}
	st.events = append(st.events, later)
	tb.Sync(st)
	tb.Watch(st)
	lines := strings.Split(ansi.Strip(tb.View()), "\n")
	row := -1
	for i, l := range lines {
		if strings.Contains(l, "Night valley fill") {
			row = i
		}
	}
	if row < 4 {
		t.Fatalf("the second row is not below the strip:\n%s", strings.Join(lines, "\n"))
	}
	tb.Update(tea.MouseMsg{X: 10, Y: row, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if ev, ok := tb.Selected(); !ok || ev.ID != "later" {
		t.Errorf("a click on line %d selected %q", row, ev.ID)
	}
}

// TestListStripWarnsOfOverlap: two active events asking the same vehicle
// each say so in their strip, with how the totals count it.
func TestListStripWarnsOfOverlap(t *testing.T) {
	tb, st, _ := listWorld(t, testReports(), 120, 40)
	other := client.Event{ID: "other", Name: "Cold snap peak relief",
		IntervalPeriod:  client.IntervalPeriod{Start: evStart.Add(5 * time.Minute), Duration: time.Hour},
		Payload:         client.EventPayload{Type: client.PayloadPowerLevel, Value: 3700, HasValue: true},
		TargetResources: []client.TargetResource{{ResourceID: vehicleID(1)}, {ResourceID: "ev-0100"}}}
	st.events = append(st.events, other)
	tb.Sync(st)
	tb.Watch(st)
	view := ansi.Strip(tb.View())
	for _, want := range []string{
		"⚠ 1 vehicle also in 03-04 18:15 Cold snap peak relief: counted in both totals",
		"⚠ 1 vehicle also in 03-04 18:10 Evening peak reduction: counted in both totals",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("no %q:\n%s", want, view)
		}
	}
}
