package events

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/state"
)

// eventAt is the test event moved so that it starts at start.
func eventAt(id string, start time.Time) client.Event {
	ev := testEvent()
	ev.ID = id
	ev.IntervalPeriod.Start = start
	return ev
}

// reportsFor are the test reports re-addressed to ev, shifted with its start.
func reportsFor(ev client.Event, prefix string) []client.Report {
	var out []client.Report
	for _, r := range testReports() {
		r.ID = prefix + r.ID
		r.EventID = ev.ID
		r.CreatedDateTime = ev.IntervalPeriod.Start.Add(r.CreatedDateTime.Sub(evStart))
		out = append(out, r)
	}
	return out
}

func TestComplianceCells(t *testing.T) {
	active := testEvent()
	past := eventAt("past", t0.Add(-5*time.Hour))
	upcoming := eventAt("upcoming", t0.Add(time.Hour))
	all := append(reportsFor(active, ""), reportsFor(past, "p-")...)

	tests := []struct {
		name    string
		store   fakeStore
		record  []client.Report
		ev      client.Event
		want    string
		silent  string
		sortKey bool
	}{
		{"active event", fakeStore{reports: all, offered: true}, nil, active, "30% 3/6", "3", true},
		{"past event: the whole interval", fakeStore{reports: all, offered: true}, nil, past, "33% 3/6", "3", true},
		{"upcoming: nothing to say", fakeStore{reports: all, offered: true}, nil, upcoming, "", "", false},
		{"no report at all on a server that lists them", fakeStore{offered: true}, nil, past, "0% 0/6", "6", true},
		{"a server that cannot list reports, nothing sent", fakeStore{offered: false}, nil, past, "—", "", false},
		{"a server that cannot list reports: the local record", fakeStore{offered: false}, reportsFor(past, "p-"), past, "33% 3/6", "3", true},
		{"the record adds what the server did not list", fakeStore{reports: all[:2], offered: true}, all[2:4], active, "30% 3/6", "3", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := tt.store
			st.loaded = map[state.Kind]bool{state.Reports: true}
			x := newComplianceIndex()
			x.refresh(&st)
			if tt.record != nil {
				x.setRecord(recordSnapshot{reports: tt.record})
			}
			status, _ := fleet.StatusOf(tt.ev, t0)
			c := x.cell(tt.ev, status, t0)
			if c.text != tt.want || c.silent != tt.silent || (c.sort != "") != tt.sortKey {
				t.Errorf("cells %q, silent %q (sort key %q), want %q, silent %q (sort key: %v)",
					c.text, c.silent, c.sort, tt.want, tt.silent, tt.sortKey)
			}
		})
	}
}

func TestComplianceWaitsForReports(t *testing.T) {
	x := newComplianceIndex()
	x.refresh(&fakeStore{offered: true, loaded: map[state.Kind]bool{}})
	if c := x.cell(testEvent(), fleet.EventActive, t0); c.text != "…" {
		t.Errorf("before the reports list answered: %q, want …", c.text)
	}
}

func TestComplianceCellIsCached(t *testing.T) {
	past := eventAt("past", t0.Add(-5*time.Hour))
	active := testEvent()
	st := &fakeStore{reports: append(reportsFor(past, "p-"), reportsFor(active, "")...), offered: true,
		loaded: map[state.Kind]bool{state.Reports: true}}
	x := newComplianceIndex()
	x.refresh(st)
	x.cell(past, fleet.EventDone, t0)
	x.cell(active, fleet.EventActive, t0)
	keys := func() (uint64, uint64) { return x.cells["past"].key, x.cells[active.ID].key }
	p1, a1 := keys()

	x.refresh(st) // the same slice: nothing changed
	x.cell(past, fleet.EventDone, t0.Add(2*time.Minute))
	x.cell(active, fleet.EventActive, t0.Add(30*time.Second))
	if p2, a2 := keys(); p2 != p1 || a2 != a1 {
		t.Error("cells were recomputed without a change")
	}
	x.cell(active, fleet.EventActive, t0.Add(2*time.Minute))
	if _, a3 := keys(); a3 == a1 {
		t.Error("an active event's cell was not recomputed in a new minute")
	}
	st.reports = append(st.reports[:len(st.reports):len(st.reports)], reportsFor(past, "p2-")...) // a new load
	x.refresh(st)
	x.cell(past, fleet.EventDone, t0)
	if p4, _ := keys(); p4 == p1 {
		t.Error("a new reports list did not invalidate the cell")
	}
}

func TestMergeReportsDedupes(t *testing.T) {
	server := []client.Report{{ID: "a", EventID: "e1"}, {ID: "b", EventID: "e1", Payloads: testReports()[0].Payloads}}
	local := []client.Report{{ID: "a", EventID: "e1", Payloads: testReports()[1].Payloads}, {ID: "c", EventID: "e2"}}
	got := mergeReports(server, local)
	if len(got["e1"]) != 2 || len(got["e2"]) != 1 {
		t.Fatalf("merged %v", got)
	}
	if p := got["e1"][0].Payloads; len(p) != 1 || p[0].ResourceID != "ev-0002" {
		t.Errorf("the record's payloads did not fill the server's bare copy: %+v", got["e1"][0])
	}
	if server[0].Payloads != nil {
		t.Error("merging changed the Store's report")
	}
}

// TestListOrderAndColumn: the Events list puts active first, then upcoming
// soonest first, then past most recent first, and shows the compliance
// column for active and past events.
func TestListOrderAndColumn(t *testing.T) {
	now := t0
	evs := []client.Event{
		eventAt("done-old", t0.Add(-30*time.Hour)),
		eventAt("up-late", t0.Add(5*time.Hour)),
		testEvent(),
		eventAt("done-new", t0.Add(-5*time.Hour)),
		eventAt("up-soon", t0.Add(10*time.Minute)),
		{ID: "no-start", Name: "no start"},
	}
	ctx, _ := newTestContext(&fakeAPI{}, &now)
	tb := newTab(ctx)
	tb.SetSize(140, 12)
	tb.Sync(&fakeStore{events: evs, reports: reportsFor(testEvent(), ""), offered: true,
		loaded: map[state.Kind]bool{state.Events: true, state.Reports: true}})
	lines := strings.Split(tb.View(), "\n")
	want := []string{"active", "upcoming starts in 10m00s", "upcoming starts in 5h00m", "done", "done", "unknown"}
	for i, w := range want {
		if !strings.Contains(lines[i+1], w) {
			t.Errorf("row %d: %q, want %q", i, lines[i+1], w)
		}
	}
	if !regexp.MustCompile(`30% 3/6 +3 `).MatchString(lines[1]) {
		t.Errorf("active row lacks its compliance: %q", lines[1])
	}
	if !regexp.MustCompile(`0% 0/6 +6 `).MatchString(lines[4]) || !strings.Contains(lines[4], "2025-03-04 13:35") {
		t.Errorf("the most recent past event should come first: %q", lines[4])
	}
	if !strings.Contains(lines[5], "2025-03-03 12:35") {
		t.Errorf("the older past event second: %q", lines[5])
	}
}
