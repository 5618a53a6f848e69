package livefeed

import (
	"context"
	"sync"
)

// ringSize is how many of the newest frames the relay keeps for viewers
// that have caught up: a viewer further behind than that reads from the
// stream itself, or is let go to resume.
const ringSize = 4096

// fanout is the relay's one live reader of the stream: every message stored
// after it started, encoded once as a frame and kept in a ring, from which
// every viewer that has caught up is served. Fifty viewers then cost one
// consumer and one encoding per notification, not fifty.
type fanout struct {
	store *Store

	mu          sync.Mutex
	ring        [ringSize]fanEntry
	first, next uint64        // the ring holds stream sequences [first, next)
	changed     chan struct{} // closed (and replaced) when next moves or the reader ends
	err         error         // why the reader ended (ErrClosed after close)
	running     bool
	cancel      context.CancelFunc
}

// fanEntry is one stored message as a viewer receives it (frame nil: a
// message viewers are not sent, such as a repeat already counted).
type fanEntry struct {
	seq   uint64 // stream sequence
	frame []byte
}

func newFanout(st *Store) *fanout { return &fanout{store: st, changed: make(chan struct{})} }

// start runs the reader unless it runs already; a reader that ended
// (the store failed) is started again.
func (f *fanout) start() error {
	f.mu.Lock()
	running := f.running
	f.mu.Unlock()
	if running {
		return nil
	}
	// Asked outside the lock: during a cluster's election it may take
	// seconds, and viewers already served must not wait for it.
	_, last, err := f.store.Bounds()
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.running {
		return nil
	}
	if f.err == ErrClosed {
		return ErrClosed
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.running, f.cancel, f.err = true, cancel, nil
	f.first, f.next = last+1, last+1
	go f.run(ctx, last)
	return nil
}

func (f *fanout) run(ctx context.Context, after uint64) {
	err := f.store.read(ctx, after, 0, false, func(u Update, seq, _ uint64) bool {
		frame, _ := encodeUpdate(u) // nil for an empty update: kept, so the ring stays contiguous
		f.mu.Lock()
		if seq != f.next { // messages the stream no longer holds: start the ring here
			f.first = seq
		}
		f.ring[seq%ringSize] = fanEntry{seq: seq, frame: frame}
		f.next = seq + 1
		f.first = max(f.first, f.next-min(f.next, ringSize))
		close(f.changed)
		f.changed = make(chan struct{})
		f.mu.Unlock()
		return true
	})
	f.mu.Lock()
	defer f.mu.Unlock()
	if err == nil {
		err = ErrClosed // ended by close
	}
	f.running, f.err = false, err
	close(f.changed)
	f.changed = make(chan struct{})
}

// near reports whether the ring has (or is about to have) stream sequence
// seq, and at most buffer messages after it: a viewer reading the stream
// itself switches to the ring there. One further behind keeps reading the
// stream, so a viewer that reconnects with a backlog is not let go again
// for the backlog it came to read.
func (f *fanout) near(seq uint64, buffer int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.running && seq >= f.first && f.next <= seq+uint64(buffer)
}

// at returns the frame after pos, or what to wait on: changed is closed when
// there may be more. behind says pos+1 has left the ring; err that the
// reader ended.
func (f *fanout) at(pos uint64) (e fanEntry, ok, behind bool, pending uint64, changed <-chan struct{}, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case pos+1 < f.first:
		return fanEntry{}, false, true, 0, nil, nil
	case pos+1 < f.next:
		return f.ring[(pos+1)%ringSize], true, false, f.next - pos - 1, nil, nil
	case !f.running:
		return fanEntry{}, false, false, 0, nil, f.err
	}
	return fanEntry{}, false, false, 0, f.changed, nil
}

// close stops the reader for good.
func (f *fanout) close() {
	f.mu.Lock()
	cancel := f.cancel
	f.err = ErrClosed
	f.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}
