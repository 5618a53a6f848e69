package livefeed

import (
	"errors"
	"sync"
	"sync/atomic"
)

// LagPolicy says what happens to a subscriber that falls too far behind.
type LagPolicy int

const (
	// LagCatchUp drops the subscriber's live queue and has it read the
	// missed records back from the journal: nothing is lost, nothing blocks.
	LagCatchUp LagPolicy = iota
	// LagDisconnect ends the subscription with ErrLagging; the consumer
	// resumes later with a new subscription from the last seq it holds.
	LagDisconnect
)

// ErrLagging ends a LagDisconnect subscription that fell too far behind.
var ErrLagging = errors.New("subscriber fell too far behind the journal")

// SubscribeOptions tunes a subscription; zero values take the defaults.
type SubscribeOptions struct {
	// Buffer is how many new records the subscriber may be behind before it
	// counts as lagging (default 1024).
	Buffer int
	// MaxBytes bounds the body bytes queued for it (default 16 MiB).
	MaxBytes int
	OnLag    LagPolicy
	// Early offers each record as soon as it is appended, in order, before
	// it is written, and again once durable (the copy already delivered is
	// skipped by its seq). For a consumer in the journal's own process,
	// which dies with it: the dashboard's own Feed then shows a
	// notification without waiting for the disk, while the sender's 2xx
	// still follows durability. A write that fails stops the journal, so
	// at most that group was shown and never acknowledged.
	Early bool
}

func (o SubscribeOptions) withDefaults() SubscribeOptions {
	if o.Buffer <= 0 {
		o.Buffer = 1024
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 16 << 20
	}
	return o
}

// Hub fans every journaled record out to its subscribers, in seq order.
// Publishing never blocks: each subscriber has a bounded queue and its own
// goroutine, and one that falls behind reads from the journal instead.
type Hub struct {
	j      *Journal
	mu     sync.Mutex
	subs   map[*Subscription]struct{}
	closed error
}

func newHub(j *Journal) *Hub { return &Hub{j: j, subs: map[*Subscription]struct{}{}} }

// Subscribe delivers every record with seq greater than after (history from
// the journal first, then live), plus Duplicate updates, on the returned
// subscription's channel. after=LastSeq() means live only.
func (h *Hub) Subscribe(after uint64, opts SubscribeOptions) *Subscription {
	s := &Subscription{
		h:    h,
		opts: opts.withDefaults(),
		out:  make(chan Update, 64),
		done: make(chan struct{}),
		wake: make(chan struct{}, 1),
		dups: map[uint64]int{},
	}
	s.last.Store(after)
	h.mu.Lock()
	s.start = h.j.committed.Load()
	if h.closed != nil {
		s.closeLocked(h.closed)
	} else {
		h.subs[s] = struct{}{}
	}
	h.mu.Unlock()
	go s.run(after)
	return s
}

// Subscribers is the number of open subscriptions.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// publish marks records up to last durable and offers them to subscribers.
// Called by the journal writer only.
func (h *Hub) publish(recs []*Record, last uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.j.committed.Store(last)
	for s := range h.subs {
		s.offerLocked(recs, last)
	}
}

// publishEarly offers appended, not yet durable records to the Early
// subscribers. Called by Append, in seq order.
func (h *Hub) publishEarly(recs []*Record) {
	h.mu.Lock()
	defer h.mu.Unlock()
	committed := h.j.committed.Load()
	for s := range h.subs {
		if s.opts.Early {
			s.offerLocked(recs, committed)
		}
	}
}

func (h *Hub) publishDuplicate(d Duplicate) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.offerDuplicateLocked(d)
	}
}

func (h *Hub) close(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = err
	for s := range h.subs {
		s.closeLocked(err)
	}
}

// Subscription is one consumer's ordered view of the feed.
type Subscription struct {
	h    *Hub
	opts SubscribeOptions
	out  chan Update
	done chan struct{}
	wake chan struct{}

	// guarded by h.mu
	live       bool
	queue      []Update
	queueBytes int
	dups       map[uint64]int // repeat counts seen while not live
	start      uint64         // committed seq when subscribed
	closed     bool
	err        error

	last atomic.Uint64 // last seq handed to the consumer
	lags atomic.Int64
}

// Updates is the subscription's channel; it is closed when the
// subscription ends (see Err).
func (s *Subscription) Updates() <-chan Update { return s.out }

// Done is closed as soon as the subscription ends, possibly before the
// consumer has drained Updates.
func (s *Subscription) Done() <-chan struct{} { return s.done }

// Close ends the subscription; Updates is closed soon after.
func (s *Subscription) Close() {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	s.closeLocked(nil)
}

// Err says why the subscription ended: nil after Close, ErrLagging,
// ErrClosed, or a journal read error.
func (s *Subscription) Err() error {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	return s.err
}

// LastSeq is the seq of the last record handed to the consumer.
func (s *Subscription) LastSeq() uint64 { return s.last.Load() }

// Lags counts how often the subscriber fell behind and caught up from the
// journal (LagCatchUp).
func (s *Subscription) Lags() int { return int(s.lags.Load()) }

func (s *Subscription) closeLocked(err error) {
	if s.closed {
		return
	}
	s.closed, s.err = true, err
	s.queue, s.dups = nil, nil
	close(s.done)
	delete(s.h.subs, s)
}

func (s *Subscription) offerLocked(recs []*Record, committed uint64) {
	if s.closed {
		return
	}
	// A LagDisconnect subscriber is judged by how many records published
	// since it subscribed it has not taken yet, whether it is still
	// replaying history or already live.
	if base := max(s.last.Load(), s.start); s.opts.OnLag == LagDisconnect && committed > base && committed-base > uint64(s.opts.Buffer) {
		s.closeLocked(ErrLagging)
		return
	}
	if !s.live {
		return // it reads these back from the journal
	}
	for _, r := range recs {
		c := *r // each subscriber owns its Record; Body stays shared
		s.queue = append(s.queue, Update{Record: &c})
		s.queueBytes += len(c.Body)
	}
	if len(s.queue) > s.opts.Buffer || s.queueBytes > s.opts.MaxBytes {
		if s.opts.OnLag == LagDisconnect {
			s.closeLocked(ErrLagging)
			return
		}
		s.fallBehindLocked()
		return
	}
	s.signal()
}

func (s *Subscription) offerDuplicateLocked(d Duplicate) {
	if s.closed {
		return
	}
	if !s.live {
		s.dups[d.Seq] = max(s.dups[d.Seq], d.Count)
		return
	}
	s.queue = append(s.queue, Update{Duplicate: &d})
	if len(s.queue) > s.opts.Buffer && s.opts.OnLag == LagCatchUp {
		s.fallBehindLocked()
		return
	}
	s.signal()
}

// fallBehindLocked switches to catching up from the journal, keeping the
// repeat counts that were queued.
func (s *Subscription) fallBehindLocked() {
	for _, u := range s.queue {
		if u.Duplicate != nil {
			s.dups[u.Duplicate.Seq] = max(s.dups[u.Duplicate.Seq], u.Duplicate.Count)
		}
	}
	s.queue, s.queueBytes, s.live = nil, 0, false
	s.lags.Add(1)
	s.signal()
}

func (s *Subscription) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}
