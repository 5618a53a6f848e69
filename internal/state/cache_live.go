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

func (c *Cache) markEvent(id string, ch Change, now time.Time) {
	c.marks[Events].set(id, ch, now.Add(ChangeShownFor))
	c.changed(Events, false, id)
}

// LiveUpsert shows ev as a notification announced it: a new row is marked
// new, a known one changed.
func (c *Cache) LiveUpsert(ev client.Event, stamp uint64, now time.Time) {
	if e := c.live[ev.ID]; e != nil && e.stamp > stamp {
		return // something newer is known
	}
	ch := Updated
	if c.events.put(ev) {
		ch = Added
	}
	c.markEvent(ev.ID, ch, now)
	c.live[ev.ID] = &liveEdit{stamp: stamp, ev: ev}
}

// LiveTouch marks a known event changed when the notification did not carry
// it (the fetch that follows brings the new version).
func (c *Cache) LiveTouch(id string, now time.Time) {
	if _, ok := c.events.position(id); ok {
		c.markEvent(id, Updated, now)
	}
}

// LiveDelete marks event id deleted; its row goes when the mark fades.
func (c *Cache) LiveDelete(id string, stamp uint64, now time.Time) {
	if e := c.live[id]; e != nil && e.stamp > stamp {
		return
	}
	edit := &liveEdit{stamp: stamp, deleted: true}
	if i, ok := c.events.position(id); ok {
		edit.ev, edit.removeAt = c.events.items[i], now.Add(ChangeShownFor)
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
	if c.events.put(ev) {
		c.markEvent(ev.ID, Added, now)
	} else {
		c.changed(Events, false, ev.ID)
	}
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

// mergeLive folds what the live feed knows into the event list just
// applied (requested as listID) and returns the ids it touched: edits
// newer than the list stay on top of it, older ones give way to it.
func (c *Cache) mergeLive(listID uint64, now time.Time) []string {
	c.eventsFrom = listID
	var touched []string
	for id, e := range c.live {
		switch {
		case e.deleted && now.Before(e.removeAt):
			c.events.put(e.ev) // still on show, marked deleted
		case e.deleted && e.stamp > listID:
			c.events.drop(id)
		case e.stamp > listID:
			c.events.put(e.ev)
		default:
			delete(c.live, id) // the list is newer: it is the truth now
		}
		touched = append(touched, id)
	}
	return touched
}

// expireLive removes the rows of deleted events whose mark faded and
// returns their ids.
func (c *Cache) expireLive(now time.Time) []string {
	var gone []string
	for id, e := range c.live {
		if e.deleted && !e.removeAt.IsZero() && !now.Before(e.removeAt) {
			c.events.drop(id)
			e.removeAt, e.ev = time.Time{}, client.Event{}
			gone = append(gone, id)
		}
	}
	return gone
}
