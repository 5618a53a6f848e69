package livefeed

import (
	"testing"
	"time"
)

func recordUpdates(n int) chan Update {
	ch := make(chan Update, n+2)
	for i := 1; i <= n; i++ {
		ch <- Update{Record: &Record{Seq: uint64(i)}}
	}
	return ch
}

// TestBatcherCoalescesABurst: 10,000 records and repeat counts that arrive
// within one tick come out as one batch, in order, none lost.
func TestBatcherCoalescesABurst(t *testing.T) {
	const n = 10_000
	in := recordUpdates(n)
	in <- Update{Duplicate: &Duplicate{Seq: 5, Count: 2}}
	in <- Update{Duplicate: &Duplicate{Seq: 5, Count: 1}} // counts are absolute: keep the larger
	close(in)
	// A tick longer than any test: the batch is handed out because the
	// source ended, not because time passed.
	b := NewBatcher(in, BatcherOptions{Tick: time.Hour})
	batch, ok := b.Next()
	if !ok || len(batch.Records) != n {
		t.Fatalf("first batch has %d records (ok=%v), want all %d", len(batch.Records), ok, n)
	}
	for i, r := range batch.Records {
		if r.Seq != uint64(i+1) {
			t.Fatalf("record %d has seq %d", i, r.Seq)
		}
	}
	if batch.Duplicates[5] != 2 || batch.Len() != n+1 {
		t.Errorf("duplicates = %v, Len = %d", batch.Duplicates, batch.Len())
	}
	if _, ok := b.Next(); ok {
		t.Error("Next after the source ended and drained should report ok=false")
	}
}

// TestBatcherBoundsPending: with MaxPending 10, no batch exceeds 10 and all
// 1,000 records still arrive in order (the source is pushed back on).
func TestBatcherBoundsPending(t *testing.T) {
	const n = 1000
	in := recordUpdates(n)
	close(in)
	b := NewBatcher(in, BatcherOptions{Tick: time.Millisecond, MaxPending: 10})
	var got uint64
	for {
		batch, ok := b.Next()
		if !ok {
			break
		}
		if len(batch.Records) > 10 {
			t.Fatalf("batch of %d exceeds MaxPending", len(batch.Records))
		}
		for _, r := range batch.Records {
			if r.Seq != got+1 {
				t.Fatalf("seq %d after %d", r.Seq, got)
			}
			got = r.Seq
		}
	}
	if got != n {
		t.Fatalf("received %d of %d", got, n)
	}
}

func TestBatcherStop(t *testing.T) {
	in := make(chan Update) // nothing arrives before Stop
	defer close(in)
	b := NewBatcher(in, BatcherOptions{})
	done := make(chan bool)
	go func() {
		_, ok := b.Next()
		done <- ok
	}()
	b.Stop()
	if ok := <-done; ok {
		t.Error("Next after Stop with nothing pending should report ok=false")
	}
}
