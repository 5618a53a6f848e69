package ui

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/sandbox"
	"github.com/ecdash/ecdash/views"
)

// The fixed world of the tests: a clock, a zone, a seed, a size.
var testNow = time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)

const (
	testSeed   = 7
	testToken  = "test-token-0123456789"
	testWidth  = 120
	testHeight = 36
)

func TestMain(m *testing.M) {
	// Plain text goldens: no colour codes, whatever the terminal running the tests.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Unsetenv("NO_COLOR")
	os.Exit(m.Run())
}

func fixedNow() time.Time { return testNow }

// newSandbox serves a seeded sandbox on loopback for the test's lifetime.
func newSandbox(t testing.TB) *httptest.Server {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Token: testToken, Seed: testSeed, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(func() {
		srv.Close()
		sb.Close()
	})
	return srv
}

// newClient talks to url with token; retries do not wait.
func newClient(t testing.TB, url, token string, log *state.RequestLog) *client.Client {
	t.Helper()
	opts := client.Options{
		BaseURL:        url,
		Token:          token,
		RequestTimeout: 10 * time.Second,
		MaxAttempts:    2,
		Sleep:          func(context.Context, time.Duration) error { return nil },
	}
	if log != nil {
		opts.Observer = log.Observe
	}
	c, err := client.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testOptions are the dashboard options every test starts from.
func testOptions(api client.API) Options {
	return Options{
		API:          api,
		Profile:      "test",
		APIHost:      "sandbox.local",
		PollInterval: time.Hour, // no second poll during a test unless it asks
		Now:          fixedNow,
		Location:     time.UTC,
		Jitter:       func() float64 { return 0.5 },
		Clipboard:    io.Discard, // a copied secret must not reach the test's output
	}
}

// newLoaded builds a model against the sandbox, sized, with every list
// fetched synchronously (the fetch commands are run in place).
func newLoaded(t testing.TB, opts Options) *Model {
	t.Helper()
	m := New(opts)
	t.Cleanup(m.Shutdown)
	m.Update(tea.WindowSizeMsg{Width: testWidth, Height: testHeight})
	for _, k := range state.Polled {
		load(t, m, k)
	}
	return m
}

// load runs one fetch of kind to completion and feeds the answer back.
func load(t testing.TB, m *Model, kind state.Kind) {
	t.Helper()
	cmd := m.refreshNow(kind)
	if cmd == nil {
		t.Fatalf("no fetch started for %v", kind)
	}
	m.Update(cmd())
	settle(m)
}

// settle makes every row a change left to make, as the program's
// moreRows steps would.
func settle(m *Model) {
	for {
		p, ok := m.activeTab().(views.Pender)
		if !ok || !p.Pending() {
			m.rowsQueued = false
			return
		}
		m.Update(moreRowsMsg{})
	}
}

// press sends keys to the model, one message per key name.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// typeText sends each rune of s as a key.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// statusHandler answers every request with code and a problem+json body.
func statusHandler(code int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"title":%q,"status":%d}`, http.StatusText(code), code)
	})
}

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

type (
	ctxT = context.Context
	apiT = client.API
)

// newTestModelWithEvents is a sized model holding two events from a fake API.
func newTestModelWithEvents(t testing.TB) *Model {
	t.Helper()
	api := &fakeAPI{events: []client.Event{ev("e1", "alpha"), ev("e2", "beta")}}
	m := New(testOptions(api))
	t.Cleanup(m.Shutdown)
	m.Update(sizeMsg(testWidth, testHeight))
	load(t, m, state.Events)
	return m
}
