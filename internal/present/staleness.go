package present

import (
	"strconv"
	"time"
)

// Staleness says how old data is, for the status bar: "never", "just now"
// (under 5 s, or a clock that moved back), "12 s ago", "3 min ago",
// "5 h ago", "2 d ago". Units round down.
func Staleness(updated, now time.Time) string {
	if updated.IsZero() {
		return "never"
	}
	d := now.Sub(updated)
	switch {
	case d < 5*time.Second:
		return "just now"
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + " s ago"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " min ago"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + " h ago"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + " d ago"
}
