package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

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
