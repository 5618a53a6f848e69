package sandbox

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDispatchIsSavedBeforeItIsAnnounced(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sandbox.json")
	s := newTestServer(t, func(o *Options) { o.DataFile = path })
	results := watchDeliveries(s)
	hook := newHookReceiver(t)
	subscribe(t, s, hook.url, "s", `[]`, `[]`)
	events := len(s.snapshot().Events)

	if err := os.RemoveAll(dir); err != nil { // the disk went away
		t.Fatal(err)
	}
	if _, err := s.Dispatch(context.Background()); err == nil {
		t.Fatal("Dispatch succeeded without saving")
	}
	rec := call(t, s, http.MethodPost, "/events", "")
	mustStatus(t, rec, http.StatusInternalServerError)
	problemOf(t, rec)
	if n := len(s.snapshot().Events); n != events {
		t.Fatalf("%d events after failed saves, want %d", n, events)
	}

	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	ev, err := s.Dispatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// exactly one notification: the failed attempts announced nothing
	if r := results.wait(t, 1)[0]; r.end != endDelivered {
		t.Fatalf("delivery %+v", r)
	}
	_ = s.Close()
	if results.total() != 1 {
		t.Fatalf("%d notifications, want 1", results.total())
	}
	first := hook.next(t)

	// a restart knows the event, answers it with the fleet, and hands out new ids
	later := ev.IntervalPeriod.End().Add(time.Minute)
	restarted := newTestServer(t, func(o *Options) { o.DataFile = path; o.Now = func() time.Time { return later } })
	if st := restarted.snapshot(); st.eventIndex(ev.ID) < 0 {
		t.Fatal("the dispatched event was not saved")
	}
	plan := planEvent(restarted.snapshot().Seed, ev, restarted.vehicleLocked)
	if got := len(reportsFor(restarted, ev.ID)); got != len(plan) || got == 0 {
		t.Fatalf("after a restart the event has %d reports, want %d", got, len(plan))
	}
	hook2 := newHookReceiver(t)
	subscribe(t, restarted, hook2.url, "s", `[]`, `[]`)
	if _, err := restarted.Dispatch(context.Background()); err != nil {
		t.Fatal(err)
	}
	var a, b notification
	decodeNotification(t, first.body, &a)
	decodeNotification(t, hook2.next(t).body, &b)
	if a.NotificationID == b.NotificationID || a.EventID == b.EventID {
		t.Fatalf("ids repeated after a restart: %s %s", a.NotificationID, a.EventID)
	}
}
