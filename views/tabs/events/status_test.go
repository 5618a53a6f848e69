package events

import (
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views/components/table"
)

func TestRowMarksInvalidFields(t *testing.T) {
	ev := client.Event{
		ID: "e1", Name: "x",
		Payload:  client.EventPayload{Type: client.PayloadPowerLevel},
		Problems: []client.FieldProblem{{Field: "payload.targetPower", Raw: []byte(`-5`), Message: "negative target: -5"}},
	}
	r := row(ev, time.Now(), time.UTC)
	if r.Cells[ColTarget] != "!-5" {
		t.Errorf("target cell %q", r.Cells[ColTarget])
	}
	if r.Cells[ColName] != "x" {
		t.Errorf("name cell %q: the rest of the row must stay", r.Cells[ColName])
	}
	if r.Mark == 0 {
		t.Error("a row with problems is not marked")
	}
}

// TestRowMarks: a past event recedes and an event with an invalid field is
// flagged, and the list keeps those marks when nothing changed recently.
func TestRowMarks(t *testing.T) {
	past := eventAt("past", t0.Add(-5*time.Hour))
	broken := eventAt("broken", t0.Add(time.Hour))
	broken.Problems = []client.FieldProblem{{Field: "intervalPeriod.duration", Message: "not a duration"}}
	for _, tt := range []struct {
		ev   client.Event
		want table.Mark
	}{
		{past, table.MarkMuted},
		{testEvent(), table.MarkNone},
		{broken, table.MarkDanger},
	} {
		if got := row(tt.ev, t0, time.UTC).Mark; got != tt.want {
			t.Errorf("%s: mark %v, want %v", tt.ev.ID, got, tt.want)
		}
	}

	// In the list the cursor sits on the active event; the broken one below
	// keeps its own mark in the gutter.
	now := t0
	ctx, _ := newTestContext(&fakeAPI{}, &now)
	tb := newTab(ctx)
	tb.SetSize(140, 6)
	tb.Sync(&fakeStore{events: []client.Event{broken, testEvent()}, loaded: map[state.Kind]bool{state.Events: true}})
	if line := strings.Split(tb.View(), "\n")[2]; !strings.HasPrefix(line, "!") || !strings.Contains(line, "upcoming") {
		t.Errorf("the invalid event lost its mark in the list: %q", line)
	}
}
