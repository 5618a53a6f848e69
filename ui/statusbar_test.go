package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/sandbox"
)

// offlineModel is a dashboard whose API stopped answering: every list
// failed, the last error is set.
func offlineModel(t *testing.T, readOnly bool) *Model {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	opts := testOptions(newClient(t, url, testToken, nil))
	opts.ReadOnly = readOnly
	m := newLoaded(t, opts)
	if st, _ := m.connection(); st != state.ConnOffline || m.lastErr == "" {
		t.Fatalf("state %v, last error %q: want offline with an error", st, m.lastErr)
	}
	return m
}

// The status bar never drops the host, the connection state or the last
// error, on any tab at any width the dashboard draws; what gives way is,
// in order, the long forms, then help, the row count, the feed and the
// freshness. It is always exactly as wide as the terminal.
func TestStatusBarKeepsHostStateAndError(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		m := offlineModel(t, readOnly)
		errStart := m.lastErr[:8]
		for _, tab := range []string{"1", "2", "3", "4", "5"} {
			press(m, tab)
			for w := MinWidth; w <= 200; w++ {
				m.Update(sizeMsg(w, testHeight))
				bar := m.statusBar()
				plain := ansi.Strip(bar)
				if got := ansi.StringWidth(bar); got != w {
					t.Fatalf("tab %s at %d columns: the bar is %d wide: %q", tab, w, got, plain)
				}
				for _, want := range []string{"sandbox.local", "offline", errStart} {
					if !strings.Contains(plain, want) {
						t.Fatalf("tab %s at %d columns (read-only %v): no %q in %q", tab, w, readOnly, want, plain)
					}
				}
				if readOnly && !strings.Contains(plain, "READ-ONLY") && !strings.Contains(plain, " RO ") {
					t.Fatalf("tab %s at %d columns: read-only is not said: %q", tab, w, plain)
				}
			}
		}
	}
}

// TestStatusBarOffline80 is the status bar of every tab at 80 columns
// while the API is offline (golden).
func TestStatusBarOffline80(t *testing.T) {
	m := offlineModel(t, false)
	m.Update(sizeMsg(80, testHeight))
	var b strings.Builder
	for _, tab := range []string{"1", "2", "3", "4", "5"} {
		press(m, tab)
		b.WriteString(ansi.Strip(m.statusBar()) + "\n")
	}
	requireGolden(t, strings.TrimSuffix(b.String(), "\n"))
}

// While the API cannot be reached, the line above the status bar says the
// table is as old as its last answer; it goes with the first answer.
func TestTableSaysItIsStaleWhileOffline(t *testing.T) {
	w := newWalker(t, nil)
	w.api.mu.Lock()
	w.api.fault, w.api.left = sandbox.FaultDrop, 1<<30
	w.api.mu.Unlock()
	for _, k := range state.Polled {
		w.run(w.m.refreshNow(k))
	}
	if v := w.m.View(); !strings.Contains(v, "⚠ offline: Events as of") || !strings.Contains(v, "not updated until the API answers again") {
		t.Fatalf("offline, the table does not say it is stale:\n%s", v)
	}
	w.api.mu.Lock()
	w.api.left = 0
	w.api.mu.Unlock()
	w.run(w.m.refreshNow(state.Events))
	w.settle()
	if v := w.m.View(); strings.Contains(v, "⚠ offline") {
		t.Errorf("the stale note stayed after the API answered:\n%s", v)
	}
}
