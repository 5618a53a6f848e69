package ui

import (
	"encoding/json"
	"hash/fnv"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/resources"
	"github.com/ecdash/ecdash/views/table"
)

// highlightFor is how long a changed or new row stays marked.
const highlightFor = 5 * time.Second

type markEntry struct {
	mark  table.Mark
	until time.Time
}

// cache is everything the dashboard knows from the API. Only the shell's
// Update changes it; views read it through the views.Store interface.
type cache struct {
	events        []client.Event
	resources     []client.Resource
	subscriptions []client.Subscription
	reports       []client.Report
	reportsOff    bool // the server said it cannot list reports

	loaded   map[views.Kind]bool
	failures map[views.Kind]string
	prints   map[views.Kind]map[string]uint64 // content fingerprint per key, from the last load
	marks    map[views.Kind]map[string]markEntry

	// The live feed's view of events (cache_live.go).
	live       map[string]*liveEdit // by event id
	evIndex    map[string]int       // event id → position in events; nil: rebuild
	eventsFrom uint64               // request id of the event list last applied
}

func newCache() *cache {
	c := &cache{
		loaded:   map[views.Kind]bool{},
		failures: map[views.Kind]string{},
		prints:   map[views.Kind]map[string]uint64{},
		marks:    map[views.Kind]map[string]markEntry{},
		live:     map[string]*liveEdit{},
	}
	for _, k := range views.Kinds {
		c.marks[k] = map[string]markEntry{}
	}
	return c
}

var _ views.Store = (*cache)(nil)

func (c *cache) Events() []client.Event               { return c.events }
func (c *cache) Resources() []client.Resource         { return c.resources }
func (c *cache) Subscriptions() []client.Subscription { return c.subscriptions }
func (c *cache) Reports() []client.Report             { return c.reports }
func (c *cache) ReportsOffered() bool                 { return !c.reportsOff }
func (c *cache) Loaded(kind views.Kind) bool          { return c.loaded[kind] }
func (c *cache) Failure(kind views.Kind) string       { return c.failures[kind] }

func (c *cache) Mark(kind views.Kind, key string) table.Mark {
	return c.marks[kind][key].mark
}

// apply stores a freshly fetched list and marks what changed since the last
// load (nothing on the first load: everything would be "new").
func (c *cache) apply(kind views.Kind, items any, now time.Time) {
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
			keys, prints = append(keys, resources.Key(it)), append(prints, fingerprint(it.Raw, it))
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
			c.marks[kind][k] = markEntry{table.MarkNew, now.Add(highlightFor)}
		case p != prints[i]:
			c.marks[kind][k] = markEntry{table.MarkChanged, now.Add(highlightFor)}
		}
	}
	c.prints[kind] = next
	c.loaded[kind] = true
}

// setReportsNotOffered records that the server cannot list reports: the
// list is empty, and that is its final state rather than an error.
func (c *cache) setReportsNotOffered() {
	c.reportsOff = true
	c.reports = nil
	c.loaded[views.Reports] = true
}

// expire drops marks whose time is up (and the rows of deleted events with
// them) and returns the kinds that lost one.
func (c *cache) expire(now time.Time) []views.Kind {
	var out []views.Kind
	if c.expireLive(now) {
		out = append(out, views.Events)
	}
	for _, kind := range views.Kinds {
		dropped := false
		for k, e := range c.marks[kind] {
			if !now.Before(e.until) {
				delete(c.marks[kind], k)
				dropped = true
			}
		}
		if dropped && (len(out) == 0 || out[len(out)-1] != kind) {
			out = append(out, kind)
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
