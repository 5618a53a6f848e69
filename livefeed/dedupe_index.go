package livefeed

import "time"

// dedupeIndex remembers the notifications of the dedupe window by key, plus
// the repeat-delivery count of every retained record. It is rebuilt from the
// journal on open, so the window survives a restart. Guarded by Journal.mu.
type dedupeIndex struct {
	window time.Duration
	byKey  map[string]*dedupeEntry
	fifo   []*dedupeEntry // in arrival order, for expiry by age
	head   int
	dups   map[uint64]int // seq → repeat deliveries
}

type dedupeEntry struct {
	key      string
	seq      uint64
	received time.Time
	// group is the commit group the original was written in; a duplicate
	// waits for it so a retry is never acknowledged before the original is
	// durable.
	group *commitGroup
}

func newDedupeIndex(window time.Duration) *dedupeIndex {
	return &dedupeIndex{window: window, byKey: map[string]*dedupeEntry{}, dups: map[uint64]int{}}
}

func (x *dedupeIndex) add(e *dedupeEntry) {
	x.byKey[e.key] = e
	x.fifo = append(x.fifo, e)
}

// lookup returns the live entry for key, expiring old entries first.
func (x *dedupeIndex) lookup(key string, now time.Time) *dedupeEntry {
	x.expire(now)
	return x.byKey[key]
}

func (x *dedupeIndex) expire(now time.Time) {
	cutoff := now.Add(-x.window)
	for x.head < len(x.fifo) && x.fifo[x.head].received.Before(cutoff) {
		e := x.fifo[x.head]
		if x.byKey[e.key] == e {
			delete(x.byKey, e.key)
		}
		x.fifo[x.head] = nil
		x.head++
	}
	if x.head > 1024 && x.head*2 > len(x.fifo) {
		x.fifo = append([]*dedupeEntry(nil), x.fifo[x.head:]...)
		x.head = 0
	}
}

// forgetBelow drops repeat counts of records that retention deleted.
func (x *dedupeIndex) forgetBelow(seq uint64) {
	for s := range x.dups {
		if s < seq {
			delete(x.dups, s)
		}
	}
}
