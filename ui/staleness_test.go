package ui

import (
	"testing"
	"time"
)

func TestStaleness(t *testing.T) {
	now := testNow
	tests := []struct {
		updated time.Time
		want    string
	}{
		{time.Time{}, "never"},
		{now, "just now"},
		{now.Add(-4999 * time.Millisecond), "just now"},
		{now.Add(time.Minute), "just now"}, // a clock that moved back
		{now.Add(-5 * time.Second), "5 s ago"},
		{now.Add(-12 * time.Second), "12 s ago"},
		{now.Add(-59 * time.Second), "59 s ago"},
		{now.Add(-60 * time.Second), "1 min ago"},
		{now.Add(-3*time.Minute - 59*time.Second), "3 min ago"},
		{now.Add(-5 * time.Hour), "5 h ago"},
		{now.Add(-49 * time.Hour), "2 d ago"},
	}
	for _, tt := range tests {
		if got := Staleness(tt.updated, now); got != tt.want {
			t.Errorf("Staleness(now%+v) = %q, want %q", tt.updated.Sub(now), got, tt.want)
		}
	}
}

func TestTooSmallText(t *testing.T) {
	if got, want := TooSmallText(50, 10), "terminal too small: need 60×15, have 50×10"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
