package events

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/chart"
	"github.com/ecdash/ecdash/views/components/table"
)

func TestScreenShowsTheDispatch(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	view := w.tab.View()
	for _, want := range []string{
		"Event Evening peak reduction",
		"active · ends in 1h35m",
		"PowerLevel 7.4 kW each (44.4 kW for 6)",
		"randomize 15m (to 18:25; silent after 18:30)",
		"delivered 5.5 of 18.5 kWh (30%) over 25m · after randomize 33% (2.5 kWh)",
		"3 responded, 3 silent, 1 stopped early",       // the strip's counts, while the event runs
		"target 44.4 kW", "fleet 14.8 kW", "now 18:35", // the chart's legend
		"reports asked: VehicleChargeAction 3/6 · not yet: ev-0003, ev-0005, ev-0006",
		"reports: 4 listed by the server",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("screen lacks %q:\n%s", want, view)
		}
	}
	for id, want := range map[string][]string{
		"ev-0001": {"responded", "7.4 kW", "41%", "Start", "18:12:00", "Tesla Model 3", "oslo-frogner"},
		"ev-0002": {"responded (stopped)", "0 W", "61%", "Stop", "18:25:00", "Volvo EX30"},
		"ev-0003": {"no response", "Nissan Leaf", "oslo-bjerke"},
	} {
		row := w.row(t, id)
		for _, cell := range want {
			if !strings.Contains(row, cell) {
				t.Errorf("row %s lacks %q: %q", id, cell, row)
			}
		}
	}
	if got := len(w.lines()); got != 33 {
		t.Errorf("%d lines, want 33", got)
	}
}

func TestSilentVehiclesAreMarkedDangerFirst(t *testing.T) {
	a := fleet.Analyze(testEvent(), fleet.ActionsFromReports(testReports(), nil), t0, fleet.DefaultOptions())
	rows := targetRows(a, testEvent(), nil, nil, t0, time.UTC)
	var order []string
	for _, r := range rows {
		order = append(order, r.Key+"="+r.Cells[tcStatus])
		silent := r.Cells[tcStatus] == "no response"
		if silent != (r.Mark == table.MarkDanger) {
			t.Errorf("%s (%s) mark %v: silent rows, and only they, are MarkDanger", r.Key, r.Cells[tcStatus], r.Mark)
		}
	}
	want := "ev-0003=no response ev-0005=no response ev-0006=no response ev-0002=responded (stopped) ev-0001=responded ev-0004=responded"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("rows\n %s\nwant\n %s", got, want)
	}
}

func TestTargetRowsPendingLateAndExtra(t *testing.T) {
	ev := testEvent()
	reports := append(testReports(), lateReport(), report(9, 9, client.ActionStart, 3, 7400, 50))
	before := fleet.Analyze(ev, fleet.ActionsFromReports(reports[:1], nil), evStart.Add(5*time.Minute), fleet.DefaultOptions())
	after := fleet.Analyze(ev, fleet.ActionsFromReports(reports, nil), t0, fleet.DefaultOptions())
	cells := func(a fleet.Analysis) map[string]table.Row {
		out := map[string]table.Row{}
		_, locs := whoReported(reports)
		for _, r := range targetRows(a, ev, nil, locs, t0, time.UTC) {
			out[r.Key] = r
		}
		return out
	}
	if r := cells(before)["ev-0003"]; r.Cells[tcStatus] != "pending" || r.Mark != table.MarkNone {
		t.Errorf("inside the window a vehicle without a Start is pending, unmarked: %+v", r)
	}
	got := cells(after)
	if r := got["ev-0003"]; r.Cells[tcStatus] != "late" || r.Cells[tcValue] != "11 kW" {
		t.Errorf("vehicle 3 started after the deadline: %+v", r)
	}
	if r := got["ev-0009"]; r.Cells[tcStatus] != "not targeted" || r.Mark != table.MarkMuted || r.Cells[tcLocation] != "59.920,10.710" {
		t.Errorf("a reporting vehicle the event does not target: %+v", r)
	}
}

// TestNewReportsRedrawWithoutAKey: the server gets a new report; the
// screen's own timed fetch brings it in and the chart, table, header and
// descriptors change, with no key pressed.
func TestNewReportsRedrawWithoutAKey(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	before := w.tab.View()
	if !strings.Contains(w.row(t, "ev-0003"), "no response") {
		t.Fatal("vehicle 3 should start silent")
	}
	w.api.reports = append(w.api.reports, lateReport())
	w.poll(t)
	after := w.tab.View()
	if before == after {
		t.Fatal("the screen did not change after a new report arrived")
	}
	if row := w.row(t, "ev-0003"); !strings.Contains(row, "late") || !strings.Contains(row, "11 kW") {
		t.Errorf("vehicle 3's row after its late Start: %q", row)
	}
	for _, want := range []string{"fleet 25.8 kW", "3 responded, 1 late, 2 silent", "reports asked: VehicleChargeAction 4/6", "reports: 5 listed"} {
		if !strings.Contains(after, want) {
			t.Errorf("after the new report the screen lacks %q:\n%s", want, after)
		}
	}
	if w.next == nil {
		t.Error("the fetch did not re-arm")
	}
}

func TestUnchangedReportsDoNotReanalyse(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	n := w.scr.analyses
	w.poll(t) // same reports again
	for i := 0; i < 30; i++ {
		*w.now = t0.Add(time.Duration(i) * time.Second)
		w.tab.Tick() // countdowns and the now marker move within one minute
		w.tab.View()
	}
	if w.scr.analyses != n {
		t.Errorf("%d analyses for unchanged reports within a minute, want none", w.scr.analyses-n)
	}
	if !strings.Contains(w.tab.View(), "ends in 1h34m") {
		t.Errorf("the countdown did not move:\n%s", w.tab.View())
	}
	*w.now = t0.Add(time.Minute)
	w.tab.Tick()
	if w.scr.analyses != n+1 {
		t.Errorf("a new minute: %d analyses, want 1", w.scr.analyses-n)
	}
}

func TestStaleAnswersAreDropped(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	old := w.scr.loop.id
	stale := views.Result[fetched]{ID: old - 1, Owner: state.Events, Op: "GatherReports"}
	w.tab.Update(stale)
	if !strings.Contains(w.tab.View(), "reports: 4 listed") {
		t.Error("an answer to a superseded request replaced the data")
	}
}

func TestFetchProblemsAreShownAndRetried(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	w.api.listErr = &client.Error{Op: "ListReports", Method: "GET", Path: "/reports", Err: errors.New("connection refused")}
	w.poll(t)
	w.scr.poll = pollEvery // as shown; the armed fetch still does not wait
	last := w.lines()[32]
	w.scr.poll = 0
	if !strings.Contains(last, "connection refused · retrying every 5s · reports: 0 from the local record") {
		t.Errorf("message line: %q", last)
	}
	if w.next == nil {
		t.Fatal("no retry armed")
	}
	w.api.listErr = nil
	w.poll(t)
	if last := w.lines()[32]; strings.Contains(last, "connection refused") {
		t.Errorf("the problem stayed after a good fetch: %q", last)
	}
}

// refusingBackend answers every request at once with err, without running
// it, as the shell does without an API client.
type refusingBackend struct {
	err   error
	calls int
}

func (b *refusingBackend) Call(req views.Request) (uint64, tea.Cmd) {
	b.calls++
	id := uint64(b.calls)
	return id, func() tea.Msg { return req.Answer(id, nil, b.err) }
}

func TestRefusedFetchStopsInsteadOfSpinning(t *testing.T) {
	now := t0
	ctx, _ := newTestContext(nil, &now)
	be := &refusingBackend{err: errors.New("no API client configured")}
	ctx.Backend = be
	tb := newTab(ctx)
	tb.SetSize(100, 30)
	tb.Sync(&fakeStore{events: []client.Event{testEvent()}, loaded: map[state.Kind]bool{state.Events: true}})
	cmd := tb.Update(keyMsg("enter"))
	if next := tb.Update(cmd()); next != nil {
		t.Error("a refused fetch was re-armed: it would spin")
	}
	if view := tb.View(); !strings.Contains(view, "⚠ no API client configured") || strings.Contains(view, "retrying") {
		t.Errorf("the refusal is not said (or promises a retry):\n%s", view)
	}
}

func TestEventGoneIsSaid(t *testing.T) {
	now := t0
	api := &fakeAPI{events: nil, reports: testReports()}
	ctx, _ := newTestContext(api, &now)
	tb := newTab(ctx)
	tb.SetSize(100, 30)
	tb.Sync(&fakeStore{events: []client.Event{testEvent()}, loaded: map[state.Kind]bool{state.Events: true}})
	cmd := tb.Update(keyMsg("enter"))
	screenOf(tb).poll = 0
	tb.Update(cmd())
	if view := tb.View(); !strings.Contains(view, "404: this event no longer exists") {
		t.Errorf("a 404 for the event is not said:\n%s", view)
	}
	tb.Sync(&fakeStore{loaded: map[state.Kind]bool{state.Events: true}})
	if view := tb.View(); !strings.Contains(view, "no longer lists this event") {
		t.Errorf("an event gone from the list is not said:\n%s", view)
	}
}

// The screen's next fetch is armed, not waiting: the clock starts it when
// it is due, and closing the screen means it never starts.
func TestTheClockStartsTheFetchAndClosingStopsIt(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	w.scr.poll = time.Hour
	w.poll(t) // answer → the next fetch armed for an hour from now
	if w.next != nil {
		t.Fatal("a fetch an hour away started at once")
	}
	if cmd := w.tab.Tick(); cmd != nil {
		t.Fatal("a tick before the hour started the fetch")
	}
	*w.now = w.now.Add(time.Hour)
	w.next = w.tab.Tick()
	if w.next == nil {
		t.Fatal("the tick at the hour did not start the fetch")
	}
	w.poll(t) // and its answer arms the next one
	scr := w.scr
	*w.now = w.now.Add(2 * time.Hour)
	w.tab.Update(keyMsg("esc"))
	if w.tab.InScreen() || screenOf(w.tab) != nil {
		t.Fatal("esc did not close the screen")
	}
	if cmd := w.tab.Tick(); cmd != nil {
		t.Error("a closed screen's fetch started")
	}
	if scr.loop.id != 0 || scr.loop.work != nil {
		t.Error("the closed loop still owns a request")
	}
}

func TestRawJSONToggleAndKeys(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	w.tab.Update(keyMsg("J"))
	view := w.tab.View()
	if !strings.Contains(view, "raw JSON · J layout") || !strings.Contains(view, `"name": "Evening peak reduction"`) {
		t.Errorf("J shows no raw JSON:\n%s", view)
	}
	w.tab.Update(keyMsg("J"))
	if !strings.Contains(w.tab.View(), "J raw JSON · x export") {
		t.Error("J did not return to the layout")
	}
	// No key of the screen may also be the chart's: one would shadow the other.
	seen := map[string]string{}
	for _, b := range w.tab.KeyMap() {
		for _, k := range b.Keys() {
			if prev, dup := seen[k]; dup {
				t.Errorf("key %q is both %q and %q", k, prev, b.Help().Desc)
			}
			seen[k] = b.Help().Desc
		}
	}
	for _, k := range []string{"+", "-", "h", "l", "0", "m", "v", "V", "J", "x", "d", "esc", "j", "k"} {
		if _, ok := seen[k]; !ok {
			t.Errorf("key %q is not in the help", k)
		}
	}
}

func TestChartKeysAndMouseReachTheChart(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	chartLines := func() string {
		l := w.scr.lay
		return strings.Join(w.lines()[l.chartTop:l.chartTop+l.chart], "\n")
	}
	before := chartLines()
	w.tab.Update(keyMsg("+"))
	zoomed := chartLines()
	if zoomed == before {
		t.Error("+ did not zoom the chart")
	}
	w.tab.Update(keyMsg("0"))
	if chartLines() != before {
		t.Error("0 did not reset the chart")
	}
	w.tab.Update(tea.MouseMsg{X: 30, Y: w.scr.lay.chartTop + 2, Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	if chartLines() != zoomed {
		t.Error("the wheel over the chart did not zoom it like +")
	}
	w.tab.Update(keyMsg("v"))
	if w.scr.chart.Mode() != chart.ModeVehicle {
		t.Error("v did not show one vehicle")
	}
	cur := w.scr.tbl.Cursor()
	w.tab.Update(tea.MouseMsg{X: 5, Y: w.scr.lay.tableTop + 3, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if w.scr.tbl.Cursor() == cur {
		t.Error("a click on a table row did not select it")
	}
	w.tab.Update(keyMsg("down"))
	w.tab.Update(keyMsg("d"))
	if view := w.tab.View(); !strings.Contains(view, "not yet:  ev-0003, ev-0005, ev-0006") {
		t.Errorf("d shows no descriptor panel:\n%s", view)
	}
}

// TestEverySizeDraws: from 1×1 to 300×100 the screen never panics and
// draws exactly its size.
func TestEverySizeDraws(t *testing.T) {
	w := openWorld(t, append(testReports(), lateReport()), 80, 24)
	check := func(width, height int) {
		w.tab.SetSize(width, height)
		lines := strings.Split(w.tab.View(), "\n")
		if len(lines) != height {
			t.Fatalf("%d×%d: %d lines", width, height, len(lines))
		}
		for i, l := range lines {
			if got := ansi.StringWidth(l); got != width {
				t.Fatalf("%d×%d: line %d is %d cells: %q", width, height, i, got, l)
			}
		}
	}
	for width := 1; width <= 300; width += 11 {
		for height := 1; height <= 100; height += 4 {
			check(width, height)
		}
	}
	for _, sz := range [][2]int{{1, 1}, {2, 2}, {300, 100}, {80, 24}, {24, 5}, {23, 4}, {60, 12}} {
		check(sz[0], sz[1])
	}
	w.tab.Update(keyMsg("J"))
	check(1, 1)
	check(40, 3)
	w.tab.Update(keyMsg("J"))
	w.tab.Update(keyMsg("d"))
	check(30, 9)
	check(200, 60)
}

func TestLayoutShares(t *testing.T) {
	tests := []struct {
		name                  string
		h, header, need, pane int
		chart, table, panel   int
	}{
		{"80x24 content", 21, 3, 7, 4, 8, 7, 0},
		{"120x36 content: the panel below the table, the rest to the chart", 33, 3, 7, 4, 16, 7, 4},
		{"200x60 content: panel below the table", 57, 3, 10, 4, 37, 10, 4},
		{"small: chart and a short table", 15, 2, 10, 4, 6, 4, 0},
		{"tiny: table only", 10, 2, 10, 4, 0, 5, 0},
	}
	for _, tt := range tests {
		l := planLayout(tt.h, tt.header, tt.need, tt.pane, false)
		if l.chart != tt.chart || l.table != tt.table || l.panel != tt.panel {
			t.Errorf("%s: chart %d table %d panel %d, want %d %d %d", tt.name, l.chart, l.table, l.panel, tt.chart, tt.table, tt.panel)
		}
		if sum := 1 + l.header + l.chart + l.desc + l.table + l.panel + l.msg; sum > tt.h {
			t.Errorf("%s: %d lines planned for %d", tt.name, sum, tt.h)
		}
	}
}

// TestHeadlineFollowsTheClock: with no new report, the delivered headline
// moves every second as a hand computation of the test reports says:
// vehicles 1 and 4 at 7.4 kW from minutes 2 and 12, vehicle 2 at 7 kW
// from minute 6 to 15, against 6 × 7.4 kW since the start.
func TestHeadlineFollowsTheClock(t *testing.T) {
	w := openWorld(t, testReports(), 160, 40)
	for s := 0; s < 150; s++ {
		now := t0.Add(time.Duration(s) * time.Second)
		*w.now = now
		w.tab.Tick()
		m := now.Sub(evStart).Minutes()
		delivered := (7.4*(m-2) + 7.0*(15-6) + 7.4*(m-12)) / 60
		target := 6 * 7.4 * m / 60
		want := fmt.Sprintf("delivered %s of %s kWh (%s%%) over %s", present.Number(delivered, 1), present.Number(target, 1),
			present.Number(delivered/target*100, 0), present.Duration(now.Sub(evStart)))
		// After the randomize window (to 18:25): vehicles 1 and 4, against the same target.
		after, afterTarget := 2*7.4*(m-15)/60, 6*7.4*(m-15)/60
		want += fmt.Sprintf(" · after randomize %s%% (%s kWh)", present.Number(after/afterTarget*100, 0), present.Number(after, 1))
		if view := w.tab.View(); !strings.Contains(view, want) {
			t.Fatalf("at %v the headline is not %q:\n%s", now.Format("15:04:05"), want, view)
		}
	}
}

// TestAtColumnFitsAPastDay: an action of another day than today reads
// "18:12 03-04", the time first, and the column is wide enough for it; on
// the event's own day the column stays narrow ("18:12:00").
func TestAtColumnFitsAPastDay(t *testing.T) {
	ev, at := testEvent(), evStart.Add(2*time.Minute)
	later := evStart.Add(48 * time.Hour)
	if got, w := clockText(at, later, time.UTC), targetColumns(ev, later, time.UTC)[tcAt].Width; got != "18:12 03-04" || len(got) > w {
		t.Errorf("two days later: %q in a column of %d", got, w)
	}
	if got, w := clockText(at, evStart, time.UTC), targetColumns(ev, evStart, time.UTC)[tcAt].Width; got != "18:12:00" || w != 8 {
		t.Errorf("the same day: %q in a column of %d", got, w)
	}
}

// TestOverlappingEventIsWarned: a vehicle the screen's event targets that
// another event asks at the same time is named in a warning that says how
// the totals count it.
func TestOverlappingEventIsWarned(t *testing.T) {
	w := openWorld(t, testReports(), 160, 40)
	if strings.Contains(w.tab.View(), "overlapping") {
		t.Fatal("a warning without an overlapping event")
	}
	other := client.Event{ID: "other", Name: "Cold snap peak relief",
		IntervalPeriod:  client.IntervalPeriod{Start: evStart.Add(time.Hour), Duration: time.Hour},
		TargetResources: []client.TargetResource{{ResourceID: vehicleID(2)}, {ResourceID: vehicleID(5)}, {ResourceID: "ev-9999"}}}
	w.store.events = append(w.store.events, other)
	w.tab.Sync(w.store)
	want := "2 vehicles also in 03-04 19:10 Cold snap peak relief: counted in both totals"
	if v := w.tab.View(); !strings.Contains(v, want) {
		t.Errorf("no warning %q:\n%s", want, v)
	}
}
