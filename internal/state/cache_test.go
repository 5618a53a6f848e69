package state

import (
	"testing"

	"github.com/ecdash/ecdash/client"
)

func ev(id, name string) client.Event {
	return client.Event{ID: id, Name: name, Raw: []byte(`{"id":"` + id + `","name":"` + name + `"}`)}
}

func TestApplyMarksChangesAndMovesTheVersion(t *testing.T) {
	c := NewCache()
	c.Apply(Events, []client.Event{ev("a", "1"), ev("b", "1")}, t0)
	v := c.Version(Events)
	if c.Change(Events, "a") != Unchanged {
		t.Error("the first load marks nothing")
	}
	c.Apply(Events, []client.Event{ev("a", "2"), ev("b", "1"), ev("c", "1")}, t0)
	if c.Change(Events, "a") != Updated || c.Change(Events, "b") != Unchanged || c.Change(Events, "c") != Added {
		t.Errorf("changes a=%v b=%v c=%v", c.Change(Events, "a"), c.Change(Events, "b"), c.Change(Events, "c"))
	}
	if c.Version(Events) <= v || c.Version(Resources) != 0 {
		t.Error("the version of the list applied did not move, or another's did")
	}
	v = c.Version(Events)
	if got := c.Expire(t0.Add(ChangeShownFor)); len(got) != 1 || got[0] != Events {
		t.Errorf("expired %v", got)
	}
	if c.Change(Events, "a") != Unchanged || c.Version(Events) <= v {
		t.Error("an expired change still shows, or the version did not move")
	}
}

// A list requested before a notification deleted an event must not bring
// the event back; one requested after it is the truth.
func TestMergeLiveKeepsWhatIsNewer(t *testing.T) {
	c := NewCache()
	c.Apply(Events, []client.Event{ev("a", "1"), ev("b", "1")}, t0)
	c.LiveDelete("b", 10, t0)
	if c.Change(Events, "b") != Deleted {
		t.Fatal("the deleted event is not marked")
	}
	c.LiveUpsert(ev("n", "new"), 10, t0)
	after := t0.Add(ChangeShownFor)
	c.Expire(after)
	list := []client.Event{ev("a", "1"), ev("b", "1")}
	c.ApplyPoll(wholePoll(Events, list, EventKey, eventRaw, c.Since(Events).Base), 5, after)
	if older := c.Events(); len(older) != 2 || older[0].ID != "a" || older[1].ID != "n" {
		t.Errorf("an older list gave %v: want a, and the notified n, without the deleted b", ids(older))
	}
	c.ApplyPoll(wholePoll(Events, list, EventKey, eventRaw, c.Since(Events).Base), 11, after)
	if newer := c.Events(); len(newer) != 2 || newer[1].ID != "b" {
		t.Errorf("a newer list gave %v: it is the truth", ids(newer))
	}
}

func ids(evs []client.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}
