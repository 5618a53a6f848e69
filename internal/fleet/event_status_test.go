package fleet_test

import (
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
)

func TestStatusOf(t *testing.T) {
	start := time.Date(2025, 3, 4, 18, 0, 0, 0, time.UTC)
	ev := client.Event{IntervalPeriod: client.IntervalPeriod{Start: start, Duration: 2 * time.Hour}}
	badDuration := client.Event{
		IntervalPeriod: client.IntervalPeriod{Start: start},
		Problems:       []client.FieldProblem{{Field: "intervalPeriod.duration"}},
	}
	badPeriod := badDuration
	badPeriod.Problems = []client.FieldProblem{{Field: "intervalPeriod"}}
	tests := []struct {
		name string
		ev   client.Event
		now  time.Time
		want fleet.EventStatus
		left time.Duration
	}{
		{"upcoming", ev, start.Add(-4*time.Minute - 12*time.Second), fleet.EventUpcoming, 4*time.Minute + 12*time.Second},
		{"starts now", ev, start, fleet.EventActive, 2 * time.Hour},
		{"active", ev, start.Add(57 * time.Minute), fleet.EventActive, 63 * time.Minute},
		{"ends now", ev, start.Add(2 * time.Hour), fleet.EventDone, 0},
		{"no start", client.Event{}, start, fleet.EventUnknown, 0},
		{"unreadable duration: started, end unknown", badDuration, start.Add(time.Minute), fleet.EventActive, -1},
		{"unreadable interval: its start is not known", badPeriod, start.Add(time.Minute), fleet.EventUnknown, 0},
		{"unreadable duration, not started yet", badDuration, start.Add(-time.Minute), fleet.EventUpcoming, time.Minute},
	}
	for _, tt := range tests {
		st, left := fleet.StatusOf(tt.ev, tt.now)
		if st != tt.want || left != tt.left {
			t.Errorf("%s: %v %v, want %v %v", tt.name, st, left, tt.want, tt.left)
		}
	}
}
