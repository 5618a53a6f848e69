package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
	"github.com/ecdash/ecdash/views/tabs/feed"
)

// runner drives a model the way tea.Program does: commands run on their own
// goroutines and their messages are applied one at a time, here on the
// test's goroutine. Timers (ticks, polls) are dropped: nothing waits on the
// wall clock.
type runner struct {
	t    testing.TB
	m    *Model
	msgs chan tea.Msg
	stop chan struct{}
}

func newRunner(t testing.TB, m *Model) *runner {
	r := &runner{t: t, m: m, msgs: make(chan tea.Msg, 1024), stop: make(chan struct{})}
	// Commands still running at the end (a poll timer, say) are abandoned:
	// their message is dropped once stop is closed.
	t.Cleanup(func() {
		m.Shutdown() // ends the live feed, so awaitFeed returns
		close(r.stop)
	})
	return r
}

// run starts cmd (and, recursively, the batches it returns).
func (r *runner) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				r.run(c)
			}
			return
		}
		select {
		case r.msgs <- msg:
		case <-r.stop:
		}
	}()
}

// until applies messages until cond holds; it fails the test if that takes
// longer than waitLimit (a hang guard, not a timing assertion).
func (r *runner) until(what string, cond func() bool) {
	r.t.Helper()
	deadline := time.After(waitLimit)
	for !cond() {
		select {
		case msg := <-r.msgs:
			if isTimer(msg) {
				continue
			}
			_, cmd := r.m.Update(msg)
			r.run(cmd)
		case <-deadline:
			r.t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// isTimer tells the clock's messages, which the runner drops.
func isTimer(msg tea.Msg) bool {
	switch msg.(type) {
	case tickMsg, pollDueMsg:
		return true
	}
	return false
}

// start runs the model's Init through the runner.
func (r *runner) start() { r.run(r.m.Init()) }

// fixedFeed is a livefeed.Source with a fixed status, fed by the test.
type fixedFeed struct {
	updates chan livefeed.Update
	status  livefeed.SourceStatus
	history func(livefeed.Record) bool
}

func (f *fixedFeed) Start(ctx context.Context, _ int) (<-chan livefeed.Update, func(livefeed.Record) bool, error) {
	live := f.history
	if live == nil {
		live = func(livefeed.Record) bool { return true }
	}
	// Forward until ctx ends, then close, as a real source does.
	out := make(chan livefeed.Update)
	go func() {
		defer close(out)
		for {
			select {
			case u := <-f.updates:
				select {
				case out <- u:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, live, nil
}

func (f *fixedFeed) Status() livefeed.SourceStatus { return f.status }

// liveAPI is a fake API for the live-feed tests: a fixed event list, and
// GetEvent answers from a map, counted per id.
type liveAPI struct {
	client.API
	mu      sync.Mutex
	events  []client.Event
	byID    map[string]client.Event
	gets    map[string]int
	lists   int
	subs    map[string]client.Subscription
	created []client.SubscriptionRequest
	deleted []string
}

func newLiveAPI(events ...client.Event) *liveAPI {
	a := &liveAPI{events: events, byID: map[string]client.Event{}, gets: map[string]int{}, subs: map[string]client.Subscription{}}
	for _, e := range events {
		a.byID[e.ID] = e
	}
	return a
}

func (a *liveAPI) ListEvents(context.Context) ([]client.Event, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lists++
	return append([]client.Event(nil), a.events...), nil
}

func (a *liveAPI) GetEvent(_ context.Context, id string) (client.Event, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.gets[id]++
	ev, ok := a.byID[id]
	if !ok {
		return client.Event{}, &client.Error{Op: "GetEvent", Method: "GET", Path: "/events/" + id, StatusCode: 404}
	}
	return ev, nil
}

func (a *liveAPI) getCount(id string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.gets[id]
}

func (a *liveAPI) ListResources(context.Context) ([]client.Resource, error) { return nil, nil }
func (a *liveAPI) ListReports(context.Context) ([]client.Report, error)     { return nil, nil }
func (a *liveAPI) ListSubscriptions(context.Context) ([]client.Subscription, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []client.Subscription
	for _, s := range a.subs {
		out = append(out, s)
	}
	return out, nil
}

// localFeedServer is a real receiver and journal (livefeedtest) wrapped as
// the dashboard's livefeed.LocalSource.
func localFeedServer(t testing.TB) (*livefeedtest.Server, *livefeed.LocalSource) {
	srv := livefeedtest.NewServer(t)
	return srv, livefeed.NewLocalSource(srv.Store, srv.Receiver, "127.0.0.1:test", [][]byte{srv.Secret})
}

// feedOptions are testOptions with a live feed and a poll interval that
// never comes round during a test.
func feedOptions(api client.API, src livefeed.Source) Options {
	o := testOptions(api)
	o.Feed = src
	o.PollInterval = 10 * time.Minute
	return o
}

// feedRows is the number of rows the Feed tab's model holds.
func feedRows(m *Model) int {
	_, total := m.tabs[state.Feed].Counts()
	return total
}

// feedTab is the model's Feed tab, for tests that read its items.
func feedTab(m *Model) *feed.Tab { return m.tabs[state.Feed].(*feed.Tab) }
