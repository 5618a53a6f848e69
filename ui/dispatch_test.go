package ui

import (
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/ecdash/ecdash/sandbox"
)

// TestGoldenEventDetail80x24 is the dispatch screen of the seeded active
// event on the smallest usual terminal (TestGoldenEventDetail is 120×36).
func TestGoldenEventDetail80x24(t *testing.T) {
	srv := newSandbox(t)
	m := New(testOptions(newClient(t, srv.URL, testToken, nil)))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	t.Cleanup(func() { tm.Quit() })
	waitFor(t, tm, "37% 6/9", "13 rows")
	send(tm, "enter")
	waitFor(t, tm, "listed by the server", "ends in 1h40m", "Tesla Mod")
	requireGolden(t, finalScreen(t, tm))
}

// movingClock is a clock the test moves while the program and the sandbox read it.
type movingClock struct{ ns atomic.Int64 }

func (c *movingClock) Now() time.Time  { return time.Unix(0, c.ns.Load()).UTC() }
func (c *movingClock) Set(t time.Time) { c.ns.Store(t.UnixNano()) }
func newMovingClock(t time.Time) *movingClock {
	c := &movingClock{}
	c.Set(t)
	return c
}

// TestEventDetailMovesWithoutAKey: with the dispatch screen open, the
// sandbox fleet reports; the screen's own fetch brings the report in and
// the chart, table and counts change with no key pressed.
func TestEventDetailMovesWithoutAKey(t *testing.T) {
	t.Parallel() // its own clock, sandbox and program; it waits for the clock's ticks
	clk := newMovingClock(testNow)
	sb, err := sandbox.New(sandbox.Options{Token: testToken, Seed: testSeed, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(func() {
		srv.Close()
		sb.Close()
	})
	opts := testOptions(newClient(t, srv.URL, testToken, nil))
	opts.Now = clk.Now
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(testWidth, testHeight))
	t.Cleanup(func() { tm.Quit() })
	waitFor(t, tm, "37% 6/9", "13 rows")
	send(tm, "enter")
	waitFor(t, tm, "reports: 6 listed by the server", "6 responded, 3 silent")

	clk.Set(testNow.Add(5 * time.Minute))
	if n, err := sb.Advance(clk.Now()); err != nil || n != 1 {
		t.Fatalf("the fleet added %d reports (%v), want 1", n, err)
	}
	// No key from here on: the screen polls by itself.
	waitFor(t, tm, "reports: 7 listed by the server", "now 18:35")
	screen := finalScreen(t, tm)
	for _, want := range []string{"ends in 1h35m", "reports: 7 listed by the server", "updated 18:35:"} {
		if !strings.Contains(screen, want) {
			t.Errorf("after the fleet reported, the screen lacks %q:\n%s", want, screen)
		}
	}
}
