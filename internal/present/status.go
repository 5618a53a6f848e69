package present

import (
	"time"

	"github.com/ecdash/ecdash/internal/fleet"
)

// EventCountdown is the text beside an event's status: "starts in 4m12s",
// "ends in 1h03m", "end unknown", or "" for done and unknown events.
func EventCountdown(st fleet.EventStatus, left time.Duration) string {
	switch {
	case st == fleet.EventUpcoming:
		return "starts in " + Countdown(left)
	case st == fleet.EventActive && left < 0:
		return "end unknown"
	case st == fleet.EventActive:
		return "ends in " + Countdown(left)
	}
	return ""
}
