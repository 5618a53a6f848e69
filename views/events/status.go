package events

import (
	"fmt"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views/format"
)

// Status is where an event stands relative to the clock.
type Status int

const (
	Unknown  Status = iota // no valid start time
	Upcoming               // starts later
	Active                 // between start and end
	Done                   // ended
)

func (s Status) String() string {
	switch s {
	case Upcoming:
		return "upcoming"
	case Active:
		return "active"
	case Done:
		return "done"
	}
	return "unknown"
}

// StatusAt derives an event's status at now, and the time left until the
// next change (start for upcoming, end for active; 0 otherwise). An active
// event without a valid duration has no known end: left is then -1.
func StatusAt(ev client.Event, now time.Time) (st Status, left time.Duration) {
	p := ev.IntervalPeriod
	switch {
	case p.Start.IsZero():
		return Unknown, 0
	case now.Before(p.Start):
		return Upcoming, p.Start.Sub(now)
	case p.Duration <= 0 || format.HasProblem(ev.Problems, "intervalPeriod.duration"):
		return Active, -1
	case now.Before(p.End()):
		return Active, p.End().Sub(now)
	}
	return Done, 0
}

// Countdown is the text beside the status: "starts in 4m12s",
// "ends in 1h03m", "end unknown", or "" for done and unknown events.
func Countdown(st Status, left time.Duration) string {
	switch {
	case st == Upcoming:
		return "starts in " + format.Countdown(left)
	case st == Active && left < 0:
		return "end unknown"
	case st == Active:
		return "ends in " + format.Countdown(left)
	}
	return ""
}

// listOrder is the Events list's default sort key (on the status column):
// active events first, ending soonest first; then upcoming, starting soonest
// first; then past ones, most recent first; events without a start last.
func listOrder(ev client.Event, st Status) string {
	p := ev.IntervalPeriod
	switch st {
	case Active:
		if p.Duration <= 0 {
			return "0" // no known end: first among the active
		}
		return "0" + format.SortTime(p.End())
	case Upcoming:
		return "1" + format.SortTime(p.Start)
	case Done:
		return "2" + reverseTime(p.End())
	}
	return "3"
}

// reverseTime is a sort key that orders later times first (to the second,
// for any year time.Time can hold).
func reverseTime(t time.Time) string {
	return fmt.Sprintf("%020d", int64(1)<<62-t.Unix())
}
