package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
)

// listOrder is the Events list's default sort key (on the status column):
// active events first, ending soonest first; then upcoming, starting soonest
// first; then past ones, most recent first; events without a start last.
func listOrder(ev client.Event, st fleet.EventStatus) string {
	p := ev.IntervalPeriod
	switch st {
	case fleet.EventActive:
		if p.Duration <= 0 {
			return "0" // no known end: first among the active
		}
		return "0" + present.SortTime(p.End())
	case fleet.EventUpcoming:
		return "1" + present.SortTime(p.Start)
	case fleet.EventDone:
		return "2" + reverseTime(p.End())
	}
	return "3"
}

// reverseTime is a sort key that orders later times first (to the second,
// for any year time.Time can hold).
func reverseTime(t time.Time) string {
	n := strconv.FormatInt(int64(1)<<62-t.Unix(), 10)
	if len(n) >= 20 {
		return n
	}
	return strings.Repeat("0", 20-len(n)) + n
}
