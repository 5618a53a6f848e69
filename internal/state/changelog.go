package state

// ChangeLog remembers, per version of one collection, which keys changed,
// so a view that built its rows at some version redraws only those. It
// keeps the last logLimit versions; a view older than that rebuilds
// everything. The Cache keeps one per kind; a tab that owns its items
// (the Feed) keeps its own.
type ChangeLog struct {
	entries []logEntry
	floor   uint64 // versions up to floor are forgotten
	keys    int    // keys held in entries
}

type logEntry struct {
	version uint64
	all     bool
	keys    []string
}

const (
	logLimit     = 256
	logKeysLimit = 1 << 20
)

// Add records that keys (all: everything) changed at version, which grows.
func (l *ChangeLog) Add(version uint64, all bool, keys []string) {
	l.entries = append(l.entries, logEntry{version: version, all: all, keys: keys})
	l.keys += len(keys)
	for len(l.entries) > logLimit || (l.keys > logKeysLimit && len(l.entries) > 1) {
		l.floor = l.entries[0].version
		l.keys -= len(l.entries[0].keys)
		l.entries[0] = logEntry{}
		l.entries = l.entries[1:]
	}
}

// Since returns the keys changed after version, or all.
func (l *ChangeLog) Since(version uint64) (keys []string, all bool) {
	if version < l.floor {
		return nil, true
	}
	if n := len(l.entries); n > 0 && l.entries[n-1].version > version && (n == 1 || l.entries[n-2].version <= version) {
		e := l.entries[n-1] // one entry: its keys as they are (a poll's 100,000 are not copied)
		if e.all {
			return nil, true
		}
		return e.keys[:len(e.keys):len(e.keys)], false
	}
	for i := len(l.entries) - 1; i >= 0 && l.entries[i].version > version; i-- {
		e := l.entries[i]
		if e.all {
			return nil, true
		}
		keys = append(keys, e.keys...)
	}
	return keys, false
}
