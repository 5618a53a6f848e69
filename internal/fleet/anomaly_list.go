package fleet

import (
	"cmp"
	"slices"
)

// Where an anomaly comes from, in the order listed at one instant.
const (
	fromEvent int32 = iota
	fromUnplaceable
	fromSuspectUnit
	fromVehicle
)

// anomalyKey orders anomalies: by time, then source, then owner (a
// vehicle's position in Analyzer.order), then place within the source.
type anomalyKey struct {
	sec                     int64
	nsec, source, owner, at int32
}

func compareAnomalyKeys(x, y anomalyKey) int {
	switch {
	case x.sec != y.sec:
		return cmp.Compare(x.sec, y.sec)
	case x.nsec != y.nsec:
		return cmp.Compare(x.nsec, y.nsec)
	case x.source != y.source:
		return cmp.Compare(x.source, y.source)
	case x.owner != y.owner:
		return cmp.Compare(x.owner, y.owner)
	}
	return cmp.Compare(x.at, y.at)
}

type anomalyEntry struct {
	key anomalyKey
	Anomaly
}

func entryOf(a Anomaly, source, owner, at int) anomalyEntry {
	return anomalyEntry{
		key:     anomalyKey{sec: a.At.Unix(), nsec: int32(a.At.Nanosecond()), source: int32(source), owner: int32(owner), at: int32(at)},
		Anomaly: a,
	}
}

// anomalyList keeps an Analyzer's anomalies in order as reports arrive: a
// report that changes one vehicle's anomalies costs a linear merge, not a
// sort of them all.
type anomalyList struct {
	entries      []anomalyEntry
	list         []Anomaly // the entries' anomalies, handed out (never changed)
	valid        bool      // false: rebuild from scratch
	bad, suspect int       // how many of Analyzer.bad and .suspect are in entries
}

// invalidate makes the next sync rebuild (vehicles changed position).
func (l *anomalyList) invalidate() { l.valid = false }

// sync brings the list up to date after the tracks in replayed were
// replayed, and returns it.
func (l *anomalyList) sync(z *Analyzer, replayed []*track) []Anomaly {
	if !l.valid {
		l.rebuild(z)
		return l.list
	}
	var fresh []anomalyEntry
	var redo []bool // by owner
	for _, tr := range replayed {
		if redo == nil {
			redo = make([]bool, len(z.order))
		}
		redo[tr.pos] = true
		for i, a := range tr.anomalies {
			fresh = append(fresh, entryOf(a, int(fromVehicle), tr.pos, i))
		}
	}
	for i := l.bad; i < len(z.bad); i++ {
		fresh = append(fresh, entryOf(z.bad[i], int(fromUnplaceable), 0, i))
	}
	for i := l.suspect; i < len(z.suspect); i++ {
		fresh = append(fresh, entryOf(z.suspect[i], int(fromSuspectUnit), 0, i))
	}
	l.bad, l.suspect = len(z.bad), len(z.suspect)
	kept := l.entries
	if redo != nil {
		kept = make([]anomalyEntry, 0, len(l.entries))
		for _, e := range l.entries {
			if e.key.source != fromVehicle || !redo[e.key.owner] {
				kept = append(kept, e)
			}
		}
	}
	if len(kept) == len(l.entries) && len(fresh) == 0 {
		return l.list // the replayed vehicles had and have no anomaly
	}
	slices.SortFunc(fresh, func(x, y anomalyEntry) int { return compareAnomalyKeys(x.key, y.key) })
	l.entries = mergeSorted(kept, fresh, func(x, y anomalyEntry) bool { return compareAnomalyKeys(x.key, y.key) < 0 })
	l.project()
	return l.list
}

// rebuild lists every anomaly of z from scratch.
func (l *anomalyList) rebuild(z *Analyzer) {
	l.entries = l.entries[:0:0]
	for i, a := range z.eventAnomalies {
		l.entries = append(l.entries, entryOf(a, int(fromEvent), 0, i))
	}
	for i, a := range z.bad {
		l.entries = append(l.entries, entryOf(a, int(fromUnplaceable), 0, i))
	}
	for i, a := range z.suspect {
		l.entries = append(l.entries, entryOf(a, int(fromSuspectUnit), 0, i))
	}
	for _, tr := range z.order {
		for i, a := range tr.anomalies {
			l.entries = append(l.entries, entryOf(a, int(fromVehicle), tr.pos, i))
		}
	}
	slices.SortFunc(l.entries, func(x, y anomalyEntry) int { return compareAnomalyKeys(x.key, y.key) })
	l.bad, l.suspect, l.valid = len(z.bad), len(z.suspect), true
	l.project()
}

// project makes the list handed out (nil when empty).
func (l *anomalyList) project() {
	l.list = nil
	if len(l.entries) == 0 {
		return
	}
	l.list = make([]Anomaly, len(l.entries))
	for i, e := range l.entries {
		l.list[i] = e.Anomaly
	}
}
