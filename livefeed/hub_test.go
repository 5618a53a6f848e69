package livefeed

import (
	"errors"
	"testing"
)

// collect reads records until want have arrived, checking order.
func collect(t *testing.T, sub *Subscription, from uint64, want int) []Record {
	t.Helper()
	ctx := testCtx(t)
	var out []Record
	for len(out) < want {
		select {
		case u, ok := <-sub.Updates():
			if !ok {
				t.Fatalf("subscription ended after %d of %d records: %v", len(out), want, sub.Err())
			}
			if u.Record == nil {
				continue
			}
			if exp := from + uint64(len(out)) + 1; u.Record.Seq != exp {
				t.Fatalf("got seq %d, want %d", u.Record.Seq, exp)
			}
			out = append(out, *u.Record)
		case <-ctx.Done():
			t.Fatalf("timed out after %d of %d records", len(out), want)
		}
	}
	return out
}

func TestHubHistoryThenLive(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	appendMany(t, j, 0, 50)
	sub := j.Hub().Subscribe(20, SubscribeOptions{})
	defer sub.Close()
	appendMany(t, j, 50, 50)
	collect(t, sub, 20, 80)
}

// TestHubSlowConsumerNeverBlocksAppends: a subscriber that reads nothing
// while 2,000 records are appended does not hold up a single Append, and
// afterwards still receives all of them, in order, from the journal.
func TestHubSlowConsumerNeverBlocksAppends(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	slow := j.Hub().Subscribe(0, SubscribeOptions{Buffer: 8})
	defer slow.Close()
	const n = 2000
	appendMany(t, j, 0, n) // would hang here if publishing blocked
	collect(t, slow, 0, n)
	if slow.Lags() == 0 {
		t.Error("the slow subscriber never fell behind; the test did not exercise catch-up")
	}
}

func TestHubLagDisconnectThenResume(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	sub := j.Hub().Subscribe(0, SubscribeOptions{Buffer: 8, OnLag: LagDisconnect})
	const n = 300
	appendMany(t, j, 0, n)
	var last uint64
	for u := range sub.Updates() {
		if u.Record != nil {
			if u.Record.Seq != last+1 {
				t.Fatalf("seq %d after %d", u.Record.Seq, last)
			}
			last = u.Record.Seq
		}
	}
	if !errors.Is(sub.Err(), ErrLagging) {
		t.Fatalf("Err = %v, want ErrLagging", sub.Err())
	}
	if last >= n {
		t.Fatal("the lagging subscriber was not cut off")
	}
	again := j.Hub().Subscribe(last, SubscribeOptions{})
	defer again.Close()
	collect(t, again, last, n-int(last))
}

func TestHubDuplicatesReachSubscribers(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	sub := j.Hub().Subscribe(0, SubscribeOptions{})
	defer sub.Close()
	seq, _ := appendBody(t, j, sandboxBody(1))
	appendBody(t, j, sandboxBody(1))
	appendBody(t, j, sandboxBody(1))
	ctx := testCtx(t)
	var sawRecord bool
	for best := 0; best < 2; {
		select {
		case u := <-sub.Updates():
			if u.Record != nil {
				sawRecord = true
				continue
			}
			if !sawRecord || u.Duplicate.Seq != seq {
				t.Fatalf("duplicate update %+v before its record", u.Duplicate)
			}
			best = max(best, u.Duplicate.Count)
		case <-ctx.Done():
			t.Fatal("duplicate counts never arrived")
		}
	}
}

func TestHubEndsWithJournal(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	sub := j.Hub().Subscribe(0, SubscribeOptions{})
	j.Close()
	for range sub.Updates() {
	}
	if !errors.Is(sub.Err(), ErrClosed) {
		t.Errorf("Err = %v, want ErrClosed", sub.Err())
	}
	late := j.Hub().Subscribe(0, SubscribeOptions{})
	for range late.Updates() {
	}
	if !errors.Is(late.Err(), ErrClosed) {
		t.Errorf("subscribing to a closed journal: Err = %v, want ErrClosed", late.Err())
	}
}

// TestHubEarlySubscriberGetsEachRecordOnce: an Early subscriber is offered
// each record twice (when written and when durable) and still receives
// every record once, in order: live, and after falling behind.
func TestHubEarlySubscriberGetsEachRecordOnce(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	appendMany(t, j, 0, 30)
	sub := j.Hub().Subscribe(10, SubscribeOptions{Early: true})
	defer sub.Close()
	slow := j.Hub().Subscribe(0, SubscribeOptions{Early: true, Buffer: 8}) // falls behind and catches up
	defer slow.Close()
	appendMany(t, j, 30, 500)
	collect(t, sub, 10, 520) // fails on a duplicate or a gap
	collect(t, slow, 0, 530)
	if slow.Lags() == 0 {
		t.Error("the slow subscriber never fell behind; the test did not exercise catch-up")
	}
	select {
	case u := <-sub.Updates():
		if u.Record != nil {
			t.Fatalf("a record after the last: seq %d", u.Record.Seq)
		}
	default:
	}
}
