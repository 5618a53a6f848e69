package livefeed

import (
	"sync"
	"time"
)

// Batch is what the dashboard applies in one Update: every record that
// arrived during one tick, in order, and the newest repeat count per seq.
type Batch struct {
	Records    []Record
	Duplicates map[uint64]int
}

// Len is the number of updates the batch stands for.
func (b Batch) Len() int { return len(b.Records) + len(b.Duplicates) }

// BatcherOptions tunes a Batcher; zero values take the defaults.
type BatcherOptions struct {
	// Tick is how long updates are collected after the first one of a batch
	// (default 50 ms): at most one batch, so one redraw, per tick.
	Tick time.Duration
	// MaxPending stops reading the source while this many updates wait
	// (default 100,000), so a stalled UI pushes back on the subscription,
	// which then catches up from the journal instead of growing memory.
	MaxPending int
}

// Batcher coalesces a stream of updates into one Batch per tick, so 10,000
// notifications cost a few dozen dashboard messages, not 10,000. Next is
// blocking and meant to be wrapped in a tea.Cmd that re-arms after each
// batch.
type Batcher struct {
	tick time.Duration
	max  int

	mu      sync.Mutex
	cond    *sync.Cond // signalled when pending grows, drains, or the source ends
	pending Batch
	n       int
	first   time.Time // when the oldest pending update arrived
	ended   bool      // the source closed
	stopped bool      // Stop was called
	end     chan struct{}
	endOnce sync.Once
}

// NewBatcher starts collecting from in until it is closed or Stop is called.
func NewBatcher(in <-chan Update, opts BatcherOptions) *Batcher {
	b := &Batcher{tick: opts.Tick, max: opts.MaxPending, end: make(chan struct{})}
	if b.tick <= 0 {
		b.tick = 50 * time.Millisecond
	}
	if b.max <= 0 {
		b.max = 100_000
	}
	b.cond = sync.NewCond(&b.mu)
	go b.collect(in)
	return b
}

func (b *Batcher) collect(in <-chan Update) {
	defer func() {
		b.mu.Lock()
		b.ended = true
		b.cond.Broadcast()
		b.mu.Unlock()
		b.endOnce.Do(func() { close(b.end) })
	}()
	for u := range in {
		b.mu.Lock()
		for b.n >= b.max && !b.stopped {
			b.cond.Wait()
		}
		if b.stopped {
			b.mu.Unlock()
			return
		}
		if b.n == 0 {
			b.first = time.Now()
		}
		b.add(u)
		b.cond.Broadcast()
		b.mu.Unlock()
	}
}

func (b *Batcher) add(u Update) {
	switch {
	case u.Record != nil:
		b.pending.Records = append(b.pending.Records, *u.Record)
		b.n++
	case u.Duplicate != nil:
		if b.pending.Duplicates == nil {
			b.pending.Duplicates = map[uint64]int{}
		}
		d := u.Duplicate
		b.pending.Duplicates[d.Seq] = max(b.pending.Duplicates[d.Seq], d.Count)
		b.n++
	}
}

// Next blocks until at least one update is pending, waits out the rest of
// its tick, and returns everything collected. It returns ok=false once the
// source has ended (or Stop was called) and nothing is left.
func (b *Batcher) Next() (batch Batch, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.n == 0 && !b.ended && !b.stopped {
		b.cond.Wait()
	}
	if b.n == 0 {
		return Batch{}, false
	}
	if wait := b.tick - time.Since(b.first); wait > 0 && !b.ended && !b.stopped {
		b.mu.Unlock()
		t := time.NewTimer(wait) // let the rest of the burst arrive
		select {
		case <-t.C:
		case <-b.end: // nothing more will come: hand out what is here
			t.Stop()
		}
		b.mu.Lock()
	}
	batch, b.pending, b.n = b.pending, Batch{}, 0
	b.cond.Broadcast() // the collector may be waiting for room
	return batch, batch.Len() > 0
}

// Stop ends collection; Next returns what is pending, then false. Closing
// the source (Subscription.Close, or Follow returning) ends it too.
func (b *Batcher) Stop() {
	b.mu.Lock()
	b.stopped = true
	b.cond.Broadcast()
	b.mu.Unlock()
	b.endOnce.Do(func() { close(b.end) })
}
