package fleet

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// Action is one vehicle's charge action placed on the timeline. Optional
// numbers stay pointers: absent is not zero.
type Action struct {
	// At is when the action takes effect: its report's createdDateTime, or the
	// time the report was sent when the server gave none. Zero when neither
	// is known (Analyze then counts it as an anomaly and leaves it out).
	At          time.Time
	EventID     string // the report's event ("" when not known)
	ReportID    string
	PayloadType string // as sent; "" is taken as VehicleChargeAction
	ResourceID  string
	Type        client.ActionType
	Power       *float64 // W
	Current     *float64 // A
	// StateOfCharge and BatteryCapacity are carried for the targets table and
	// the export; the aggregation does not use them.
	StateOfCharge   *float64
	BatteryCapacity *float64
}

// ActionsFromReports turns report payloads into actions in report order. A
// report carries no per-payload time, so every payload of a report is placed
// at the report's CreatedDateTime, or at sentAt[report.ID] (when this
// dashboard sent it) if that is zero. Analyze sorts by time, so the order of
// reports does not matter.
func ActionsFromReports(reports []client.Report, sentAt map[string]time.Time) []Action {
	n := 0
	for _, r := range reports {
		n += len(r.Payloads)
	}
	out := make([]Action, 0, n)
	for i := range reports {
		r := &reports[i]
		at := reportTime(r, sentAt)
		for k := range r.Payloads {
			out = append(out, actionOf(r, k, at))
		}
	}
	return out
}

// reportTime is when a report's actions take effect: its CreatedDateTime,
// or the time this dashboard sent it when the server gave none.
func reportTime(r *client.Report, sentAt map[string]time.Time) time.Time {
	if r.CreatedDateTime.IsZero() {
		return sentAt[r.ID]
	}
	return r.CreatedDateTime
}
