package livefeed

import (
	"context"
	"testing"
	"time"
)

// appendOne stores notification i (its dedupe key from its id) and says
// whether it was a repeat.
func appendOne(t *testing.T, st *Store, i int) bool {
	t.Helper()
	body := sandboxBody(i)
	s, _ := DecodeSummary(body)
	_, dup, err := st.Append(testCtx(t), Record{Body: body, Signature: Sign(testSecret, body), Summary: s, Key: DedupeKey(s, body)})
	if err != nil {
		t.Fatal(err)
	}
	return dup
}

// nextDuplicate waits for the subscription's next Duplicate update.
func nextDuplicate(t *testing.T, sub *Subscription) Duplicate {
	t.Helper()
	ctx, cancel := context.WithTimeout(testCtx(t), 10*time.Second)
	defer cancel()
	for {
		select {
		case u := <-sub.Updates():
			if u.Duplicate != nil {
				return *u.Duplicate
			}
		case <-ctx.Done():
			t.Fatal("no repeat came")
		}
	}
}

// TestResumingSubscriberHearsOfRepeats: a subscriber resuming after a
// record hears of a repeat of it stored after that point, and a later
// repeat comes with the whole count, not the count since it resumed.
func TestResumingSubscriberHearsOfRepeats(t *testing.T) {
	t.Parallel()
	st := openTestStore(t)
	appendOne(t, st, 1)       // seq 1
	appendOne(t, st, 2)       // seq 2
	if !appendOne(t, st, 1) { // seq 3: a marker for 1
		t.Fatal("the repeat was stored again")
	}
	sub := st.Subscribe(2)
	defer sub.Close()
	if d := nextDuplicate(t, sub); d != (Duplicate{Seq: 1, Count: 1}) {
		t.Errorf("resuming after 2: %+v, want a repeat of 1", d)
	}
	later := st.Subscribe(3)
	defer later.Close()
	appendOne(t, st, 1) // a second repeat of 1
	if d := nextDuplicate(t, later); d != (Duplicate{Seq: 1, Count: 2}) {
		t.Errorf("resuming after 3 then a second repeat: %+v, want count 2", d)
	}
}

// TestRelayPingsWhileAViewerCatchesUp: a viewer that read the backlog and
// waits for the stream's next record is pinged, so its connection lives
// through a quiet stream longer than the pong wait.
func TestRelayPingsWhileAViewerCatchesUp(t *testing.T) {
	t.Parallel()
	f := newRelayFixture(t, RelayOptions{PongWait: 600 * time.Millisecond})
	for i := range 5 {
		appendOne(t, f.j, i)
	}
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	out := make(chan Update, 16)
	go Follow(ctx, FollowOptions{URL: f.srv.URL + DefaultFeedPath, Token: testRelayToken}, out)
	for got := 0; got < 5; got++ {
		select {
		case <-out:
		case <-ctx.Done():
			t.Fatal("the backlog did not come")
		}
	}
	select { // a quiet stream, three pong waits long
	case <-time.After(1800 * time.Millisecond):
	case <-ctx.Done():
	}
	if n := f.relay.Stats().Connections; n != 1 {
		t.Errorf("%d connections: the waiting viewer was dropped", n)
	}
}

// TestRetentionAppliesToAnExistingStream: limits given when the store is
// opened again apply to the stream it already has; defaults leave it be.
func TestRetentionAppliesToAnExistingStream(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	limits := func(opts StoreOptions) (time.Duration, int64) {
		t.Helper()
		opts.Dir, opts.Profile = dir, "r"
		st, err := OpenStore(testCtx(t), opts)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		info, err := st.stream.Info(testCtx(t))
		if err != nil {
			t.Fatal(err)
		}
		return info.Config.MaxAge, info.Config.MaxBytes
	}
	limits(StoreOptions{})
	if age, size := limits(StoreOptions{MaxAge: 48 * time.Hour, MaxBytes: 1 << 20}); age != 48*time.Hour || size != 1<<20 {
		t.Errorf("asked 48h and 1 MiB, the stream keeps %v and %d bytes", age, size)
	}
	if age, size := limits(StoreOptions{}); age != 48*time.Hour || size != 1<<20 {
		t.Errorf("opened with defaults, the stream's limits changed to %v and %d", age, size)
	}
}
