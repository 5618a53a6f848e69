package state

import "slices"

// itemList is one of the cache's lists: its items, and the Base of the
// poll they came from, which both finds an item by key and lets the next
// poll send only what changed.
type itemList[T any] struct {
	key   func(T) string
	items []T
	// base describes items[:base.Len()] as polled; nil when they no longer
	// line up with it (a live deletion removed one), until the next poll.
	base  *Base
	extra map[string]int32 // with base: items appended after the polled ones
	index map[string]int32 // without base: every position, built when first needed
}

// position is where key's item is.
func (l *itemList[T]) position(key string) (int, bool) {
	if l.base != nil {
		if i, ok := l.base.position(key); ok && i < len(l.items) {
			return i, true
		}
		i, ok := l.extra[key]
		return int(i), ok
	}
	if l.index == nil {
		l.index = make(map[string]int32, len(l.items))
		for i, it := range l.items {
			l.index[l.key(it)] = int32(i)
		}
	}
	i, ok := l.index[key]
	return int(i), ok
}

// put replaces key's item, or appends it; added is true for a new one.
func (l *itemList[T]) put(it T) (added bool) {
	k := l.key(it)
	if i, ok := l.position(k); ok {
		l.items[i] = it
		return false
	}
	if len(l.items) == cap(l.items) {
		// Double: append grows large slices by a quarter, and each growth
		// copies every item on the UI loop (a burst of new events).
		l.items = slices.Grow(l.items, len(l.items))
	}
	l.items = append(l.items, it)
	pos := int32(len(l.items) - 1)
	switch {
	case l.base != nil:
		if l.extra == nil {
			l.extra = map[string]int32{}
		}
		l.extra[k] = pos
	default:
		l.index[k] = pos
	}
	return true
}

// drop removes key's item (into a new slice: rare). The polled items no
// longer line up with the base: the next poll is compared in full.
func (l *itemList[T]) drop(key string) bool {
	i, ok := l.position(key)
	if !ok {
		return false
	}
	next := make([]T, 0, len(l.items)-1)
	l.items = append(append(next, l.items[:i]...), l.items[i+1:]...)
	l.base, l.extra, l.index = nil, nil, nil
	return true
}

// apply takes a poll. It refuses one compared with another base than the
// one the items line up with.
func (l *itemList[T]) apply(p *ListPoll[T]) bool {
	if p.isFull {
		l.items, l.base, l.extra, l.index = p.full, p.next, nil, nil
		return true
	}
	if l.base != p.from || p.from == nil {
		return false
	}
	n := p.next.Len()
	items := p.spread
	switch {
	case items == nil && p.sameOrder:
		items = l.items[:n] // the same keys in the same places: in place (notified items appended after them go; they are merged again)
	case items == nil:
		items = make([]T, n)
	}
	for i, j := range p.src { // nil when in place
		if j >= 0 {
			items[i] = l.items[j]
		}
	}
	for _, c := range p.changed {
		items[c.pos] = c.item
	}
	l.items, l.base, l.extra, l.index = items, p.next, nil, nil
	return true
}
