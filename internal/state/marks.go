package state

import "time"

// marks is how the items of one kind changed recently: single marks (a
// notification changed one event) and the sets of whole polls (a poll
// that changed 100,000 items is one set, not 100,000 entries to expire).
type marks struct {
	one  map[string]mark
	sets []markSet // oldest first
}

type mark struct {
	change Change
	until  time.Time
}

type markSet struct {
	until  time.Time
	keys   []string
	change map[string]Change
}

func newMarks() *marks { return &marks{one: map[string]mark{}} }

// get is key's most recent mark.
func (m *marks) get(key string) Change {
	if e, ok := m.one[key]; ok {
		return e.change
	}
	for i := len(m.sets) - 1; i >= 0; i-- {
		if ch, ok := m.sets[i].change[key]; ok {
			return ch
		}
	}
	return Unchanged
}

// set marks key until then; a later poll's set does not hide it.
func (m *marks) set(key string, ch Change, until time.Time) { m.one[key] = mark{ch, until} }

// addSet marks a poll's changes (made off the UI goroutine) until then.
func (m *marks) addSet(until time.Time, change map[string]Change, keys []string) {
	if len(change) == 0 {
		return
	}
	if len(m.one) > 0 {
		for k := range change {
			delete(m.one, k) // the poll's word is the newer
		}
	}
	m.sets = append(m.sets, markSet{until: until, keys: keys, change: change})
}

// expire drops the marks whose time is up and returns their keys.
func (m *marks) expire(now time.Time) []string {
	var keys []string
	for k, e := range m.one {
		if !now.Before(e.until) {
			delete(m.one, k)
			keys = append(keys, k)
		}
	}
	kept := m.sets[:0]
	for _, s := range m.sets {
		if now.Before(s.until) {
			kept = append(kept, s)
			continue
		}
		keys = append(keys, s.keys...)
	}
	clear(m.sets[len(kept):])
	m.sets = kept
	return keys
}
