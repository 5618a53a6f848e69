package ui

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// waitLimit bounds every wait so a broken test fails instead of hanging;
// nothing is asserted about how long anything takes.
const waitLimit = 15 * time.Second

// app runs the dashboard against a fresh sandbox in a teatest program at
// the fixed test size, and waits for the Events tab to show its data.
func app(t *testing.T) *teatest.TestModel {
	t.Helper()
	srv := newSandbox(t)
	m := New(testOptions(newClient(t, srv.URL, testToken, nil)))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(testWidth, testHeight))
	t.Cleanup(func() { tm.Quit() })
	waitFor(t, tm, "FFR activation", "13 rows", "37% 6/9") // the last: reports loaded too
	return tm
}

// waitFor waits until the program has written every one of wants since the
// last wait.
func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range wants {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(waitLimit), teatest.WithCheckInterval(10*time.Millisecond))
}

// send types keys into the program, one key message per name.
func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// finalScreen quits the program and returns its last screen.
func finalScreen(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(keyMsg("ctrl+c"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(waitLimit))
	return fm.(*Model).View()
}

func requireGolden(t *testing.T, screen string) {
	t.Helper()
	golden.RequireEqual(t, []byte(screen+"\n"))
}

func TestGoldenEvents(t *testing.T) {
	tm := app(t)
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenResources(t *testing.T) {
	tm := app(t)
	send(tm, "2")
	waitFor(t, tm, "Resources updated", "40 rows")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenReports(t *testing.T) {
	tm := app(t)
	send(tm, "3")
	waitFor(t, tm, "Reports updated")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenSubscriptions(t *testing.T) {
	tm := app(t)
	send(tm, "4")
	waitFor(t, tm, "no subscriptions yet")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenFeed(t *testing.T) {
	tm := app(t)
	send(tm, "5")
	waitFor(t, tm, "No live feed is configured")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenEventDetail(t *testing.T) {
	tm := app(t)
	send(tm, "enter") // the active event, first in the list
	// Its reports and the vehicles' make and model are in.
	waitFor(t, tm, "listed by the server", "ends in 1h40m", "Polestar 2")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenEventDetailRawJSON(t *testing.T) {
	tm := app(t)
	send(tm, "enter", "J")
	waitFor(t, tm, `"programId": "peak-shaving-oslo"`) // the list keeps no raw JSON: the screen's fetch brings it
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenResourceDetail(t *testing.T) {
	tm := app(t)
	send(tm, "2")
	waitFor(t, tm, "40 rows")
	send(tm, "enter")
	waitFor(t, tm, "VIN:")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenFilter(t *testing.T) {
	tm := app(t)
	send(tm, "2")
	waitFor(t, tm, "40 rows")
	send(tm, "/", "v", "o", "l", "v", "o")
	waitFor(t, tm, "4/40 rows")
	screen := finalScreen(t, tm)
	if strings.Count(screen, "Volvo") != 4 {
		t.Errorf("filter /volvo should leave 4 Volvo rows:\n%s", screen)
	}
	requireGolden(t, screen)
}

func TestGoldenSort(t *testing.T) {
	tm := app(t)
	send(tm, "2")
	waitFor(t, tm, "40 rows")
	send(tm, "right", "right", "S", "S") // Brand, then descending
	waitFor(t, tm, "Brand ▼")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenHelp(t *testing.T) {
	tm := app(t)
	send(tm, "?")
	waitFor(t, tm, "Keys · esc closes")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenPalette(t *testing.T) {
	tm := app(t)
	send(tm, ":", "t", "h")
	waitFor(t, tm, "theme high-contrast")
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenTooSmall(t *testing.T) {
	tm := app(t)
	tm.Send(tea.WindowSizeMsg{Width: 50, Height: 10})
	waitFor(t, tm, "terminal too small")
	requireGolden(t, finalScreen(t, tm))
}

// TestServerAnswering500StaysResponsive runs the real program against a
// server that fails everything: it shows the retrying state, keeps taking
// keys, and quits cleanly.
func TestServerAnswering500StaysResponsive(t *testing.T) {
	srv := httptest.NewServer(statusHandler(http.StatusInternalServerError))
	defer srv.Close()
	m := New(testOptions(newClient(t, srv.URL, testToken, nil)))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(testWidth, testHeight))
	waitFor(t, tm, "retrying in")
	send(tm, "2", "?")
	waitFor(t, tm, "Keys · esc closes")
	send(tm, "esc", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(waitLimit)).(*Model)
	if fm.active != 1 {
		t.Errorf("active tab %v, want Resources", fm.active)
	}
}

// The states below are drawn from a model driven directly (fetches run in
// place), so they are exact: fixed clock, fixed jitter.

func TestGoldenServerErrors(t *testing.T) {
	srv := httptest.NewServer(statusHandler(http.StatusInternalServerError))
	defer srv.Close()
	m := newLoaded(t, testOptions(newClient(t, srv.URL, testToken, nil)))
	requireGolden(t, m.View())
}

func TestGoldenAuthFailed(t *testing.T) {
	srv := newSandbox(t)
	m := newLoaded(t, testOptions(newClient(t, srv.URL, "not-the-token", nil)))
	requireGolden(t, m.View())
}

func TestGoldenReadOnly(t *testing.T) {
	srv := newSandbox(t)
	opts := testOptions(newClient(t, srv.URL, testToken, nil))
	opts.ReadOnly = true
	m := newLoaded(t, opts)
	requireGolden(t, m.View())
}
