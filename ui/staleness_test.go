package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
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

// The too-small message fits the terminal it is shown in (at 40×12 it used
// to be cut to "…have 40×").
func TestTooSmallTextFits(t *testing.T) {
	if got, want := TooSmallText(40, 12), "terminal too small: need 60×15, have\n40×12"; got != want {
		t.Errorf("40×12: %q, want %q", got, want)
	}
	if got := TooSmallText(20, 2); got != "terminal too small:\nneed 60×15, have" {
		t.Errorf("20×2: %q", got)
	}
	for w := 1; w < MinWidth; w++ {
		for h := 1; h < MinHeight; h++ {
			lines := strings.Split(TooSmallText(w, h), "\n")
			if len(lines) > h {
				t.Fatalf("%d×%d: %d lines", w, h, len(lines))
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > w || l == "" {
					t.Fatalf("%d×%d: line %q", w, h, l)
				}
			}
		}
	}
}
