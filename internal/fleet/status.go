package fleet

import (
	"sort"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Status is how a vehicle answered the event.
type Status string

const (
	// StatusPending: targeted, no Start yet, and the response deadline has not passed.
	StatusPending Status = "pending"
	// StatusResponded: started within [start, start + randomize window + grace],
	// or was already charging when the event started.
	StatusResponded Status = "responded"
	// StatusLate: first started after the deadline but before the event ended.
	StatusLate Status = "late"
	// StatusSilent: targeted, and no Start by the deadline nor during the event.
	StatusSilent Status = "silent"
	// StatusExtra: reported for the event but not targeted by it (excluded from the fleet).
	StatusExtra Status = "not targeted"
	// StatusUnknown: the event has no start time to judge against.
	StatusUnknown Status = "unknown"
)

// Window is the event's interval and the response deadlines derived from it.
type Window struct {
	Valid     bool // false when the event has no start time
	Start     time.Time
	End       time.Time // Start + Duration
	WindowEnd time.Time // Start + RandomizeStart: the randomize-start window is [Start, WindowEnd]
	Deadline  time.Time // WindowEnd + grace: a first Start after it is late, none by it is silent
}

func windowOf(p client.IntervalPeriod, grace time.Duration) Window {
	if p.Start.IsZero() {
		return Window{}
	}
	w := Window{Valid: true, Start: p.Start, End: p.End(), WindowEnd: p.Start.Add(max(p.RandomizeStart, 0))}
	w.Deadline = w.WindowEnd.Add(grace)
	return w
}

// acceptEnd is the last moment a first Start still counts (late or not):
// the end of the event, or the deadline for events shorter than it.
func (w Window) acceptEnd() time.Time {
	if w.Deadline.After(w.End) {
		return w.Deadline
	}
	return w.End
}

// elapsedEnd is min(now, End): how far the event has run.
func (w Window) elapsedEnd(now time.Time) time.Time {
	if now.Before(w.End) {
		return now
	}
	return w.End
}

// classify judges one targeted vehicle against the window at time now.
// firstStart is the Start that counted (zero when none); stoppedEarly means it
// started and then was no longer charging before the event's end (or now).
func classify(tl timeline, w Window, now time.Time) (st Status, firstStart time.Time, stoppedEarly bool) {
	if !w.Valid {
		return StatusUnknown, time.Time{}, false
	}
	if now.Before(w.Start) {
		return StatusPending, time.Time{}, false // nothing to judge before the event begins
	}
	// A Start dated after now (a clock ahead of ours) has not happened yet.
	until := w.acceptEnd()
	if now.Before(until) {
		until = now
	}
	switch ts, ok := tl.firstStartIn(w.Start, until); {
	case tl.activeBefore(w.Start):
		// Already charging when the event began: it is doing what was asked.
		st, firstStart = StatusResponded, tl.lastActivationBefore(w.Start)
	case ok && !ts.After(w.Deadline):
		st, firstStart = StatusResponded, ts
	case ok:
		st, firstStart = StatusLate, ts
	case now.Before(w.Deadline):
		return StatusPending, time.Time{}, false
	default:
		return StatusSilent, time.Time{}, false
	}
	cut := w.elapsedEnd(now)
	if !firstStart.Before(cut) {
		return st, firstStart, false
	}
	return st, firstStart, !tl.activeBeforeIndex(tl.stoppedBy(w, now))
}

// stoppedBy is the index of the first change that cannot make a vehicle
// stop early at now: after now while the event runs, at or after its end
// once it ended (a Stop at exactly the end is on time).
func (tl timeline) stoppedBy(w Window, now time.Time) int {
	if now.Before(w.End) {
		return sort.Search(len(tl.changes), func(i int) bool { return tl.changes[i].after(now) })
	}
	return tl.firstAtOrAfter(w.End)
}
