package state

import (
	"encoding/json"
	"hash/fnv"
	"time"

	"github.com/ecdash/ecdash/client"
)

// ChangeShownFor is how long a changed, new or deleted item stays marked.
const ChangeShownFor = 5 * time.Second

type changeEntry struct {
	change Change
	until  time.Time
}

// Cache is everything the dashboard knows from the API: the Store the
// views read. Only the shell's Update changes it.
type Cache struct {
	events        []client.Event
	resources     []client.Resource
	subscriptions []client.Subscription
	reports       []client.Report
	reportsOff    bool // the server said it cannot list reports

	loaded   map[Kind]bool
	failures map[Kind]string
	versions map[Kind]uint64
	prints   map[Kind]map[string]uint64 // content fingerprint per key, from the last load
	changes  map[Kind]map[string]changeEntry

	// The live feed's view of events (cache_live.go).
	live       map[string]*liveEdit // by event id
	evIndex    map[string]int       // event id → position in events; nil: rebuild
	eventsFrom uint64               // request id of the event list last applied
}

// NewCache returns an empty cache: nothing loaded yet.
func NewCache() *Cache {
	c := &Cache{
		loaded:   map[Kind]bool{},
		failures: map[Kind]string{},
		versions: map[Kind]uint64{},
		prints:   map[Kind]map[string]uint64{},
		changes:  map[Kind]map[string]changeEntry{},
		live:     map[string]*liveEdit{},
	}
	for _, k := range Kinds {
		c.changes[k] = map[string]changeEntry{}
	}
	return c
}

var _ Store = (*Cache)(nil)

func (c *Cache) Events() []client.Event               { return c.events }
func (c *Cache) Resources() []client.Resource         { return c.resources }
func (c *Cache) Subscriptions() []client.Subscription { return c.subscriptions }
func (c *Cache) Reports() []client.Report             { return c.reports }
func (c *Cache) ReportsOffered() bool                 { return !c.reportsOff }
func (c *Cache) Loaded(kind Kind) bool                { return c.loaded[kind] }
func (c *Cache) Failure(kind Kind) string             { return c.failures[kind] }
func (c *Cache) Version(kind Kind) uint64             { return c.versions[kind] }

func (c *Cache) Change(kind Kind, key string) Change { return c.changes[kind][key].change }

// bump records that kind changed.
func (c *Cache) bump(kind Kind) { c.versions[kind]++ }

func (c *Cache) mark(kind Kind, key string, ch Change, now time.Time) {
	c.changes[kind][key] = changeEntry{ch, now.Add(ChangeShownFor)}
}

// ResourceKey identifies a resource: its resourceId (what the API addresses
// it by), else its server id.
func ResourceKey(r client.Resource) string {
	if r.ResourceID != "" {
		return r.ResourceID
	}
	return r.ID
}

// Apply stores a freshly fetched list (a []client.Event, []client.Resource,
// []client.Subscription or []client.Report) and marks what changed since
// the last load (nothing on the first load: everything would be "new").
func (c *Cache) Apply(kind Kind, items any, now time.Time) {
	var keys []string
	var prints []uint64
	switch v := items.(type) {
	case []client.Event:
		c.events, c.evIndex = v, nil
		for _, it := range v {
			keys, prints = append(keys, it.ID), append(prints, fingerprint(it.Raw, it))
		}
	case []client.Resource:
		c.resources = v
		for _, it := range v {
			keys, prints = append(keys, ResourceKey(it)), append(prints, fingerprint(it.Raw, it))
		}
	case []client.Subscription:
		c.subscriptions = v
		for _, it := range v {
			keys, prints = append(keys, it.ID), append(prints, fingerprint(it.Raw, it))
		}
	case []client.Report:
		c.reports = v
		for _, it := range v {
			keys, prints = append(keys, it.ID), append(prints, fingerprint(it.Raw, it))
		}
	default:
		return
	}
	old, hadOld := c.prints[kind], c.loaded[kind]
	next := make(map[string]uint64, len(keys))
	for i, k := range keys {
		next[k] = prints[i]
		if !hadOld {
			continue
		}
		switch p, ok := old[k]; {
		case !ok:
			c.mark(kind, k, Added, now)
		case p != prints[i]:
			c.mark(kind, k, Updated, now)
		}
	}
	c.prints[kind] = next
	c.loaded[kind] = true
	delete(c.failures, kind)
	c.bump(kind)
}

// SetFailure records why kind could not be fetched (one secret-free line).
func (c *Cache) SetFailure(kind Kind, text string) {
	if c.failures[kind] != text {
		c.failures[kind] = text
		c.bump(kind)
	}
}

// SetReportsNotOffered records that the server cannot list reports: the
// list is empty, and that is its final state rather than an error.
func (c *Cache) SetReportsNotOffered() {
	c.reportsOff = true
	c.reports = nil
	c.loaded[Reports] = true
	delete(c.failures, Reports)
	c.bump(Reports)
}

// SetReportsOffered records whether the server lists reports (the
// reports fetch learns it with every answer).
func (c *Cache) SetReportsOffered(offered bool) {
	if c.reportsOff == offered {
		c.reportsOff = !offered
		c.bump(Reports)
	}
}

// Expire drops changes whose time is up (and the rows of deleted events
// with them) and returns the kinds that lost one.
func (c *Cache) Expire(now time.Time) []Kind {
	var out []Kind
	if c.expireLive(now) {
		out = append(out, Events)
	}
	for _, kind := range Kinds {
		dropped := false
		for k, e := range c.changes[kind] {
			if !now.Before(e.until) {
				delete(c.changes[kind], k)
				dropped = true
			}
		}
		if dropped {
			c.bump(kind)
			if len(out) == 0 || out[len(out)-1] != kind {
				out = append(out, kind)
			}
		}
	}
	return out
}

// fingerprint hashes an object's raw JSON, or its Go value when it was built
// in code, so a refresh can tell which rows changed.
func fingerprint(raw json.RawMessage, v any) uint64 {
	h := fnv.New64a()
	if len(raw) > 0 {
		h.Write(raw)
	} else {
		b, _ := json.Marshal(v)
		h.Write(b)
	}
	return h.Sum64()
}
