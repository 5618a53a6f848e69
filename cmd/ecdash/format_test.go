package main

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{2 * time.Hour, "2h"},
		{90 * time.Minute, "1h 30m"},
		{26 * time.Hour, "1d 2h"},
		{30*time.Second + 500*time.Millisecond, "30.5s"},
		{-15 * time.Minute, "-15m"},
	}
	for _, tt := range tests {
		if got := humanDuration(tt.d); got != tt.want {
			t.Errorf("humanDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestFormatTarget(t *testing.T) {
	tests := []struct {
		p    client.EventPayload
		want string
	}{
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true}, "7.4 kW"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 500, HasValue: true}, "500 W"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 2_500_000, HasValue: true}, "2.5 MW"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 11_040, HasValue: true}, "11.04 kW"},
		{client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}, "16 A"},
		{client.EventPayload{Type: client.PayloadCurrentLevel, Value: 6.5, HasValue: true}, "6.5 A"},
		{client.EventPayload{Type: client.PayloadUnknown, Value: 3, HasValue: true}, "3"},
		{client.EventPayload{Type: client.PayloadPowerLevel}, "-"},
	}
	for _, tt := range tests {
		if got := formatTarget(tt.p); got != tt.want {
			t.Errorf("formatTarget(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestEventStatus(t *testing.T) {
	start := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	ev := client.Event{IntervalPeriod: client.IntervalPeriod{Start: start, Duration: 2 * time.Hour}}
	tests := []struct {
		name string
		ev   client.Event
		now  time.Time
		want string
	}{
		{"before start", ev, start.Add(-time.Minute), "upcoming"},
		{"at start", ev, start, "active"},
		{"inside", ev, start.Add(time.Hour), "active"},
		{"at end", ev, start.Add(2 * time.Hour), "done"},
		{"no start", client.Event{}, start, "unknown"},
		{"started, duration unreadable", client.Event{IntervalPeriod: client.IntervalPeriod{Start: start},
			Problems: []client.FieldProblem{{Field: "intervalPeriod.duration"}}}, start.Add(time.Hour), "unknown"},
		{"not started, duration unreadable", client.Event{IntervalPeriod: client.IntervalPeriod{Start: start},
			Problems: []client.FieldProblem{{Field: "intervalPeriod.duration"}}}, start.Add(-time.Hour), "upcoming"},
	}
	for _, tt := range tests {
		if got := eventStatus(tt.ev, tt.now); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSanitize(t *testing.T) {
	if got := sanitize("ok name"); got != "ok name" {
		t.Errorf("plain text changed: %q", got)
	}
	if got := sanitize("a\tb\nc\x1b[31md\u009b"); got != "a\uFFFDb\uFFFDc\uFFFD[31md\uFFFD" {
		t.Errorf("control characters kept: %q", got)
	}
}

func TestCellMarksProblems(t *testing.T) {
	problems := []client.FieldProblem{
		{Field: "intervalPeriod.duration", Raw: json.RawMessage(`"2 hours"`), Message: `not a duration: "2 hours"`},
		{Field: "payload", Raw: json.RawMessage(`{"payloadType":"PowerLevel","targetPower":-5}`), Message: "negative target"},
	}
	tests := []struct {
		field, value, want string
	}{
		{"intervalPeriod.duration", "2h", "!2 hours"},
		{"intervalPeriod.start", "2025-06-01 12:00", "2025-06-01 12:00"},
		{"payload.targetPower", "x", `!{"payloadType":"PowerLe…`}, // a problem on the enclosing object
		{"name", "", "-"},
	}
	for _, tt := range tests {
		if got := cell(problems, tt.field, tt.value); got != tt.want {
			t.Errorf("cell(%s) = %q, want %q", tt.field, got, tt.want)
		}
	}
}
