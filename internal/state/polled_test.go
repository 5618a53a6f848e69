package state

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
)

// scannedAPI serves an event list element by element, as client.Client
// does, and counts the elements decoded.
type scannedAPI struct {
	client.API
	elems   []string
	decoded atomic.Int64 // counted by the decode pool's workers
}

func (a *scannedAPI) ScanEvents(ctx context.Context, begin func(), each client.ElementFunc) error {
	begin()
	for i, e := range a.elems {
		if err := each(i, []byte(e)); err != nil {
			return err
		}
	}
	return nil
}

func (a *scannedAPI) ScanResources(context.Context, func(), client.ElementFunc) error {
	return fmt.Errorf("not served")
}

func (a *scannedAPI) decode(d *client.ElementDecoder, i int, raw []byte) (client.Event, error) {
	a.decoded.Add(1)
	return d.Event(i, raw)
}

func (a *scannedAPI) poll(t *testing.T, since Since) *ListPoll[client.Event] {
	t.Helper()
	a.decoded.Store(0)
	p, err := scanPoll(context.Background(), Events, a.ScanEvents, a.decode, EventKey, since.Base, since.Dirty)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func evJSON(id, name string) string { return `{"id":"` + id + `","name":"` + name + `"}` }

func names(evs []client.Event) string {
	var out []string
	for _, e := range evs {
		out = append(out, e.ID+"="+e.Name)
	}
	return strings.Join(out, " ")
}

// A poll decodes what changed and nothing else, whatever moved; applying
// it leaves the cache as if the list had been decoded whole.
func TestPollsDecodeOnlyWhatChanged(t *testing.T) {
	api := &scannedAPI{elems: []string{evJSON("a", "1"), evJSON("b", "1"), evJSON("c", "1")}}
	c := NewCache()
	steps := []struct {
		name        string
		elems       []string
		decoded     int
		want        string
		changedKeys []string
		marks       map[string]Change
	}{
		{"first load", api.elems, 3, "a=1 b=1 c=1", nil, nil},
		{"unchanged", api.elems, 0, "a=1 b=1 c=1", nil, nil},
		{"one changed", []string{evJSON("a", "1"), evJSON("b", "2"), evJSON("c", "1")}, 1, "a=1 b=2 c=1",
			[]string{"b"}, map[string]Change{"b": Updated}},
		{"one inserted first", []string{evJSON("n", "1"), evJSON("a", "1"), evJSON("b", "2"), evJSON("c", "1")}, 1, "n=1 a=1 b=2 c=1",
			[]string{"n"}, map[string]Change{"n": Added}},
		{"one removed, one moved", []string{evJSON("c", "1"), evJSON("n", "1"), evJSON("b", "2")}, 0, "c=1 n=1 b=2",
			[]string{"a"}, nil},
	}
	for _, st := range steps {
		api.elems = st.elems
		v := c.Version(Events)
		p := api.poll(t, c.Since(Events))
		if api.decoded.Load() != int64(st.decoded) {
			t.Errorf("%s: decoded %d elements, want %d", st.name, api.decoded.Load(), st.decoded)
		}
		if !c.ApplyPoll(p, 1, t0) {
			t.Fatalf("%s: refused", st.name)
		}
		if got := names(c.Events()); got != st.want {
			t.Errorf("%s: cache holds %s, want %s", st.name, got, st.want)
		}
		for _, e := range c.Events() {
			if i, ok := c.Position(Events, e.ID); !ok || c.Events()[i].ID != e.ID {
				t.Errorf("%s: Position(%s) = %d, %v", st.name, e.ID, i, ok)
			}
		}
		keys, all := c.ChangedSince(Events, v)
		if st.name == "first load" {
			if !all {
				t.Errorf("first load: views are not told to build everything")
			}
			continue
		}
		keys = slices.Sorted(slices.Values(keys)) // a copy: the cache shares its list
		if all || !slices.Equal(slices.Compact(keys), st.changedKeys) {
			t.Errorf("%s: changed %v (all %v), want %v", st.name, keys, all, st.changedKeys)
		}
		if st.changedKeys == nil && c.Version(Events) != v {
			t.Errorf("%s: the version moved for nothing", st.name)
		}
		for k, want := range st.marks {
			if got := c.Change(Events, k); got != want {
				t.Errorf("%s: %s marked %v, want %v", st.name, k, got, want)
			}
		}
		c.Expire(t0.Add(ChangeShownFor))
	}
}

// An event a notification changed is read again from the next list even
// when the list did not change, so the list's word replaces it.
func TestPollsRereadWhatNotificationsChanged(t *testing.T) {
	api := &scannedAPI{elems: []string{evJSON("a", "1"), evJSON("b", "1")}}
	c := NewCache()
	c.ApplyPoll(api.poll(t, c.Since(Events)), 1, t0)
	c.LiveUpsert(client.Event{ID: "b", Name: "notified"}, 2, t0)
	p := api.poll(t, c.Since(Events))
	if api.decoded.Load() != 1 {
		t.Errorf("decoded %d, want the notified one", api.decoded.Load())
	}
	c.ApplyPoll(p, 3, t0) // requested after the notification: the list is the truth
	if got := names(c.Events()); got != "a=1 b=1" {
		t.Errorf("cache holds %s", got)
	}
}

// A poll compared with a list the cache no longer holds as it was is
// refused, not misapplied.
func TestPollsAgainstAStaleBaseAreRefused(t *testing.T) {
	api := &scannedAPI{elems: []string{evJSON("a", "1"), evJSON("b", "1"), evJSON("c", "1")}}
	c := NewCache()
	c.ApplyPoll(api.poll(t, c.Since(Events)), 1, t0)
	since := c.Since(Events)
	c.LiveDelete("a", 2, t0)
	c.Expire(t0.Add(ChangeShownFor)) // a's row goes: b and c move up
	api.elems = []string{evJSON("b", "1"), evJSON("c", "2")}
	if c.ApplyPoll(api.poll(t, since), 1, t0) {
		t.Fatal("applied against a stale base")
	}
	if !c.ApplyPoll(api.poll(t, c.Since(Events)), 3, t0) {
		t.Fatal("refused against the current state")
	}
	if got := names(c.Events()); got != "b=1 c=2" {
		t.Errorf("cache holds %s", got)
	}
}

// A random walk of lists (elements changed, added, removed, moved, a few
// or most at once): after each poll the cache holds the list as decoded
// whole, whichever way the poll was applied (in place, moved, or spread
// when most changed).
func TestPollsWalkAgreeWithWholeDecode(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 9))
	api := &scannedAPI{}
	c := NewCache()
	next := 0
	var ids []string
	gen := map[string]int{}
	for step := 0; step < 400; step++ {
		switch r.IntN(6) {
		case 0: // add a few
			for range 1 + r.IntN(4) {
				id := fmt.Sprint("e", next)
				next++
				at := r.IntN(len(ids) + 1)
				ids = slices.Insert(ids, at, id)
			}
		case 1: // remove a few
			for range r.IntN(3) {
				if len(ids) > 0 {
					i := r.IntN(len(ids))
					ids = slices.Delete(ids, i, i+1)
				}
			}
		case 2: // change most
			for _, id := range ids {
				if r.IntN(5) > 0 {
					gen[id]++
				}
			}
		case 3: // change a few
			for range r.IntN(3) {
				if len(ids) > 0 {
					gen[ids[r.IntN(len(ids))]]++
				}
			}
		case 4: // move
			r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		}
		api.elems = api.elems[:0]
		var want []string
		for _, id := range ids {
			api.elems = append(api.elems, evJSON(id, fmt.Sprint(gen[id])))
			want = append(want, fmt.Sprintf("%s=%d", id, gen[id]))
		}
		if !c.ApplyPoll(api.poll(t, c.Since(Events)), uint64(step), t0) {
			t.Fatalf("step %d: refused", step)
		}
		if got := names(c.Events()); got != strings.Join(want, " ") {
			t.Fatalf("step %d: cache holds\n %s\nwant\n %s", step, got, strings.Join(want, " "))
		}
		for i, e := range c.Events() {
			if j, ok := c.Position(Events, e.ID); !ok || j != i {
				t.Fatalf("step %d: Position(%s) = %d, %v; want %d", step, e.ID, j, ok, i)
			}
		}
	}
}

// recordAPI lists one report on the server; the record holds another this
// dashboard sent.
type recordAPI struct{ client.API }

func (recordAPI) ListReports(context.Context) ([]client.Report, error) {
	return []client.Report{{ID: "theirs", EventID: "ev-1"}}, nil
}

// A reports poll keeps which reports this dashboard sent (its record), for
// the Reports tab to mark them.
func TestReportsPollKnowsWhatWasSentHere(t *testing.T) {
	rec, err := sentreports.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mine := client.Report{ID: "mine", EventID: "ev-1", CreatedDateTime: t0}
	req := client.ReportRequest{EventID: mine.EventID}
	if err := rec.Append(sentreports.NewEntry("http://127.0.0.1:1", req, t0, mine, nil)); err != nil {
		t.Fatal(err)
	}
	c := NewCache()
	f, err := Fetch(context.Background(), recordAPI{}, rec, Reports, c.Since(Reports))
	if err != nil {
		t.Fatal(err)
	}
	if !c.ApplyPoll(f, 1, t0) {
		t.Fatal("refused")
	}
	if !c.SentHere("mine") || c.SentHere("theirs") || len(c.Reports()) != 2 {
		t.Errorf("sent here: mine %v, theirs %v; %d reports", c.SentHere("mine"), c.SentHere("theirs"), len(c.Reports()))
	}
}
