package state

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// liveEdit is an event change the live feed taught the cache (a
// notification, or the GetEvent it triggered). It is stamped with a request
// id: a list answer to a request made before it must not undo it, and a list
// requested after it replaces it.
type liveEdit struct {
	stamp   uint64
	ev      client.Event
	deleted bool
	// removeAt is when a deleted event's row goes; zero once it has gone
	// (or when the event was never shown).
	removeAt time.Time
}

// eventIndex returns the position of event id in c.events, or -1.
func (c *Cache) eventIndex(id string) int {
	if c.evIndex == nil {
		c.evIndex = make(map[string]int, len(c.events))
		for i, ev := range c.events {
			c.evIndex[ev.ID] = i
		}
	}
	if i, ok := c.evIndex[id]; ok {
		return i
	}
	return -1
}

// putEvent replaces or appends ev. It writes in place (views read the
// slice only inside Update, and compare Version).
func (c *Cache) putEvent(ev client.Event) (added bool) {
	c.bump(Events)
	if i := c.eventIndex(ev.ID); i >= 0 {
		c.events[i] = ev
		return false
	}
	c.events = append(c.events, ev)
	c.evIndex[ev.ID] = len(c.events) - 1
	return true
}

// dropEvent removes event id (into a new slice: rare).
func (c *Cache) dropEvent(id string) {
	i := c.eventIndex(id)
	if i < 0 {
		return
	}
	next := make([]client.Event, 0, len(c.events)-1)
	next = append(append(next, c.events[:i]...), c.events[i+1:]...)
	c.events, c.evIndex = next, nil
	delete(c.prints[Events], id)
	c.bump(Events)
}

func (c *Cache) markEvent(id string, ch Change, now time.Time) {
	c.mark(Events, id, ch, now)
	c.bump(Events)
}

// LiveUpsert shows ev as a notification announced it: a new row is marked
// new, a known one changed.
func (c *Cache) LiveUpsert(ev client.Event, stamp uint64, now time.Time) {
	if e := c.live[ev.ID]; e != nil && e.stamp > stamp {
		return // something newer is known
	}
	ch := Updated
	if c.putEvent(ev) {
		ch = Added
	}
	c.markEvent(ev.ID, ch, now)
	c.remember(ev)
	c.live[ev.ID] = &liveEdit{stamp: stamp, ev: ev}
}

// LiveTouch marks a known event changed when the notification did not carry
// it (the fetch that follows brings the new version).
func (c *Cache) LiveTouch(id string, now time.Time) {
	if c.eventIndex(id) >= 0 {
		c.markEvent(id, Updated, now)
	}
}

// LiveDelete marks event id deleted; its row goes when the mark fades.
func (c *Cache) LiveDelete(id string, stamp uint64, now time.Time) {
	if e := c.live[id]; e != nil && e.stamp > stamp {
		return
	}
	edit := &liveEdit{stamp: stamp, deleted: true}
	if i := c.eventIndex(id); i >= 0 {
		edit.ev, edit.removeAt = c.events[i], now.Add(ChangeShownFor)
		c.markEvent(id, Deleted, now)
	}
	c.live[id] = edit
}

// LiveFetched applies the authoritative copy fetched after a notification
// (request stamp). It is dropped when a list requested later has already
// been applied, or a newer notification arrived.
func (c *Cache) LiveFetched(ev client.Event, stamp uint64, now time.Time) bool {
	if stamp < c.eventsFrom {
		return false
	}
	if e := c.live[ev.ID]; e != nil && e.stamp > stamp {
		return false
	}
	if c.putEvent(ev) {
		c.markEvent(ev.ID, Added, now)
	}
	c.remember(ev)
	c.live[ev.ID] = &liveEdit{stamp: stamp, ev: ev}
	return true
}

// LiveGone handles a 404 to the fetch: the event was deleted meanwhile.
func (c *Cache) LiveGone(id string, stamp uint64, now time.Time) bool {
	if stamp < c.eventsFrom {
		return false
	}
	if e := c.live[id]; e != nil && (e.stamp > stamp || e.deleted) {
		return false
	}
	c.LiveDelete(id, stamp, now)
	return true
}

// remember records ev's fingerprint, so the next poll does not mark it
// changed again for a change the feed already showed.
func (c *Cache) remember(ev client.Event) {
	if c.prints[Events] == nil {
		c.prints[Events] = map[string]uint64{}
	}
	c.prints[Events][ev.ID] = fingerprint(ev.Raw, ev)
}

// MergeLive folds what the live feed knows into a fetched event list that
// was requested with id listID, before it is applied.
func (c *Cache) MergeLive(list []client.Event, listID uint64, now time.Time) []client.Event {
	c.eventsFrom = listID
	if len(c.live) == 0 {
		return list
	}
	index := make(map[string]int, len(list))
	for i, ev := range list {
		index[ev.ID] = i
	}
	out := list
	copied := false
	own := func() {
		if !copied {
			out, copied = append([]client.Event(nil), list...), true
		}
	}
	put := func(ev client.Event) {
		own()
		if i, ok := index[ev.ID]; ok {
			out[i] = ev
			return
		}
		index[ev.ID] = len(out)
		out = append(out, ev)
	}
	var gone map[string]bool
	for id, e := range c.live {
		switch {
		case e.deleted && now.Before(e.removeAt):
			put(e.ev) // still on show, marked deleted
		case e.deleted && e.stamp > listID:
			if gone == nil {
				gone = map[string]bool{}
			}
			gone[id] = true
		case e.stamp > listID:
			put(e.ev)
		default:
			delete(c.live, id) // the list is newer: it is the truth now
		}
	}
	if len(gone) > 0 {
		own()
		kept := out[:0]
		for _, ev := range out {
			if !gone[ev.ID] {
				kept = append(kept, ev)
			}
		}
		out = kept
	}
	return out
}

// expireLive removes the rows of deleted events whose mark faded.
func (c *Cache) expireLive(now time.Time) bool {
	changed := false
	for id, e := range c.live {
		if e.deleted && !e.removeAt.IsZero() && !now.Before(e.removeAt) {
			c.dropEvent(id)
			e.removeAt, e.ev = time.Time{}, client.Event{}
			changed = true
		}
	}
	return changed
}
