package list

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
	"github.com/ecdash/ecdash/views/components/table"
)

// item is a minimal listable thing.
type item struct{ id, name string }

// store is a fake state.Store holding items in its Events slot.
type store struct {
	items   []item
	loaded  bool
	failure string
	changes map[string]state.Change
	version uint64
}

func (s *store) Events() []client.Event                     { return nil }
func (s *store) Resources() []client.Resource               { return nil }
func (s *store) Subscriptions() []client.Subscription       { return nil }
func (s *store) Reports() []client.Report                   { return nil }
func (s *store) ReportsOffered() bool                       { return true }
func (s *store) SentHere(string) bool                       { return false }
func (s *store) Loaded(state.Kind) bool                     { return s.loaded }
func (s *store) Failure(state.Kind) string                  { return s.failure }
func (s *store) Change(_ state.Kind, k string) state.Change { return s.changes[k] }

// ChangedSince says everything may have changed: the list builds all rows again.
func (s *store) ChangedSince(state.Kind, uint64) ([]string, bool) { return nil, true }

func (s *store) Position(_ state.Kind, key string) (int, bool) {
	for i, it := range s.items {
		if it.id == key {
			return i, true
		}
	}
	return 0, false
}

func (s *store) Version(state.Kind) uint64 {
	s.version++
	return s.version
}

// backend records calls and hands out increasing ids.
type backend struct {
	last uint64
	reqs []views.Request
}

func (b *backend) Call(req views.Request) (uint64, tea.Cmd) {
	b.last++
	b.reqs = append(b.reqs, req)
	return b.last, func() tea.Msg { return nil }
}

func newList(t *testing.T, st *store) (*List[item], *backend) {
	t.Helper()
	be := &backend{}
	ctx := &views.Context{Theme: themes.Default(), Now: time.Now, Location: time.UTC, Backend: be}
	spec := Spec[item]{
		Kind:    state.Events,
		Noun:    "things",
		Columns: []table.Column{{Title: "ID", Width: 6}, {Title: "Name", Width: 10, Grow: 1}},
		SortCol: -1,
		Items: func(state.Store) []item {
			return st.items
		},
		Key: func(i item) string { return i.id },
		Row: func(i item, _ time.Time, _ *time.Location) table.Row {
			return table.Row{Cells: []string{i.id, i.name}}
		},
		Detail: func(i item, _ *views.Context) (string, detail.Doc, []byte) {
			var d detail.Doc
			d.Field("name", i.name)
			return "Thing " + i.id, d, nil
		},
		Get: func(context.Context, client.API, string) (item, error) { return item{}, nil },
	}
	l := New(spec, ctx)
	l.SetSize(60, 10)
	l.Sync(st)
	return l, be
}

func press(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestOpenFetchesAndDropsSupersededAnswers(t *testing.T) {
	st := &store{items: []item{{"a", "alpha"}, {"b", "beta"}}, loaded: true}
	l, be := newList(t, st)
	l.Update(press("enter")) // opens a, fetch id 1
	l.Update(press("esc"))
	l.Update(press("down"))
	l.Update(press("enter")) // opens b, fetch id 2
	if len(be.reqs) != 2 || be.reqs[1].Op != "GetEvent" || be.reqs[1].Mutating {
		t.Fatalf("requests %+v", be.reqs)
	}
	// The answer to the first fetch arrives late: it must not replace b.
	l.Update(views.Result[item]{ID: 1, Owner: state.Events, Value: item{"a", "alpha (fresh)"}})
	if v := l.View(); strings.Contains(v, "alpha") || !strings.Contains(v, "Thing b") {
		t.Fatalf("stale answer shown:\n%s", v)
	}
	l.Update(views.Result[item]{ID: 2, Owner: state.Events, Value: item{"b", "beta (fresh)"}})
	if v := l.View(); !strings.Contains(v, "beta (fresh)") {
		t.Errorf("current answer not shown:\n%s", v)
	}
}

func TestFetchErrorsAreNotedNotFatal(t *testing.T) {
	st := &store{items: []item{{"a", "alpha"}}, loaded: true}
	l, _ := newList(t, st)
	l.Update(press("enter"))
	l.Update(views.Result[item]{ID: 1, Owner: state.Events, Err: &client.Error{StatusCode: http.StatusNotFound}})
	if v := l.View(); !strings.Contains(v, "no longer exists") || !strings.Contains(v, "alpha") {
		t.Errorf("404 not noted:\n%s", v)
	}
	l.Update(press("esc"))
	l.Update(press("enter"))
	l.Update(views.Result[item]{ID: 2, Owner: state.Events, Err: errors.New("boom\nsecond line")})
	if v := l.View(); !strings.Contains(v, "could not fetch the latest version: boom second line") {
		t.Errorf("error not noted on one line:\n%s", v)
	}
}

func TestScreenFollowsItemAndNotesRemoval(t *testing.T) {
	st := &store{items: []item{{"a", "alpha"}}, loaded: true}
	l, _ := newList(t, st)
	l.Update(press("enter"))
	st.items = []item{{"a", "renamed"}}
	l.Sync(st)
	if v := l.View(); !strings.Contains(v, "renamed") {
		t.Errorf("screen did not follow the refresh:\n%s", v)
	}
	st.items = nil
	l.Sync(st)
	if v := l.View(); !strings.Contains(v, "no longer lists this object") || !strings.Contains(v, "renamed") {
		t.Errorf("removal not noted:\n%s", v)
	}
	l.Update(views.CloseScreenMsg{Owner: state.Events})
	if l.InScreen() {
		t.Error("CloseScreenMsg did not pop the screen")
	}
}

func TestEmptyStates(t *testing.T) {
	st := &store{}
	l, _ := newList(t, st)
	if v := l.View(); !strings.Contains(v, "loading things…") {
		t.Errorf("before load:\n%s", v)
	}
	st.failure = "500 Internal Server Error"
	l.Sync(st)
	if v := l.View(); !strings.Contains(v, "could not load things: 500 Internal Server Error") {
		t.Errorf("after a failure:\n%s", v)
	}
	st.loaded = true
	l.Sync(st)
	if v := l.View(); !strings.Contains(v, "no things yet") {
		t.Errorf("empty:\n%s", v)
	}
	st.items = []item{{"a", "alpha"}}
	l.Sync(st)
	l.SetFilter("zzz")
	if v := l.View(); !strings.Contains(v, "no things match “zzz”") {
		t.Errorf("no match:\n%s", v)
	}
	l.Update(press("esc"))
	if l.Filter() != "" {
		t.Error("esc did not clear the filter")
	}
}

func TestMarksComeFromTheStore(t *testing.T) {
	st := &store{items: []item{{"a", "alpha"}}, loaded: true, changes: map[string]state.Change{"a": state.Added}}
	l, _ := newList(t, st)
	if v := l.View(); !strings.Contains(v, "+a") && !strings.Contains(v, ">a") {
		t.Errorf("view:\n%s", v)
	}
	row, _ := l.tbl.Selected()
	if row.Mark != table.MarkNew {
		t.Errorf("mark %v", row.Mark)
	}
}
