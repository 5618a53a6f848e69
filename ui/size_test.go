package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestNoPanicAtAnySize draws every screen at every size from 1×1 to 300×100.
// The screens come in groups, each reached by its keys from a fresh model
// and drawn in a parallel subtest: the dispatch screen, whose chart is made
// again at each size, is most of the work.
func TestNoPanicAtAnySize(t *testing.T) {
	t.Parallel() // its own sandboxes and models; the longest test of the package
	type screen struct {
		name string
		keys []string
	}
	groups := [][]screen{
		{{"events", []string{"1"}}},
		{{"detail", []string{"1", "enter"}}},
		{{"raw json", []string{"1", "enter", "v"}}},
		{
			{"resources filtered", []string{"esc", "2", "/", "v", "o", "enter"}},
			{"reports", []string{"3"}},
			{"subscriptions", []string{"4"}},
			{"feed", []string{"5"}},
			{"help", []string{"1", "?"}},
			{"log", []string{"L"}},
			{"palette", []string{"esc", ":"}},
		},
	}
	for g, screens := range groups {
		t.Run(screens[0].name, func(t *testing.T) {
			t.Parallel()
			srv := newSandbox(t)
			m := newLoaded(t, testOptions(newClient(t, srv.URL, testToken, nil)))
			for i, s := range screens {
				press(m, s.keys...)
				all := g == 0 && i == 0 // the list: every size, and lines measured on a grid
				for _, sz := range sizes(all && !testing.Short()) {
					w, h := sz[0], sz[1]
					m.Update(sizeMsg(w, h))
					out := m.View()
					if w < MinWidth || h < MinHeight {
						if out != TooSmallText(w, h) {
							t.Fatalf("%s at %dx%d: %q", s.name, w, h, out)
						}
						continue
					}
					if !all || w%10 == 0 || h%10 == 0 { // measuring every line of 30,000 screens is slow
						checkFits(t, s.name, out, w, h)
					}
				}
			}
		})
	}
}

// sizes lists every size from 1×1 to 300×100 when all is true; otherwise
// every width at a few heights and every height at a few widths, which
// crosses every layout threshold on each axis.
func sizes(all bool) [][2]int {
	var out [][2]int
	if all {
		for w := 1; w <= 300; w++ {
			for h := 1; h <= 100; h++ {
				out = append(out, [2]int{w, h})
			}
		}
		return out
	}
	for w := 1; w <= 300; w++ {
		for _, h := range []int{1, 14, 15, 16, 36, 100} {
			out = append(out, [2]int{w, h})
		}
	}
	for h := 1; h <= 100; h++ {
		for _, w := range []int{1, 59, 60, 61, 120, 300} {
			out = append(out, [2]int{w, h})
		}
	}
	return out
}

// checkFits fails when out is not exactly h lines of at most w cells.
func checkFits(t *testing.T, name, out string, w, h int) {
	t.Helper()
	lines := strings.Split(out, "\n")
	if len(lines) != h {
		t.Fatalf("%s at %dx%d: %d lines", name, w, h, len(lines))
	}
	for i, l := range lines {
		if len(l) <= w {
			continue // a cell takes at least one byte: it fits
		}
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s at %dx%d: line %d is %d cells: %q", name, w, h, i, lw, l)
		}
	}
}

func TestResizeRestoresTheScreen(t *testing.T) {
	m := newTestModelWithEvents(t)
	before := m.View()
	m.Update(sizeMsg(50, 10))
	if got := m.View(); got != "terminal too small: need 60×15, have 50×10" {
		t.Fatalf("small: %q", got)
	}
	m.Update(sizeMsg(testWidth, testHeight))
	if after := m.View(); after != before {
		t.Errorf("screen not restored:\n%s\n---\n%s", before, after)
	}
}
