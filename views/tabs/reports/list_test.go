package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
)

// A report is listed with its event's start and name, and follows the
// event when it is renamed, although the report itself did not change.
func TestReportNamesItsEvent(t *testing.T) {
	now := time.Date(2026, 12, 5, 7, 30, 0, 0, time.UTC)
	ev := client.Event{ID: "ev-1", Name: "Morning peak", IntervalPeriod: client.IntervalPeriod{Start: now.Add(-30 * time.Minute), Duration: time.Hour}}
	rep := client.Report{ID: "rep-1", EventID: "ev-1", Name: "answer", CreatedDateTime: now}
	other := client.Report{ID: "rep-2", EventID: "ev-unknown", Name: "stray", CreatedDateTime: now}
	store := state.NewCache()
	store.Apply(state.Events, []client.Event{ev}, now)
	store.Apply(state.Reports, []client.Report{rep, other}, now)
	tab := New(&views.Context{Theme: themes.Default(), Now: func() time.Time { return now }, Location: time.UTC})
	tab.SetSize(140, 10)
	tab.Sync(store)
	if v := tab.View(); !strings.Contains(v, "12-05 07:00 Morning peak") || !strings.Contains(v, "ev-unknown") {
		t.Fatalf("the reports do not name their events:\n%s", v)
	}
	ev.Name = "Morning peak (moved)" // the report itself is unchanged
	store.Apply(state.Events, []client.Event{ev}, now.Add(time.Minute))
	tab.Sync(store)
	if v := tab.View(); !strings.Contains(v, "12-05 07:00 Morning peak (moved)") {
		t.Fatalf("the report did not follow its event's new name:\n%s", v)
	}
}
