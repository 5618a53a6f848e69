package notification

import (
	"sync"
	"time"
)

// Batch is what the dashboard applies in one Update: every record that
// arrived since the last batch, in order, and the newest repeat count per
// seq.
type Batch struct {
	Records    []Record
	Duplicates map[uint64]int
	// At is when the Batcher handed the batch out (zero for a batch made
	// elsewhere): two batches are at least a frame apart.
	At time.Time
	// Prepared holds, by position in Records, what BatcherOptions.Prepare
	// made of each record (nil without Prepare).
	Prepared []any
}

// Len is the number of updates the batch stands for.
func (b Batch) Len() int { return len(b.Records) + len(b.Duplicates) }

// DefaultFrame is one frame at 60 frames a second: the Batcher hands out
// at most one batch per frame, so a burst costs at most one redraw each.
const DefaultFrame = time.Second / 60

// BatcherOptions tunes a Batcher; zero values take the defaults.
type BatcherOptions struct {
	// Frame is the shortest time between two batches (default
	// DefaultFrame). The first update after a quiet frame is handed out at
	// once; what arrives within a frame of the last batch waits for the
	// frame's end and goes out together.
	Frame time.Duration
	// MaxPending stops reading the source while this many updates wait
	// (default 100,000), so a stalled UI pushes back on the subscription,
	// which then catches up from the journal instead of growing memory.
	MaxPending int
	// Clock is the time source (nil: the wall clock); tests drive it.
	Clock Clock
	// Prepare, when set, is run on each record as it arrives, in the
	// Batcher's goroutine, while the batch waits for its frame; its result
	// travels in Batch.Prepared. The dashboard decodes announced events
	// here, so neither the UI loop nor the hand-out waits for it.
	Prepare func(Record) any
}

// Clock is what a Batcher needs of time.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

type wallClock struct{}

func (wallClock) Now() time.Time                         { return time.Now() }
func (wallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Batcher coalesces a stream of updates into at most one Batch per frame,
// so 10,000 notifications cost a few hundred dashboard messages, not
// 10,000, while a lone notification reaches the dashboard at once. Next is
// blocking and meant to be wrapped in a tea.Cmd that re-arms after each
// batch.
type Batcher struct {
	frame   time.Duration
	max     int
	clock   Clock
	prepare func(Record) any

	mu      sync.Mutex
	cond    *sync.Cond // signalled when pending grows, drains, or the source ends
	pending Batch
	n       int
	lastOut time.Time // when the last batch was handed out (zero: never)
	ended   bool      // the source closed
	stopped bool      // Stop was called
	end     chan struct{}
	endOnce sync.Once
}

// NewBatcher starts collecting from in until it is closed or Stop is called.
func NewBatcher(in <-chan Update, opts BatcherOptions) *Batcher {
	b := &Batcher{frame: opts.Frame, max: opts.MaxPending, clock: opts.Clock, prepare: opts.Prepare, end: make(chan struct{})}
	if b.frame <= 0 {
		b.frame = DefaultFrame
	}
	if b.max <= 0 {
		b.max = 100_000
	}
	if b.clock == nil {
		b.clock = wallClock{}
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
		var prepared any
		if b.prepare != nil && u.Record != nil {
			prepared = b.prepare(*u.Record) // outside the lock: Next may hand out meanwhile
		}
		b.mu.Lock()
		for b.n >= b.max && !b.stopped {
			b.cond.Wait()
		}
		if b.stopped {
			b.mu.Unlock()
			return
		}
		b.add(u, prepared)
		b.cond.Broadcast()
		b.mu.Unlock()
	}
}

func (b *Batcher) add(u Update, prepared any) {
	switch {
	case u.Record != nil:
		b.pending.Records = append(b.pending.Records, *u.Record)
		if b.prepare != nil {
			b.pending.Prepared = append(b.pending.Prepared, prepared)
		}
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

// Next blocks until at least one update is pending and returns everything
// collected: at once when the last batch went out a frame or more ago (the
// first notification of a quiet period), otherwise at the end of that
// frame (the rest of a burst). It returns ok=false once the source has
// ended (or Stop was called) and nothing is left.
func (b *Batcher) Next() (batch Batch, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.n == 0 && !b.ended && !b.stopped {
		b.cond.Wait()
	}
	if b.n == 0 {
		return Batch{}, false
	}
	if !b.lastOut.IsZero() && !b.ended && !b.stopped {
		if wait := b.frame - b.clock.Now().Sub(b.lastOut); wait > 0 {
			b.mu.Unlock()
			select { // let the rest of the burst arrive
			case <-b.clock.After(wait):
			case <-b.end: // nothing more will come: hand out what is here
			}
			b.mu.Lock()
		}
	}
	batch, b.pending, b.n = b.pending, Batch{}, 0
	b.lastOut = b.clock.Now()
	batch.At = b.lastOut
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
