package notification

import (
	"runtime"
	"sync"
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
// together come out in at most two batches (the leading edge hands out
// what is there at once, the rest waits for the frame), in order, none
// lost.
func TestBatcherCoalescesABurst(t *testing.T) {
	const n = 10_000
	in := recordUpdates(n)
	in <- Update{Duplicate: &Duplicate{Seq: 5, Count: 2}}
	in <- Update{Duplicate: &Duplicate{Seq: 5, Count: 1}} // counts are absolute: keep the larger
	close(in)
	// A clock whose frames never end: the second batch is handed out
	// because the source ended, not because time passed.
	b := NewBatcher(in, BatcherOptions{Clock: newFrameClock()})
	var got []Record
	dups := map[uint64]int{}
	batches := 0
	for {
		batch, ok := b.Next()
		if !ok {
			break
		}
		batches++
		got = append(got, batch.Records...)
		for s, c := range batch.Duplicates {
			dups[s] = max(dups[s], c)
		}
	}
	if batches > 2 || len(got) != n {
		t.Fatalf("%d records in %d batches, want all %d in at most 2", len(got), batches, n)
	}
	for i, r := range got {
		if r.Seq != uint64(i+1) {
			t.Fatalf("record %d has seq %d", i, r.Seq)
		}
	}
	if dups[5] != 2 {
		t.Errorf("duplicates = %v", dups)
	}
}

// TestBatcherLeadingEdge: the first update after a quiet frame goes out at
// once; one within a frame of the last batch waits for the frame's end.
func TestBatcherLeadingEdge(t *testing.T) {
	clock := newFrameClock()
	in := make(chan Update)
	defer close(in)
	const frame = 16 * time.Millisecond
	b := NewBatcher(in, BatcherOptions{Frame: frame, Clock: clock})
	next := func() <-chan Batch {
		out := make(chan Batch, 1)
		go func() {
			batch, _ := b.Next()
			out <- batch
		}()
		return out
	}
	receive := func(c <-chan Batch, what string) Batch {
		t.Helper()
		select {
		case batch := <-c:
			return batch
		case d := <-clock.asked:
			t.Fatalf("%s: Next waited %v for a frame", what, d)
		case <-time.After(10 * time.Second): // a guard against a hang, not a measure
			t.Fatalf("%s: Next did not return", what)
		}
		return Batch{}
	}

	in <- Update{Record: &Record{Seq: 1}}
	if batch := receive(next(), "first of a quiet period"); len(batch.Records) != 1 {
		t.Fatalf("first batch: %+v", batch)
	}

	in <- Update{Record: &Record{Seq: 2}} // same instant: within the frame
	out := next()
	select {
	case d := <-clock.asked:
		if d != frame {
			t.Fatalf("waited %v, want the rest of the frame %v", d, frame)
		}
	case batch := <-out:
		t.Fatalf("a record within the frame went out at once: %+v", batch)
	case <-time.After(10 * time.Second):
		t.Fatal("Next neither returned nor waited")
	}
	in <- Update{Record: &Record{Seq: 3}} // joins the waiting batch
	for b.pendingLen() < 2 {
		runtime.Gosched() // the collector has it; let it add it
	}
	clock.fire(frame)
	if batch := <-out; len(batch.Records) != 2 || batch.Records[0].Seq != 2 || batch.Records[1].Seq != 3 {
		t.Fatalf("end-of-frame batch: %+v", batch)
	}

	clock.advance(frame) // a quiet frame passes
	in <- Update{Record: &Record{Seq: 4}}
	if batch := receive(next(), "first after a quiet frame"); len(batch.Records) != 1 || batch.Records[0].Seq != 4 {
		t.Fatalf("batch after a quiet frame: %+v", batch)
	}
}

// frameClock is a Clock the test moves: After reports the wait it was asked
// for on asked and fires when the test says so.
type frameClock struct {
	mu    sync.Mutex
	now   time.Time
	asked chan time.Duration
	fires chan time.Time
}

func newFrameClock() *frameClock {
	return &frameClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), asked: make(chan time.Duration, 16), fires: make(chan time.Time)}
}

func (c *frameClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *frameClock) After(d time.Duration) <-chan time.Time {
	c.asked <- d
	return c.fires
}

func (c *frameClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fire moves the clock on by d and ends the pending wait.
func (c *frameClock) fire(d time.Duration) {
	c.advance(d)
	c.fires <- c.Now()
}

// TestBatcherBoundsPending: with MaxPending 10, no batch exceeds 10 and all
// 1,000 records still arrive in order (the source is pushed back on).
func TestBatcherBoundsPending(t *testing.T) {
	const n = 1000
	in := recordUpdates(n)
	close(in)
	b := NewBatcher(in, BatcherOptions{Frame: time.Millisecond, MaxPending: 10})
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

// pendingLen is how many updates wait, for tests.
func (b *Batcher) pendingLen() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

// TestBatcherPrepares: Prepare runs on every record and its results come
// with the batch, aligned with the records.
func TestBatcherPrepares(t *testing.T) {
	in := recordUpdates(500)
	in <- Update{Duplicate: &Duplicate{Seq: 3, Count: 2}} // not a record: nothing to prepare
	close(in)
	b := NewBatcher(in, BatcherOptions{Clock: newFrameClock(), Prepare: func(r Record) any { return r.Seq * 10 }})
	n := 0
	for {
		batch, ok := b.Next()
		if !ok {
			break
		}
		if len(batch.Prepared) != len(batch.Records) {
			t.Fatalf("%d prepared for %d records", len(batch.Prepared), len(batch.Records))
		}
		for i, r := range batch.Records {
			if batch.Prepared[i] != r.Seq*10 {
				t.Fatalf("record %d prepared as %v", r.Seq, batch.Prepared[i])
			}
		}
		n += len(batch.Records)
	}
	if n != 500 {
		t.Fatalf("%d records, want 500", n)
	}
}
