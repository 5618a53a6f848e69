package fleet

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// EventStatus is where an event stands relative to the clock.
type EventStatus int

const (
	EventUnknown  EventStatus = iota // no valid start time
	EventUpcoming                    // starts later
	EventActive                      // started, and not known to have ended
	EventDone                        // ended
)

func (s EventStatus) String() string {
	switch s {
	case EventUpcoming:
		return "upcoming"
	case EventActive:
		return "active"
	case EventDone:
		return "done"
	}
	return "unknown"
}

// StatusOf derives ev's status at now, and the time left until the next
// change (the start for an upcoming event, the end for an active one; 0
// otherwise). A started event whose duration could not be read, or is not
// positive, is active with no known end: left is then -1. Active rather
// than unknown, because it has started and may be under way; an operator
// must see it among the running events, with its end in doubt.
func StatusOf(ev client.Event, now time.Time) (st EventStatus, left time.Duration) {
	p := ev.IntervalPeriod
	switch {
	case p.Start.IsZero() || client.HasProblem(ev.Problems, "intervalPeriod.start"):
		return EventUnknown, 0
	case now.Before(p.Start):
		return EventUpcoming, p.Start.Sub(now)
	case p.Duration <= 0 || client.HasProblem(ev.Problems, "intervalPeriod.duration"):
		return EventActive, -1
	case now.Before(p.End()):
		return EventActive, p.End().Sub(now)
	}
	return EventDone, 0
}
