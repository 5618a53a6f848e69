package list

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/table"
)

// A live list's tick makes again only the rows whose time came (their
// NextChange), and draws the countdowns of the rows on screen from the
// clock; a large list is built a step at a time.
func TestLiveRowsChangeWhenTheirTimeComes(t *testing.T) {
	now := time.Date(2026, 12, 5, 6, 55, 0, 0, time.UTC)
	st := &steadyStore{store{loaded: true}}
	const n = 3*RowsPerStep + 10
	starts := map[string]time.Time{}
	for i := range n {
		id := fmt.Sprintf("e%05d", i)
		st.items = append(st.items, item{id: id})
		starts[id] = now.Add(time.Duration(i+1) * time.Minute) // e00000 starts at 06:56, e00001 at 06:57, …
	}
	made := 0
	status := func(id string, at time.Time) string {
		if at.Before(starts[id]) {
			return "upcoming"
		}
		return "active"
	}
	spec := Spec[item]{
		Kind: state.Events, Noun: "events", SortCol: -1,
		Columns: []table.Column{{Title: "ID", Width: 6}, {Title: "Status", Width: 9}, {Title: "Countdown", Width: 12, Live: true}},
		Items:   func(state.Store) []item { return st.items },
		Key:     func(i item) string { return i.id },
		Row: func(i item, at time.Time, _ *time.Location) table.Row {
			made++
			return table.Row{Cells: []string{i.id, status(i.id, at), "in " + starts[i.id].Sub(at).String()}}
		},
		Live: true,
		NextChange: func(i item, at time.Time) time.Time {
			if at.Before(starts[i.id]) {
				return starts[i.id]
			}
			return time.Time{}
		},
	}
	ctx := &views.Context{Theme: themes.Default(), Now: func() time.Time { return now }, Location: time.UTC}
	l := New(spec, ctx)
	l.SetSize(60, 6)
	l.Sync(st)
	steps := 1
	for l.Pending() {
		if _, total := l.Counts(); total >= n {
			t.Fatal("rows still pending with every row shown")
		}
		l.Sync(st)
		steps++
	}
	if _, total := l.Counts(); total != n || steps != 4 || made > n+20 {
		t.Fatalf("%d rows in %d steps, %d rows made; want %d in 4 steps", total, steps, made, n)
	}
	if v := l.View(); !strings.Contains(v, "in 1m0s") || !strings.Contains(v, "upcoming") {
		t.Fatalf("first rows:\n%s", v)
	}

	now = now.Add(90 * time.Second) // e00000 has started; the others' countdowns moved
	made = 0
	l.Tick()
	v := l.View()
	if !strings.Contains(v, "e00000 active") || !strings.Contains(v, "in 30s") {
		t.Errorf("after the tick:\n%s", v)
	}
	if made > 10 {
		t.Errorf("a tick made %d rows: want the one whose status changed and the few on screen", made)
	}
}

// steadyStore's version does not move by itself.
type steadyStore struct{ store }

func (s *steadyStore) Version(state.Kind) uint64 { return 1 }
