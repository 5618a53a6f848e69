package events

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// The dispatch screen for a fixed event and fixed reports at a fixed clock
// (t0), at the content sizes of a 120×36 and an 80×24 terminal (the shell
// takes three lines). Update with go test ./views/events -run Golden -update,
// then read the diff.
func TestGoldenDispatchScreen(t *testing.T) {
	for _, tt := range []struct {
		name          string
		width, height int
	}{
		{"120x33", 120, 33},
		{"80x21", 80, 21},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := openWorld(t, append(testReports(), lateReport()), tt.width, tt.height)
			golden.RequireEqual(t, []byte(w.tab.View()+"\n"))
		})
	}
}
