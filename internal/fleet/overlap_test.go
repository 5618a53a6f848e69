package fleet

import (
	"reflect"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestOverlaps(t *testing.T) {
	t0 := time.Date(2026, 12, 5, 7, 0, 0, 0, time.UTC)
	ev := func(id string, from, hours float64, targets ...string) client.Event {
		e := client.Event{ID: id, IntervalPeriod: client.IntervalPeriod{Start: t0.Add(time.Duration(from * float64(time.Hour))), Duration: time.Duration(hours * float64(time.Hour))}}
		for _, r := range targets {
			e.TargetResources = append(e.TargetResources, client.TargetResource{ResourceID: r})
		}
		return e
	}
	me := ev("me", 0, 2, "a", "b", "c")
	all := []client.Event{
		me,
		ev("during", 1, 2, "c", "b", "z"), // overlaps, shares b and c
		ev("before", -2, 2, "a"),          // ends as mine starts: no overlap
		ev("after", 2, 1, "a"),            // starts as mine ends: no overlap
		ev("elsewhere", 0.5, 1, "x", "y"), // overlaps, shares nothing
		{ID: "no interval", TargetResources: []client.TargetResource{{ResourceID: "a"}}},
	}
	got := Overlaps(me, all)
	if len(got) != 1 || got[0].Event.ID != "during" || !reflect.DeepEqual(got[0].Shared, []string{"b", "c"}) {
		t.Errorf("overlaps %+v, want during sharing b and c", got)
	}
	if got := Overlaps(client.Event{ID: "none"}, all); got != nil {
		t.Errorf("an event without an interval overlaps %+v", got)
	}
}
