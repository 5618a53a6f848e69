package state

import (
	"context"
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Fetched is a list fetched and compared with the Base it was asked
// against, ready to apply. It is made in a command's goroutine, so that
// applying it on the UI goroutine costs what changed, not what exists.
type Fetched interface {
	Kind() Kind
}

// ListPoll is the Fetched of one list.
type ListPoll[T any] struct {
	kind       Kind
	from, next *Base

	// full is the whole list, when it was decoded whole (the first poll,
	// or an API that cannot be scanned). Otherwise changed holds the
	// elements that differ from from's, by their new position; every other
	// position holds an element from had: at the same position when
	// sameOrder, else at src[position]. When most elements changed, spread
	// holds them instead, at their positions, with src for every position
	// (-1: in spread): applying then copies the few that did not change,
	// not the many that did (100,000 events copied on the UI loop while the
	// collector runs cost 10 ms).
	full    []T
	isFull  bool
	changed []changedAt[T]
	spread  []T
	src     []int32

	added, updated, removed []string
	keys                    []string          // added, updated and removed, in one list
	sameOrder               bool              // every key is where it was in from
	marks                   map[string]Change // added and updated, for the marks

	listed bool                 // Reports: the server offered GET /reports
	sent   map[string]time.Time // Reports: those this dashboard sent, by id (see sentreports.Gathered.SentAt)
}

type changedAt[T any] struct {
	pos  int
	item T
}

// Kind is the list's kind.
func (p *ListPoll[T]) Kind() Kind { return p.kind }

// Changes counts the elements the poll added, changed and removed.
func (p *ListPoll[T]) Changes() (added, updated, removed int) {
	return len(p.added), len(p.updated), len(p.removed)
}

// changes is what a poll changed, whatever its type: keys lists every
// changed key, the added and updated first.
type changes struct {
	keys         []string
	addedUpdated int
	marks        map[string]Change
}

func (p *ListPoll[T]) changes() changes {
	return changes{keys: p.keys[:len(p.keys):len(p.keys)], addedUpdated: len(p.added) + len(p.updated), marks: p.marks}
}

// wholePoll compares a list decoded whole with from.
func wholePoll[T any](kind Kind, items []T, key func(T) string, raw func(T) []byte, from *Base) *ListPoll[T] {
	keys := make([]string, len(items))
	prints := make([]uint64, len(items))
	for i, it := range items {
		keys[i], prints[i] = key(it), fingerprint(raw(it), it)
	}
	p := &ListPoll[T]{kind: kind, from: from, full: items, isFull: true}
	p.next, p.sameOrder = newBase(keys, prints, from)
	p.compare()
	return p
}

// compare fills added, updated, removed and marks from from and next.
func (p *ListPoll[T]) compare() {
	if p.from == nil {
		return
	}
	for i, k := range p.next.keys {
		switch j, ok := p.from.position(k); {
		case !ok:
			p.added = append(p.added, k)
		case p.from.prints[j] != p.next.prints[i]:
			p.updated = append(p.updated, k)
		}
	}
	if n := len(p.added) + len(p.updated); n > 0 {
		p.marks = make(map[string]Change, n)
		for _, k := range p.updated {
			p.marks[k] = Updated
		}
		for _, k := range p.added {
			p.marks[k] = Added
		}
	}
	for _, k := range p.from.keys {
		if _, ok := p.next.position(k); !ok {
			p.removed = append(p.removed, k)
		}
	}
	// One list of every key, the three lists views of it: the cache keeps
	// it as is, rather than gather 100,000 keys on the UI goroutine.
	na, nu := len(p.added), len(p.updated)
	p.keys = slices.Concat(p.added, p.updated, p.removed)
	p.added, p.updated, p.removed = p.keys[:na:na], p.keys[na:na+nu:na+nu], p.keys[na+nu:]
}

// scanPoll reads a list element by element and decodes only the elements
// that are not where from has them with the same fingerprint, or whose
// key is dirty (changed on screen since from, by a live notification).
// Without from, every element is decoded.
func scanPoll[T any](ctx context.Context, kind Kind, scan func(context.Context, func(), client.ElementFunc) error,
	decode func(*client.ElementDecoder, int, []byte) (T, error), key func(T) string, from *Base, dirty map[string]bool) (*ListPoll[T], error) {
	var (
		p       *ListPoll[T]
		keys    []string
		prints  []uint64
		pool    *decodePool[T]
		byPrint map[uint64]int32 // from's positions by fingerprint, made at the first element out of place
	)
	begin := func() {
		if pool != nil {
			pool.stop() // a retry: what the last attempt decoded is dropped
		}
		p = &ListPoll[T]{kind: kind, from: from, isFull: from == nil}
		keys, prints = make([]string, 0, from.Len()), make([]uint64, 0, from.Len())
		p.src = make([]int32, 0, from.Len())
		pool = newDecodePool(decode)
	}
	each := func(i int, raw []byte) error {
		h := fingerprint(raw, nil)
		if i < from.Len() && from.prints[i] == h && !dirty[from.keys[i]] {
			keys, prints, p.src = append(keys, from.keys[i]), append(prints, h), append(p.src, int32(i))
			return nil
		}
		if from != nil {
			if byPrint == nil {
				byPrint = make(map[uint64]int32, from.Len())
				for j, pr := range from.prints {
					byPrint[pr] = int32(j)
				}
			}
			// The same bytes elsewhere in from: the element moved (another was inserted or removed before it).
			if j, ok := byPrint[h]; ok && !dirty[from.keys[j]] {
				keys, prints, p.src = append(keys, from.keys[j]), append(prints, h), append(p.src, j)
				return nil
			}
		}
		pool.add(i, len(keys), raw) // its key is known once decoded
		keys, prints, p.src = append(keys, ""), append(prints, h), append(p.src, -1)
		return nil
	}
	if err := scan(ctx, begin, each); err != nil {
		if pool != nil {
			pool.stop()
		}
		return nil, err
	}
	switch {
	case p.isFull:
		p.full = make([]T, 0, len(keys)) // every element was decoded
	case 2*pool.queued > len(keys):
		p.spread = make([]T, len(keys))
	}
	err := pool.wait(func(slot, i int, item T) {
		keys[slot] = key(item)
		switch {
		case p.isFull:
			p.full = append(p.full, item)
		case p.spread != nil:
			p.spread[i] = item
		default:
			p.changed = append(p.changed, changedAt[T]{pos: i, item: item})
		}
	})
	if err != nil {
		return nil, err
	}
	p.next, p.sameOrder = newBase(keys, prints, from)
	if p.isFull || (p.sameOrder && p.spread == nil) {
		p.src = nil // not needed
	}
	p.compare()
	return p, nil
}
