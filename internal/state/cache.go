package state

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// ChangeShownFor is how long a changed, new or deleted item stays marked.
const ChangeShownFor = 5 * time.Second

// Cache is everything the dashboard knows from the API: the Store the
// views read. Only the shell's Update changes it, and each change costs
// what changed: polls arrive compared (Fetched), and views learn which
// keys to redraw from ChangedSince.
type Cache struct {
	events        itemList[client.Event]
	resources     itemList[client.Resource]
	subscriptions itemList[client.Subscription]
	reports       itemList[client.Report]
	reportsOff    bool                 // the server said it cannot list reports
	sentHere      map[string]time.Time // reports this dashboard sent, by id, as of the last reports poll

	loaded   map[Kind]bool
	failures map[Kind]string
	versions map[Kind]uint64
	marks    map[Kind]*marks
	logs     map[Kind]*ChangeLog

	// The live feed's view of events (cache_live.go).
	live       map[string]*liveEdit // by event id
	eventsFrom uint64               // request id of the event list last applied
}

// NewCache returns an empty cache: nothing loaded yet.
func NewCache() *Cache {
	c := &Cache{
		events:        itemList[client.Event]{key: EventKey},
		resources:     itemList[client.Resource]{key: ResourceKey},
		subscriptions: itemList[client.Subscription]{key: SubscriptionKey},
		reports:       itemList[client.Report]{key: ReportKey},
		loaded:        map[Kind]bool{},
		failures:      map[Kind]string{},
		versions:      map[Kind]uint64{},
		marks:         map[Kind]*marks{},
		logs:          map[Kind]*ChangeLog{},
		live:          map[string]*liveEdit{},
	}
	for _, k := range Kinds {
		c.marks[k] = newMarks()
		c.logs[k] = &ChangeLog{}
	}
	return c
}

var _ Store = (*Cache)(nil)

func (c *Cache) Events() []client.Event               { return c.events.items }
func (c *Cache) Resources() []client.Resource         { return c.resources.items }
func (c *Cache) Subscriptions() []client.Subscription { return c.subscriptions.items }
func (c *Cache) Reports() []client.Report             { return c.reports.items }
func (c *Cache) ReportsOffered() bool                 { return !c.reportsOff }
func (c *Cache) SentHere(reportID string) bool        { _, ok := c.sentHere[reportID]; return ok }
func (c *Cache) Loaded(kind Kind) bool                { return c.loaded[kind] }
func (c *Cache) Failure(kind Kind) string             { return c.failures[kind] }
func (c *Cache) Version(kind Kind) uint64             { return c.versions[kind] }

// Change is how key's item of kind changed in a recent refresh.
func (c *Cache) Change(kind Kind, key string) Change { return c.marks[kind].get(key) }

// Position is where key's item is in kind's list.
func (c *Cache) Position(kind Kind, key string) (int, bool) {
	switch kind {
	case Events:
		return c.events.position(key)
	case Resources:
		return c.resources.position(key)
	case Subscriptions:
		return c.subscriptions.position(key)
	case Reports:
		return c.reports.position(key)
	}
	return 0, false
}

// ChangedSince lists the keys of kind whose items or marks changed after
// version; all is true when a view built at version must rebuild
// everything (the first load, or a version older than the log keeps).
func (c *Cache) ChangedSince(kind Kind, version uint64) (keys []string, all bool) {
	return c.logs[kind].Since(version)
}

// Since is what the next poll of kind is compared with (see Fetch).
func (c *Cache) Since(kind Kind) Since {
	s := Since{}
	switch kind {
	case Events:
		s.Base = c.events.base
		if len(c.live) > 0 {
			s.Dirty = make(map[string]bool, len(c.live))
			for id := range c.live {
				s.Dirty[id] = true
			}
		}
	case Resources:
		s.Base = c.resources.base
	case Subscriptions:
		s.Base = c.subscriptions.base
	case Reports:
		s.Base = c.reports.base
	}
	return s
}

// changed records that keys of kind changed (all: everything did), so the
// version moves and views can ask which.
func (c *Cache) changed(kind Kind, all bool, keys ...string) {
	c.versions[kind]++
	c.logs[kind].Add(c.versions[kind], all, keys)
}

// Apply stores a list decoded whole (a []client.Event, []client.Resource,
// []client.Subscription or []client.Report), compared with what the cache
// holds. The shell applies polls (ApplyPoll); this is for lists made in
// code.
func (c *Cache) Apply(kind Kind, items any, now time.Time) {
	var p Fetched
	switch v := items.(type) {
	case []client.Event:
		p = wholePoll(kind, v, EventKey, eventRaw, c.events.base)
	case []client.Resource:
		p = wholePoll(kind, v, ResourceKey, resourceRaw, c.resources.base)
	case []client.Subscription:
		p = wholePoll(kind, v, SubscriptionKey, subscriptionRaw, c.subscriptions.base)
	case []client.Report:
		p = wholePoll(kind, v, ReportKey, reportRaw, c.reports.base)
	default:
		return
	}
	c.ApplyPoll(p, 0, now)
}

// ApplyPoll stores a poll's answer (requested as request listID) and marks
// what changed since the last (nothing on the first load: everything would
// be "new"). Notifications newer than the list stay on top of it. It
// reports false when the poll was compared with a list the cache no longer
// holds as it was (a live deletion moved the others): nothing is applied,
// and the list should be fetched again.
func (c *Cache) ApplyPoll(p Fetched, listID uint64, now time.Time) bool {
	kind := p.Kind()
	var (
		ok      bool
		keys    []string
		changes changes
	)
	// The keys whose rows may differ: the poll's changes, and the events
	// notifications had changed (re-read from the list, or put back on it).
	switch p := p.(type) {
	case *ListPoll[client.Event]:
		if ok = c.events.apply(p); ok {
			keys = c.mergeLive(listID, now)
		}
		changes = p.changes()
	case *ListPoll[client.Resource]:
		ok = c.resources.apply(p)
		changes = p.changes()
	case *ListPoll[client.Subscription]:
		ok = c.subscriptions.apply(p)
		changes = p.changes()
	case *ListPoll[client.Report]:
		ok = c.reports.apply(p)
		changes = p.changes()
		if ok {
			c.SetReportsOffered(p.listed)
			c.sentHere = p.sent
		}
	}
	if !ok {
		return false
	}
	first := !c.loaded[kind]
	if !first {
		c.marks[kind].addSet(now.Add(ChangeShownFor), changes.marks, changes.keys[:changes.addedUpdated:changes.addedUpdated])
	}
	if len(keys) == 0 {
		keys = changes.keys // the poll's own list, kept as is (nobody changes it)
	} else {
		keys = append(keys, changes.keys...)
	}
	if first || len(keys) > 0 || c.failures[kind] != "" {
		c.changed(kind, first, keys...)
	}
	c.loaded[kind] = true
	delete(c.failures, kind)
	return true
}

// SetFailure records why kind could not be fetched (one secret-free line).
func (c *Cache) SetFailure(kind Kind, text string) {
	if c.failures[kind] != text {
		c.failures[kind] = text
		c.changed(kind, false)
	}
}

// SetReportsNotOffered records that the server cannot list reports: the
// list is empty, and that is its final state rather than an error.
func (c *Cache) SetReportsNotOffered() {
	c.reportsOff = true
	c.reports = itemList[client.Report]{key: ReportKey}
	c.loaded[Reports] = true
	delete(c.failures, Reports)
	c.changed(Reports, true)
}

// SetReportsOffered records whether the server lists reports (the
// reports fetch learns it with every answer).
func (c *Cache) SetReportsOffered(offered bool) {
	if c.reportsOff == offered {
		c.reportsOff = !offered
		c.changed(Reports, true)
	}
}

// Expire drops changes whose time is up (and the rows of deleted events
// with them) and returns the kinds that lost one.
func (c *Cache) Expire(now time.Time) []Kind {
	var out []Kind
	dropped := c.expireLive(now)
	for _, kind := range Kinds {
		keys := c.marks[kind].expire(now)
		if kind == Events {
			keys = append(keys, dropped...)
		}
		if len(keys) > 0 {
			c.changed(kind, false, keys...)
			out = append(out, kind)
		}
	}
	return out
}
