package list

import (
	"time"

	"github.com/ecdash/ecdash/internal/state"
)

// confirmedFor is how long a confirmed change is still shown when the
// list has not caught up with it (a poll that started before the save, or
// a list that failed to load). Once the list shows it, it is dropped.
const confirmedFor = 30 * time.Second

// change is one optimistic edit of the list: oldKey's row removed (""
// for a create) and item shown in its place (nil for a delete).
type change[T any] struct {
	oldKey    string
	item      *T
	mark      state.Change
	confirmed bool
	until     time.Time // a confirmed change is dropped after this
}

// overlay is the list as the operator expects it: the store's items with
// the saves in flight (and those the list has not caught up with) applied.
// A refused save is rolled back by removing its change.
type overlay[T any] struct {
	key     func(T) string
	same    func(a, b T) bool // the same as far as the form is concerned
	changes []*change[T]
	touched []string // keys whose rows changed since take
}

func (o *overlay[T]) add(c *change[T]) *change[T] {
	o.changes = append(o.changes, c)
	o.touch(c)
	return c
}

// touch records the keys c shows differently.
func (o *overlay[T]) touch(c *change[T]) {
	if c.oldKey != "" {
		o.touched = append(o.touched, c.oldKey)
	}
	if c.item != nil {
		o.touched = append(o.touched, o.key(*c.item))
	}
}

// take returns the keys touched since the last take.
func (o *overlay[T]) take() []string {
	t := o.touched
	o.touched = nil
	return t
}

// rollback removes c: the list shows what the store says again.
func (o *overlay[T]) rollback(c *change[T]) {
	for i, x := range o.changes {
		if x == c {
			o.changes = append(o.changes[:i], o.changes[i+1:]...)
			o.touch(c)
			return
		}
	}
}

// confirm keeps c, showing the server's answer, until the list catches up.
func (o *overlay[T]) confirm(c *change[T], item *T, now time.Time) {
	c.confirmed, c.until = true, now.Add(confirmedFor)
	o.touch(c)
	if item != nil && c.item != nil {
		c.item = item
		o.touch(c)
	}
}

// lookup is key's item as the changes show it; decided is false when no
// change names key (the store says).
func (o *overlay[T]) lookup(key string) (item T, shown, decided bool) {
	for i := len(o.changes) - 1; i >= 0; i-- {
		c := o.changes[i]
		if c.item != nil && o.key(*c.item) == key {
			return *c.item, true, true
		}
		if c.oldKey == key {
			return item, false, true
		}
	}
	return item, false, false
}

// apply returns items with every change applied, in order.
func (o *overlay[T]) apply(items []T) []T {
	if len(o.changes) == 0 {
		return items
	}
	out := append([]T(nil), items...)
	for _, c := range o.changes {
		if c.oldKey != "" {
			out = o.remove(out, c.oldKey)
		}
		if c.item == nil {
			continue
		}
		k := o.key(*c.item)
		if i := o.index(out, k); i >= 0 {
			out[i] = *c.item
		} else {
			out = append(out, *c.item)
		}
	}
	return out
}

// settle drops confirmed changes the store's items now show, and those
// whose time is up; it reports whether any was dropped.
func (o *overlay[T]) settle(items []T, now time.Time) bool {
	kept := o.changes[:0]
	dropped := false
	for _, c := range o.changes {
		if c.confirmed && (o.shows(items, c) || !now.Before(c.until)) {
			dropped = true
			o.touch(c)
			continue
		}
		kept = append(kept, c)
	}
	clear(o.changes[len(kept):])
	o.changes = kept
	return dropped
}

// shows reports whether items already reflect c.
func (o *overlay[T]) shows(items []T, c *change[T]) bool {
	if c.item == nil {
		return o.index(items, c.oldKey) < 0
	}
	k := o.key(*c.item)
	i := o.index(items, k)
	if i < 0 || !o.same(items[i], *c.item) {
		return false
	}
	return c.oldKey == "" || c.oldKey == k || o.index(items, c.oldKey) < 0
}

// mark is how key's row shows while a change shows it.
func (o *overlay[T]) mark(key string) (state.Change, bool) {
	for i := len(o.changes) - 1; i >= 0; i-- {
		c := o.changes[i]
		if c.item != nil && o.key(*c.item) == key {
			return c.mark, true
		}
	}
	return state.Unchanged, false
}

func (o *overlay[T]) index(items []T, key string) int {
	for i, it := range items {
		if o.key(it) == key {
			return i
		}
	}
	return -1
}

func (o *overlay[T]) remove(items []T, key string) []T {
	if i := o.index(items, key); i >= 0 {
		return append(items[:i], items[i+1:]...)
	}
	return items
}

// markedStore is the shell's store with the overlay's marks on top.
type markedStore[T any] struct {
	state.Store
	kind state.Kind
	over *overlay[T]
}

func (s markedStore[T]) Change(kind state.Kind, key string) state.Change {
	if kind == s.kind {
		if m, ok := s.over.mark(key); ok {
			return m
		}
	}
	return s.Store.Change(kind, key)
}

// The marks of rows a change shows.
const (
	markNew     = state.Added
	markChanged = state.Updated
)
