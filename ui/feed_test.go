package ui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

// TestFeedThousandNotificationsDeliveredFourTimes sends 1,000 notifications,
// each delivered 4 times concurrently, through a real receiver into the
// running dashboard model: exactly 1,000 rows, each counting 3 repeats.
func TestFeedThousandNotificationsDeliveredFourTimes(t *testing.T) {
	srv, local := localFeedServer(t)
	m := New(feedOptions(nil, local))
	m.Update(sizeMsg(testWidth, testHeight))
	m.switchTab(state.Feed)
	r := newRunner(t, m)
	r.start()

	const n = 1000
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() { errs <- srv.PostRange(ctx, 0, n, 8, nil) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}

	repeats := func() int {
		sum := 0
		for _, it := range feedTab(m).Items() {
			sum += it.Duplicates
		}
		return sum
	}
	r.until("1,000 rows with 3,000 repeats", func() bool { return feedRows(m) == n && repeats() == 3*n })
	if got := srv.Store.Stats().Appended; got != n {
		t.Errorf("the store took %d records, want %d", got, n)
	}
	seen := map[int]bool{}
	for _, it := range feedTab(m).Items() {
		s, _ := livefeed.DecodeSummary(it.Body)
		i, ok := livefeedtest.Index(s)
		if !ok || seen[i] || it.Duplicates != 3 || !it.Verified {
			t.Fatalf("row %+v: index %d ok %v seen %v", it.Seq, i, ok, seen[i])
		}
		seen[i] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct notifications, want %d", len(seen), n)
	}
	t.Logf("%d notifications and %d repeats arrived in %d batches", n, 3*n, m.feed.batches)
}

// TestFeedCreateShowsEventAtOnceThenFetchesIt: with polling every 10
// minutes, a Create webhook puts the event in the Events tab from the body,
// marked new, and the authoritative GetEvent follows.
func TestFeedCreateShowsEventAtOnceThenFetchesIt(t *testing.T) {
	const id = "ev-00000042"
	srv, local := localFeedServer(t)
	api := newLiveAPI(ev("e1", "alpha"))
	m := New(feedOptions(api, local))
	m.Update(sizeMsg(testWidth, testHeight))
	r := newRunner(t, m)
	r.start()
	r.until("the first event list", func() bool { return m.cache.Loaded(state.Events) })

	fresh := ev(id, "dispatch 42 v2")
	api.mu.Lock()
	api.byID[id] = fresh
	api.mu.Unlock()
	post(t, srv, livefeedtest.Notification(42, client.OperationCreate))

	r.until("the row from the webhook", func() bool { return hasEvent(m, id) })
	if got := eventNamed(m, id); got != "dispatch 42" {
		t.Errorf("the row shows %q, want the webhook's event", got)
	}
	if mk := m.cache.Change(state.Events, id); mk != state.Added {
		t.Errorf("mark %v, want new", mk)
	}
	if !strings.Contains(m.View(), "dispatch 42") {
		t.Errorf("the Events tab does not show the new event:\n%s", m.View())
	}

	r.until("the authoritative event", func() bool { return eventNamed(m, id) == fresh.Name })
	if got := api.getCount(id); got != 1 {
		t.Errorf("%d GetEvent calls, want 1", got)
	}
	if !strings.Contains(m.View(), "dispatch 42 v2") {
		t.Errorf("the Events tab does not show the fetched event:\n%s", m.View())
	}
	if api.lists != 1 {
		t.Errorf("the event list was fetched %d times: the webhook must not need a poll", api.lists)
	}
}

// TestFeedUpdateAndDelete: an Update marks the row changed; a Delete marks
// it deleted until the highlight fades, then the row goes.
func TestFeedUpdateAndDelete(t *testing.T) {
	clock := testNow
	api := newLiveAPI(ev("ev-00000007", "old name"))
	feed := &fixedFeed{updates: make(chan livefeed.Update, 8), status: livefeed.SourceStatus{Source: "webhook test"}}
	opts := feedOptions(api, feed)
	opts.Now = func() time.Time { return clock }
	m := New(opts)
	m.Update(sizeMsg(testWidth, testHeight))
	r := newRunner(t, m)
	r.start()
	r.until("the first event list", func() bool { return m.cache.Loaded(state.Events) })

	api.mu.Lock()
	api.byID["ev-00000007"] = ev("ev-00000007", "dispatch 7")
	api.mu.Unlock()
	feed.updates <- record(1, livefeedtest.Notification(7, client.OperationUpdate))
	r.until("the updated row", func() bool { return eventNamed(m, "ev-00000007") == "dispatch 7" })
	if mk := m.cache.Change(state.Events, "ev-00000007"); mk != state.Updated {
		t.Errorf("mark after Update %v, want changed", mk)
	}

	feed.updates <- record(2, livefeedtest.Notification(7, client.OperationDelete))
	r.until("the deleted mark", func() bool { return m.cache.Change(state.Events, "ev-00000007") == state.Deleted })
	if !hasEvent(m, "ev-00000007") {
		t.Fatal("the deleted row went at once; it should stay marked for a few seconds")
	}
	clock = clock.Add(state.ChangeShownFor)
	m.Update(tickMsg{})
	if hasEvent(m, "ev-00000007") {
		t.Error("the deleted row is still listed after its mark faded")
	}
}

// TestFeedHistoryAfterRestart: a dashboard started on a store that already
// holds notifications shows them, and does not replay them into the Events
// tab (no GetEvent for history).
func TestFeedHistoryAfterRestart(t *testing.T) {
	dir := t.TempDir()
	j, err := livefeed.OpenStore(context.Background(), livefeed.StoreOptions{Dir: dir, Profile: "p"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 25 {
		body := livefeedtest.Notification(i, client.OperationCreate)
		s, _ := livefeed.DecodeSummary(body)
		if _, _, err := j.Append(context.Background(), livefeed.Record{Body: body, Signature: "sig", Verified: true, Summary: s}); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}

	j, err = livefeed.OpenStore(context.Background(), livefeed.StoreOptions{Dir: dir, Profile: "p"}) // the restart
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	rcv, err := livefeed.NewReceiver(j, livefeed.ReceiverOptions{Secrets: [][]byte{[]byte("s")}})
	if err != nil {
		t.Fatal(err)
	}
	api := newLiveAPI()
	opts := feedOptions(api, livefeed.NewLocalSource(j, rcv, "127.0.0.1:0", nil))
	opts.FeedHistory = 20
	m := New(opts)
	m.Update(sizeMsg(testWidth, testHeight))
	r := newRunner(t, m)
	r.start()
	r.until("the journal's history", func() bool { return feedRows(m) == 20 })
	items := feedTab(m).Items()
	if items[0].Seq != 6 || items[19].Seq != 25 {
		t.Errorf("history is seq %d..%d, want the newest 20 (6..25)", items[0].Seq, items[19].Seq)
	}
	for _, it := range items {
		if it.Live {
			t.Fatalf("history row %d is marked live", it.Seq)
		}
	}
	if len(api.gets) != 0 || hasEvent(m, "ev-00000024") {
		t.Errorf("history touched the Events tab: %d fetches", len(api.gets))
	}
	if got := m.feedText(); !strings.Contains(got, "last webhook") {
		t.Errorf("status %q does not date the last delivery from history", got)
	}
}

// TestSupersededGetEventIsDropped: an answer to an older GetEvent for an
// event is dropped when a newer request for it is in flight, and one older
// than an applied list is dropped too.
func TestSupersededGetEventIsDropped(t *testing.T) {
	api := newLiveAPI(ev("a", "from list"))
	m := New(feedOptions(api, nil))
	m.Update(sizeMsg(testWidth, testHeight))
	load(t, m, state.Events)

	older := m.fetchEvent("a")().(liveEventMsg)
	newer := m.fetchEvent("a")().(liveEventMsg)
	older.ev.Name = "older answer"
	m.Update(older)
	if got := eventNamed(m, "a"); got != "from list" {
		t.Fatalf("a superseded answer was applied: %q", got)
	}
	newer.ev.Name = "newer answer"
	m.Update(newer)
	if got := eventNamed(m, "a"); got != "newer answer" {
		t.Fatalf("the current answer was not applied: %q", got)
	}

	stale := m.fetchEvent("a")().(liveEventMsg)
	load(t, m, state.Events) // a list requested after the GetEvent
	stale.ev.Name = "stale answer"
	m.Update(stale)
	if got := eventNamed(m, "a"); got != "from list" {
		t.Errorf("an answer older than the list was applied: %q", got)
	}
}

// TestListRequestedBeforeWebhookDoesNotUndoIt: a poll in flight when a
// Create arrives answers without the event; the row stays, and the burst's
// list refresh runs after it.
func TestListRequestedBeforeWebhookDoesNotUndoIt(t *testing.T) {
	api := newLiveAPI(ev("a", "alpha"))
	m := New(feedOptions(api, &fixedFeed{}))
	m.Update(sizeMsg(testWidth, testHeight))
	load(t, m, state.Events)

	inflight := m.refreshNow(state.Events) // requested before the notification
	m.feed.live = func(livefeed.Record) bool { return true }
	var recs []announcedRecord
	for i := range maxLiveFetches + 1 { // a burst: one list refresh, not a GetEvent each
		r := *record(uint64(i+1), livefeedtest.Notification(i, client.OperationCreate)).Record
		ev, err := r.Event()
		recs = append(recs, announcedRecord{rec: r, event: decodedEvent{ev, err}})
	}
	if cmd := m.applyAnnounced(recs); cmd != nil {
		t.Error("a burst started requests while a list was in flight; the list's answer should start the refresh")
	}
	_, again := m.Update(inflight())
	if !hasEvent(m, "ev-00000003") {
		t.Fatal("a list requested before the notifications removed their rows")
	}
	if again == nil {
		t.Fatal("no list refresh after the burst")
	}
	if len(api.gets) != 0 {
		t.Errorf("%d GetEvent calls for a burst, want none", len(api.gets))
	}
}

func post(t *testing.T, srv *livefeedtest.Server, body []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	code, err := srv.Post(ctx, body)
	if err != nil || code != 200 {
		t.Fatalf("POST: %d %v", code, err)
	}
}

// record is a journaled record of body, as a feed update.
func record(seq uint64, body []byte) livefeed.Update {
	s, _ := livefeed.DecodeSummary(body)
	return livefeed.Update{Record: &livefeed.Record{Seq: seq, Received: testNow, Body: body, Signature: "sig", Verified: true, Summary: s}}
}

func eventIndex(m *Model, id string) int {
	return slices.IndexFunc(m.cache.Events(), func(e client.Event) bool { return e.ID == id })
}

func hasEvent(m *Model, id string) bool { return eventIndex(m, id) >= 0 }

func eventNamed(m *Model, id string) string {
	if i := eventIndex(m, id); i >= 0 {
		return m.cache.Events()[i].Name
	}
	return ""
}
