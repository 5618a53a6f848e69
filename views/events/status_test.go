package events

import (
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestStatusAt(t *testing.T) {
	start := time.Date(2025, 3, 4, 18, 0, 0, 0, time.UTC)
	ev := client.Event{IntervalPeriod: client.IntervalPeriod{Start: start, Duration: 2 * time.Hour}}
	tests := []struct {
		name string
		ev   client.Event
		now  time.Time
		want string
	}{
		{"upcoming", ev, start.Add(-4*time.Minute - 12*time.Second), "upcoming starts in 4m12s"},
		{"starts now", ev, start, "active ends in 2h00m"},
		{"active", ev, start.Add(57 * time.Minute), "active ends in 1h03m"},
		{"ends now", ev, start.Add(2 * time.Hour), "done "},
		{"no start", client.Event{}, start, "unknown "},
		{"invalid duration", client.Event{
			IntervalPeriod: client.IntervalPeriod{Start: start},
			Problems:       []client.FieldProblem{{Field: "intervalPeriod.duration"}},
		}, start.Add(time.Minute), "active end unknown"},
	}
	for _, tt := range tests {
		st, left := StatusAt(tt.ev, tt.now)
		if got := st.String() + " " + Countdown(st, left); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRowMarksInvalidFields(t *testing.T) {
	ev := client.Event{
		ID: "e1", Name: "x",
		Payload:  client.EventPayload{Type: client.PayloadPowerLevel},
		Problems: []client.FieldProblem{{Field: "payload.targetPower", Raw: []byte(`-5`), Message: "negative target: -5"}},
	}
	r := row(ev, time.Now(), time.UTC)
	if r.Cells[ColTarget] != "⚠ invalid" {
		t.Errorf("target cell %q", r.Cells[ColTarget])
	}
	if r.Cells[ColName] != "x" {
		t.Errorf("name cell %q: the rest of the row must stay", r.Cells[ColName])
	}
	if r.Mark == 0 {
		t.Error("a row with problems is not marked")
	}
}
