package list

import (
	"container/heap"
	"time"
)

// rowClock knows when each clock-dependent row next changes beyond its
// Live columns (an event starts or ends), so a tick rebuilds only the rows
// whose time came, not every row.
type rowClock struct {
	next map[string]time.Time // the current time of each key
	due  dueHeap              // may hold stale entries: next is the truth
}

type dueEntry struct {
	at  time.Time
	key string
}

type dueHeap []dueEntry

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h dueHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dueHeap) Push(x any)        { *h = append(*h, x.(dueEntry)) }
func (h *dueHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

func newRowClock() *rowClock { return &rowClock{next: map[string]time.Time{}} }

// set records when key next changes (zero: never).
func (c *rowClock) set(key string, at time.Time) {
	if at.IsZero() {
		delete(c.next, key)
		return
	}
	if prev, ok := c.next[key]; ok && prev.Equal(at) {
		return
	}
	c.next[key] = at
	heap.Push(&c.due, dueEntry{at, key})
	if len(c.due) > 2*len(c.next)+1024 {
		c.rebuild()
	}
}

// forget drops key (its row is gone).
func (c *rowClock) forget(key string) { delete(c.next, key) }

// pop returns the keys whose time is not after now.
func (c *rowClock) pop(now time.Time) []string {
	var keys []string
	for len(c.due) > 0 && !c.due[0].at.After(now) {
		e := heap.Pop(&c.due).(dueEntry)
		if at, ok := c.next[e.key]; ok && at.Equal(e.at) {
			delete(c.next, e.key)
			keys = append(keys, e.key)
		}
	}
	return keys
}

// rebuild drops the stale entries.
func (c *rowClock) rebuild() {
	c.due = c.due[:0]
	for k, at := range c.next {
		c.due = append(c.due, dueEntry{at, k})
	}
	heap.Init(&c.due)
}
