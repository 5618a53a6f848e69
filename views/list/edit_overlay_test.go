package list

import (
	"slices"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/state"
)

type row struct{ key, val string }

func newOverlay() *overlay[row] {
	return &overlay[row]{key: func(r row) string { return r.key }, same: func(a, b row) bool { return a == b }}
}

func keysOf(rs []row) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.key+"="+r.val)
	}
	return out
}

func TestOverlayAppliesAndRollsBack(t *testing.T) {
	o := newOverlay()
	store := []row{{"a", "1"}, {"b", "2"}}
	created := o.add(&change[row]{item: &row{"c", "3"}, mark: markNew})
	renamed := o.add(&change[row]{oldKey: "a", item: &row{"a2", "1"}, mark: markChanged})
	deleted := o.add(&change[row]{oldKey: "b"})
	if got := keysOf(o.apply(store)); !slices.Equal(got, []string{"c=3", "a2=1"}) {
		t.Fatalf("applied %v", got)
	}
	if got := keysOf(store); !slices.Equal(got, []string{"a=1", "b=2"}) {
		t.Fatalf("apply changed the store's slice: %v", got)
	}
	if m, ok := o.mark("c"); !ok || m != state.Added {
		t.Errorf("mark c %v %v", m, ok)
	}
	o.rollback(renamed)
	o.rollback(deleted)
	if got := keysOf(o.apply(store)); !slices.Equal(got, []string{"a=1", "b=2", "c=3"}) {
		t.Errorf("after rollback %v", got)
	}
	o.rollback(created)
	if len(o.changes) != 0 {
		t.Error("changes left")
	}
}

func TestOverlaySettlesWhenTheListCatchesUpOrTimeIsUp(t *testing.T) {
	now := time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)
	o := newOverlay()
	upd := o.add(&change[row]{oldKey: "a", item: &row{"a", "new"}, mark: markChanged})
	del := o.add(&change[row]{oldKey: "b"})
	stale := []row{{"a", "old"}, {"b", "2"}}
	if o.settle(stale, now) {
		t.Fatal("unconfirmed changes settled")
	}
	o.confirm(upd, &row{"a", "new"}, now)
	o.confirm(del, nil, now)
	if o.settle(stale, now.Add(time.Second)) {
		t.Fatal("settled against a list that does not show the changes yet")
	}
	if got := keysOf(o.apply(stale)); !slices.Equal(got, []string{"a=new"}) {
		t.Errorf("confirmed changes not shown over a stale list: %v", got)
	}
	if !o.settle([]row{{"a", "new"}}, now.Add(2*time.Second)) || len(o.changes) != 0 {
		t.Errorf("not settled once the list shows both: %d left", len(o.changes))
	}
	late := o.add(&change[row]{item: &row{"z", "1"}, mark: markNew})
	o.confirm(late, nil, now)
	if !o.settle(nil, now.Add(confirmedFor)) || len(o.changes) != 0 {
		t.Error("a confirmed change the list never showed outlived its time")
	}
}
