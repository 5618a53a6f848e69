package fleet

import (
	"sort"
	"time"

	"github.com/ecdash/ecdash/client"
)

// change is one step of one vehicle's contribution, for summing the fleet.
// Its time is split (no pointer, 24 bytes: there is one per action).
type change struct {
	sec         int64
	nsec        int32
	activeDelta int32   // +1 when the vehicle starts charging, -1 when it stops
	delta       float64 // new value - old value
}

func changeAt(t time.Time, delta float64, activeDelta int32) change {
	return change{sec: t.Unix(), nsec: int32(t.Nanosecond()), delta: delta, activeDelta: activeDelta}
}

// before reports whether the change is before t.
func (c change) before(t time.Time) bool {
	if s := t.Unix(); c.sec != s {
		return c.sec < s
	}
	return c.nsec < int32(t.Nanosecond())
}

// after reports whether the change is after t.
func (c change) after(t time.Time) bool {
	if s := t.Unix(); c.sec != s {
		return c.sec > s
	}
	return c.nsec > int32(t.Nanosecond())
}

// time is when the change happens, in UTC.
func (c change) time() time.Time { return time.Unix(c.sec, int64(c.nsec)).UTC() }

// timeline is one vehicle's actions replayed in time order.
type timeline struct {
	count   int     // actions replayed
	last    *Action // the latest of them (nil when count is 0)
	series  Series  // the value in effect over time
	changes []change
	derived int // values converted from the other quantity
}

// replay runs a vehicle's sorted actions through the Start/Stop rules:
//   - a Start sets the vehicle's value (power or current) from then on; a
//     Start while already charging replaces the value (repeated Start);
//   - a Stop ends charging (value 0); a Stop while not charging is ignored
//     and reported as AnomalyStopWithoutStart;
//   - a Start without the event's quantity uses the other one converted
//     (derived), or 0 with AnomalyNoValue when it has neither.
//
// Actions at the same instant apply in their input order, so a Start and a
// Stop sent together at one time leave the state of the later one.
func replay(actions []placed, q quantity, o Options) (timeline, []Anomaly) {
	tl := timeline{
		count:   len(actions),
		series:  make(Series, 0, 2*len(actions)),
		changes: make([]change, 0, len(actions)),
	}
	if n := len(actions); n > 0 {
		tl.last = actions[n-1].action()
	}
	var anomalies []Anomaly
	active, v := false, 0.0
	for _, a := range actions {
		switch a.typ() {
		case client.ActionStart:
			nv, derived, ok := o.value(q, a.power(), a.current())
			if !ok {
				anomalies = append(anomalies, anomalyFor(AnomalyNoValue, *a.action(), "counted as 0"))
			}
			if derived {
				tl.derived++
			}
			c := changeAt(a.at, nv-v, 0)
			if !active {
				c.activeDelta = 1
			}
			tl.series = tl.series.step(a.at, v, nv)
			tl.changes = append(tl.changes, c)
			active, v = true, nv
		case client.ActionStop:
			if !active {
				anomalies = append(anomalies, anomalyFor(AnomalyStopWithoutStart, *a.action(), "ignored"))
				continue
			}
			tl.series = tl.series.step(a.at, v, 0)
			tl.changes = append(tl.changes, changeAt(a.at, -v, -1))
			active, v = false, 0
		}
	}
	return tl, anomalies
}

// The changes that start or stop charging (activeDelta ±1) are the
// vehicle's transitions; the queries below search the changes for them.

// activeAt reports whether the vehicle is charging at t, after any
// transition at exactly t.
func (tl timeline) activeAt(t time.Time) bool {
	return tl.activeBeforeIndex(sort.Search(len(tl.changes), func(i int) bool { return tl.changes[i].after(t) }))
}

// activeBefore reports whether the vehicle is charging just before t.
func (tl timeline) activeBefore(t time.Time) bool {
	return tl.activeBeforeIndex(tl.firstAtOrAfter(t))
}

// activeBeforeIndex reports whether the last transition before change i
// started charging.
func (tl timeline) activeBeforeIndex(i int) bool {
	for i--; i >= 0; i-- {
		if d := tl.changes[i].activeDelta; d != 0 {
			return d > 0
		}
	}
	return false
}

// firstAtOrAfter is the index of the first change at or after t.
func (tl timeline) firstAtOrAfter(t time.Time) int {
	return sort.Search(len(tl.changes), func(i int) bool { return !tl.changes[i].before(t) })
}

// lastActivationBefore returns the time the vehicle last started charging
// before t (it must be charging just before t).
func (tl timeline) lastActivationBefore(t time.Time) time.Time {
	for i := tl.firstAtOrAfter(t) - 1; i >= 0; i-- {
		if tl.changes[i].activeDelta > 0 {
			return tl.changes[i].time()
		}
	}
	return time.Time{}
}

// lastStopBefore returns the time of the vehicle's last transition to not
// charging among the changes before index i (zero when none).
func (tl timeline) lastStopBefore(i int) time.Time {
	for i--; i >= 0; i-- {
		if tl.changes[i].activeDelta < 0 {
			return tl.changes[i].time()
		}
	}
	return time.Time{}
}

// firstStartIn returns the first Start in [from, to] of a vehicle that is
// not charging just before from. Such a Start is the first activation at
// or after from (a Start while charging repeats one).
func (tl timeline) firstStartIn(from, to time.Time) (time.Time, bool) {
	for i := tl.firstAtOrAfter(from); i < len(tl.changes) && !tl.changes[i].after(to); i++ {
		if tl.changes[i].activeDelta > 0 {
			return tl.changes[i].time(), true
		}
	}
	return time.Time{}, false
}
