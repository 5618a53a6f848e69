package sentreports

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// Reports turns the accepted entries into reports the way the server holds
// them, each with the payloads that were sent (the v1 answer carries none),
// plus the time each was sent, keyed by report id: the two arguments of
// fleet.AnalyzeReports. Refused entries are left out (the server
// does not have them), and so are unknown outcomes, since a report the
// server may never have received would put actions on the chart that the
// grid operator does not see. An id that appears twice keeps its first
// entry. An accepted answer without an id gets a local one ("local:" and
// the send time), so its actions can still be placed at the time sent.
func Reports(entries []Entry) ([]client.Report, map[string]time.Time) {
	reports := make([]client.Report, 0, len(entries))
	sentAt := make(map[string]time.Time, len(entries))
	for _, e := range entries {
		if e.Outcome() != Accepted {
			continue
		}
		r := *e.Report
		if r.ID == "" {
			r.ID = "local:" + e.SentAt.UTC().Format(time.RFC3339Nano)
		}
		if _, dup := sentAt[r.ID]; dup {
			continue
		}
		if r.EventID == "" {
			r.EventID = e.Request.EventID
		}
		if r.Name == "" {
			r.Name = e.Request.Name
		}
		if len(r.Payloads) == 0 {
			r.Payloads = withPayloadType(e.Request.Payloads)
		}
		sentAt[r.ID] = e.SentAt
		reports = append(reports, r)
	}
	return reports, sentAt
}

// withPayloadType copies payloads, naming the type where it was left out:
// the client sends "VehicleChargeAction" then, the only type v1 defines.
func withPayloadType(ps []client.VehicleChargeActionPayload) []client.VehicleChargeActionPayload {
	if len(ps) == 0 {
		return nil
	}
	out := make([]client.VehicleChargeActionPayload, len(ps))
	copy(out, ps)
	for i := range out {
		if out[i].PayloadType == "" {
			out[i].PayloadType = client.ReportPayloadVehicleChargeAction
		}
	}
	return out
}
