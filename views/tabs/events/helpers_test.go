package events

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
)

func TestMain(m *testing.M) {
	// Plain text: goldens and assertions see no colour codes.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// t0 is the fixed clock of the tests: the test event started 25 minutes
// ago, so its response deadline (start + 15m window + 5m grace) is past.
var (
	evStart = time.Date(2025, 3, 4, 18, 10, 0, 0, time.UTC)
	t0      = evStart.Add(25 * time.Minute)
)

func f64(v float64) *float64 { return &v }

// fakeStore is a state.Store over fixed slices.
type fakeStore struct {
	events    []client.Event
	resources []client.Resource
	reports   []client.Report
	offered   bool
	loaded    map[state.Kind]bool
}

func (s *fakeStore) Events() []client.Event                 { return s.events }
func (s *fakeStore) Resources() []client.Resource           { return s.resources }
func (s *fakeStore) Subscriptions() []client.Subscription   { return nil }
func (s *fakeStore) Reports() []client.Report               { return s.reports }
func (s *fakeStore) ReportsOffered() bool                   { return s.offered }
func (s *fakeStore) SentHere(string) bool                   { return false }
func (s *fakeStore) Loaded(k state.Kind) bool               { return s.loaded[k] }
func (s *fakeStore) Failure(state.Kind) string              { return "" }
func (s *fakeStore) Change(state.Kind, string) state.Change { return state.Unchanged }

// ChangedSince says everything may have changed: the list builds all rows again.
func (s *fakeStore) ChangedSince(state.Kind, uint64) ([]string, bool) { return nil, true }

func (s *fakeStore) Position(kind state.Kind, key string) (int, bool) {
	switch kind {
	case state.Events:
		for i, e := range s.events {
			if e.ID == key {
				return i, true
			}
		}
	case state.Resources:
		for i, r := range s.resources {
			if state.ResourceKey(r) == key {
				return i, true
			}
		}
	case state.Reports:
		for i, r := range s.reports {
			if r.ID == key {
				return i, true
			}
		}
	}
	return 0, false
}

// Version is a hash of what the store holds: it moves when a test changes
// a list, as the real store's does.
func (s *fakeStore) Version(kind state.Kind) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d %v", kind, s)
	return h.Sum64() | 1
}

// fakeAPI serves one event and a reports list that the test changes.
type fakeAPI struct {
	client.API // any other call panics: the screen must not make it
	events     []client.Event
	reports    []client.Report
	listErr    error
	calls      map[string]int
}

func (a *fakeAPI) GetEvent(_ context.Context, id string) (client.Event, error) {
	a.count("GetEvent")
	for _, ev := range a.events {
		if ev.ID == id {
			return ev, nil
		}
	}
	return client.Event{}, &client.Error{StatusCode: 404, Method: "GET", Path: "/events/" + id}
}

func (a *fakeAPI) ListReports(context.Context) ([]client.Report, error) {
	a.count("ListReports")
	if a.listErr != nil {
		return nil, a.listErr
	}
	return append([]client.Report(nil), a.reports...), nil
}

func (a *fakeAPI) count(op string) {
	if a.calls == nil {
		a.calls = map[string]int{}
	}
	a.calls[op]++
}

// syncBackend runs a request when its command runs, like the shell.
type syncBackend struct {
	api  client.API
	last uint64
	ops  []string
}

func (b *syncBackend) Call(req views.Request) (uint64, tea.Cmd) {
	b.last++
	id := b.last
	b.ops = append(b.ops, req.Op)
	return id, func() tea.Msg {
		v, err := req.Run(context.Background(), b.api)
		return req.Answer(id, v, err)
	}
}

func newTestContext(api client.API, now *time.Time) (*views.Context, *syncBackend) {
	be := &syncBackend{api: api}
	return &views.Context{
		Theme:    themes.Default(),
		Now:      func() time.Time { return *now },
		Location: time.UTC,
		Backend:  be,
	}, be
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// runAll runs cmd and feeds its messages back to the tab, following the
// commands they return, at most depth rounds deep (a screen re-arms its
// fetch forever).
func runAll(tb views.Tab, cmd tea.Cmd, depth int) {
	if cmd == nil || depth == 0 {
		return
	}
	msg := cmd()
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			runAll(tb, c, depth)
		}
	default:
		runAll(tb, tb.Update(m), depth-1)
	}
}

// world is a tab with the test event open, its first fetch answered.
type world struct {
	tab   *tab
	scr   *Screen
	api   *fakeAPI
	store *fakeStore
	be    *syncBackend
	now   *time.Time
	next  tea.Cmd // the screen's pending (re-armed) fetch
}

// openWorld opens the test event's screen at w×h with the given reports on
// the server; the re-armed fetch does not wait (poll 0), and runs only
// when the test calls w.poll.
func openWorld(t testing.TB, reports []client.Report, w, h int) *world {
	t.Helper()
	return openWorldWith(t, testEvent(), reports, w, h)
}

// openWorldWith opens ev's screen, the Store holding ev and the test resources.
func openWorldWith(t testing.TB, ev client.Event, reports []client.Report, w, h int) *world {
	t.Helper()
	now := t0
	api := &fakeAPI{events: []client.Event{ev}, reports: reports}
	ctx, be := newTestContext(api, &now)
	st := &fakeStore{
		events: api.events, resources: testResources(), reports: reports, offered: true,
		loaded: map[state.Kind]bool{state.Events: true, state.Resources: true, state.Reports: true},
	}
	tb := newTab(ctx)
	tb.SetSize(w, h)
	tb.Sync(st)
	cmd := tb.Update(keyMsg("enter"))
	if screenOf(tb) == nil {
		t.Fatal("enter opened no dispatch screen")
	}
	screenOf(tb).poll = 0
	wd := &world{tab: tb, scr: screenOf(tb), api: api, store: st, be: be, now: &now}
	wd.next = wd.deliver(t, cmd)
	return wd
}

// deliver runs cmd (a single request) and hands its answer to the tab.
func (w *world) deliver(t testing.TB, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	if cmd == nil {
		t.Fatal("no request to run")
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var next tea.Cmd
		for _, c := range b {
			if c != nil {
				next = tea.Batch(next, w.deliver(t, c))
			}
		}
		return next
	}
	return w.tab.Update(msg)
}

// poll runs the screen's pending fetch, as its timer would.
func (w *world) poll(t *testing.T) {
	t.Helper()
	w.next = w.deliver(t, w.next)
}

// lines is the view split in lines.
func (w *world) lines() []string { return strings.Split(w.tab.View(), "\n") }

// row finds the targets table line of a resource.
func (w *world) row(t *testing.T, id string) string {
	t.Helper()
	for _, l := range w.lines() {
		if strings.HasPrefix(strings.TrimSpace(strings.TrimLeft(l, ">!+*- ")), id+" ") {
			return l
		}
	}
	t.Fatalf("no row for %s in\n%s", id, w.tab.View())
	return ""
}

// screenOf is the dispatch screen on top of the tab's stack, nil when none.
func screenOf(tb *tab) *Screen {
	s, _ := tb.Top().(*Screen)
	return s
}

// whoReported lists which resource reported which payload type and where
// each one's latest report was sent from.
func whoReported(reports []client.Report) (map[reportedKey]bool, map[string]client.Location) {
	var set reportSet
	set.whoReported(nil, reports)
	return set.reported, set.locations
}
