package ui

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/sandbox"
)

// fakeAPI answers lists from fields, counting calls; everything else is unused.
type fakeAPI struct {
	client.API
	events    []client.Event
	eventsErr error
	calls     int
}

func (f *fakeAPI) ListEvents(context.Context) ([]client.Event, error) {
	f.calls++
	return f.events, f.eventsErr
}

func ev(id, name string) client.Event {
	return client.Event{ID: id, Name: name, Raw: []byte(`{"id":"` + id + `","name":"` + name + `"}`)}
}

func TestSupersededAnswerIsDropped(t *testing.T) {
	api := &fakeAPI{events: []client.Event{ev("e1", "first")}}
	m := New(testOptions(api))
	m.Update(sizeMsg(testWidth, testHeight))

	stale := m.refreshNow(state.Events)
	if stale == nil {
		t.Fatal("no fetch")
	}
	staleMsg := stale().(listResultMsg)
	// The request is abandoned (as when it is superseded); a newer one answers first.
	m.polls.Answer(state.Events, staleMsg.id)
	api.events = []client.Event{ev("e1", "newer")}
	m.Update(m.refreshNow(state.Events)())
	if got := m.cache.Events()[0].Name; got != "newer" {
		t.Fatalf("cache holds %q", got)
	}
	m.Update(staleMsg)
	if got := m.cache.Events()[0].Name; got != "newer" {
		t.Errorf("a superseded answer replaced newer data: %q", got)
	}
}

func TestOverlappingRefreshIsDropped(t *testing.T) {
	api := &fakeAPI{events: []client.Event{ev("e1", "a")}}
	m := New(testOptions(api))
	first := m.refreshNow(state.Events)
	if first == nil {
		t.Fatal("no fetch")
	}
	if again := m.refreshNow(state.Events); again != nil {
		t.Error("a second refresh started while one was in flight")
	}
	press(m, "r")
	m.Update(first())
	if api.calls != 1 {
		t.Errorf("API called %d times, want 1", api.calls)
	}
	if m.refreshNow(state.Events) == nil {
		t.Error("no refresh possible after the answer")
	}
}

func TestStalePollTimerIsIgnored(t *testing.T) {
	m := New(testOptions(&fakeAPI{}))
	m.schedule(state.Events, time.Hour)
	old := m.polls.Of(state.Events).Gen
	m.schedule(state.Events, time.Hour)
	if cmd := m.onPollDue(pollDueMsg{kind: state.Events, gen: old}); cmd != nil {
		t.Error("a superseded timer started a fetch")
	}
	if cmd := m.onPollDue(pollDueMsg{kind: state.Events, gen: m.polls.Of(state.Events).Gen}); cmd == nil {
		t.Error("the current timer did not start a fetch")
	}
}

func TestChangedRowsAreMarked(t *testing.T) {
	api := &fakeAPI{events: []client.Event{ev("e1", "a"), ev("e2", "b")}}
	m := New(testOptions(api))
	m.Update(sizeMsg(testWidth, testHeight))
	m.Update(m.refreshNow(state.Events)())
	if mk := m.cache.Change(state.Events, "e1"); mk != 0 {
		t.Errorf("first load marked e1 %v", mk)
	}
	api.events = []client.Event{ev("e1", "a"), ev("e2", "b2"), ev("e3", "c")}
	m.Update(m.refreshNow(state.Events)())
	for key, want := range map[string]string{"e1": "none", "e2": "changed", "e3": "new"} {
		got := map[int]string{0: "none", 1: "new", 2: "changed"}[int(m.cache.Change(state.Events, key))]
		if got != want {
			t.Errorf("%s marked %s, want %s", key, got, want)
		}
	}
	if !strings.Contains(m.View(), "*") || !strings.Contains(m.View(), "+") {
		t.Errorf("marks not drawn:\n%s", m.View())
	}
	// Marks fade on the clock.
	later := testNow.Add(state.ChangeShownFor)
	m.ctx.Now = func() time.Time { return later }
	m.Update(tickMsg{})
	if mk := m.cache.Change(state.Events, "e3"); mk != 0 {
		t.Errorf("mark did not fade: %v", mk)
	}
}

func TestServerErrorsBackOffAndStayResponsive(t *testing.T) {
	srv := httptest.NewServer(statusHandler(http.StatusInternalServerError))
	defer srv.Close()
	m := newLoaded(t, testOptions(newClient(t, srv.URL, testToken, nil)))

	lp := m.polls.Of(state.Events)
	if lp.Failures != 1 || lp.LastErr == nil {
		t.Fatalf("failures=%d err=%v", lp.Failures, lp.LastErr)
	}
	if st, _ := m.connection(); st != state.ConnRetrying {
		t.Errorf("state %v, want retrying", st)
	}
	view := m.View()
	for _, want := range []string{"retrying in ", "500"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	first := lp.RetryAt.Sub(testNow)
	load(t, m, state.Resources) // Events keeps its poll interval while failing; the others back off
	first = m.polls.Of(state.Resources).RetryAt.Sub(testNow)
	load(t, m, state.Resources)
	if second := m.polls.Of(state.Resources).RetryAt.Sub(testNow); second <= first {
		t.Errorf("retry delay did not grow: %v then %v", first, second)
	}
	// Still responsive: tabs switch and help opens.
	press(m, "2", "?")
	if !strings.Contains(m.View(), "Keys") {
		t.Errorf("help did not open:\n%s", m.View())
	}
}

func TestWrongTokenSaysAuthFailed(t *testing.T) {
	srv := newSandbox(t)
	m := newLoaded(t, testOptions(newClient(t, srv.URL, "wrong-token", nil)))
	if st, _ := m.connection(); st != state.ConnAuth {
		t.Fatalf("state %v, want auth failed", st)
	}
	view := m.View()
	if !strings.Contains(view, "auth failed") {
		t.Errorf("view lacks auth failed:\n%s", view)
	}
	if strings.Contains(view, "wrong-token") {
		t.Error("the token appears on screen")
	}
}

func TestNetworkErrorSaysOffline(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	m := newLoaded(t, testOptions(newClient(t, url, testToken, nil)))
	if st, _ := m.connection(); st != state.ConnOffline {
		t.Fatalf("state %v, want offline", st)
	}
	if v := m.View(); !strings.Contains(v, "offline · retrying in") {
		t.Errorf("view:\n%s", v)
	}
}

func TestReportsNotOfferedIsExplainedNotAnError(t *testing.T) {
	api := &notOffered{fakeAPI: fakeAPI{events: []client.Event{ev("e1", "a")}}}
	m := New(testOptions(api))
	m.Update(sizeMsg(testWidth, testHeight))
	load(t, m, state.Reports)
	if m.polls.Of(state.Reports).LastErr != nil || m.lastErr != "" {
		t.Errorf("not offered counted as an error: %v %q", m.polls.Of(state.Reports).LastErr, m.lastErr)
	}
	press(m, "3")
	if v := m.View(); !strings.Contains(v, "The v1 API cannot list reports") {
		t.Errorf("no explanation:\n%s", v)
	}
}

type notOffered struct{ fakeAPI }

func (*notOffered) ListReports(context.Context) ([]client.Report, error) {
	return nil, errors.Join(errors.New("GET /reports: 404"), client.ErrNotOffered)
}

// After an outage the status bar says ok within one poll: the first answer
// makes every list still backing off from "offline" retry at once.
func TestRecoveryResetsTheRetryDelay(t *testing.T) {
	w := newWalker(t, nil)
	down := func(on bool) {
		w.api.mu.Lock()
		defer w.api.mu.Unlock()
		w.api.fault, w.api.left = sandbox.FaultDrop, 0
		if on {
			w.api.left = 1 << 30
		}
	}
	down(true)
	for range 3 { // three failures each: the next retries are seconds away, and grow
		for _, k := range state.Polled {
			w.run(w.m.refreshNow(k))
		}
	}
	if st, retry := w.m.connection(); st != state.ConnOffline || retry <= 0 {
		t.Fatalf("state %v retry %v while down, want offline with a delay", st, retry)
	}
	down(false)
	w.run(w.m.refreshNow(state.Events)) // the next poll of one list
	w.settle()                          // what its answer started; no timer fires
	if len(w.timers) == 0 {
		t.Fatal("no retry timer was armed while down")
	}
	if st, _ := w.m.connection(); st != state.ConnOK {
		t.Errorf("state %v after the first answer, want ok: %s", st, w.m.statusBar())
	}
}
