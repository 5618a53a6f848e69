package sentreports

import (
	"context"
	"errors"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Gathered is what is known of the reports for one event (or all events).
type Gathered struct {
	// Reports are the server's (in its order), then the record's accepted
	// reports the server did not list. Each has its payloads where either
	// source knows them.
	Reports []client.Report
	// SentAt is when this ecdash sent each report it sent, by report id:
	// the fallback time for a report without createdDateTime.
	SentAt map[string]time.Time
	// Listed is true when the server offers GET /reports (the sandbox's
	// extension); false means Reports come from the record only.
	Listed bool
	// FromServer and FromRecord count what each source contributed after
	// duplicates were merged.
	FromServer, FromRecord int
	// RecordPath is the record's file ("" without a record); Skipped lists
	// its lines that could not be read.
	RecordPath string
	Skipped    []BadLine
}

// Gather collects the reports for eventID ("" for every event) from the
// server's GET /reports where it is offered and from the record rec (nil
// for none), merged by report id. A server without the extension is not an
// error (Listed is false). On any other failure of either source, the
// error is returned together with everything the other source gave, so a
// screen can still show it; a command that must be complete fails.
func Gather(ctx context.Context, api client.API, rec *Record, eventID string) (Gathered, error) {
	g := Gathered{SentAt: map[string]time.Time{}}

	var serverErr, recordErr error
	listed, err := api.ListReports(ctx)
	switch {
	case err == nil:
		g.Listed = true
	case errors.Is(err, client.ErrNotOffered):
	default:
		serverErr = err
	}

	var local []client.Report
	if rec != nil {
		g.RecordPath = rec.Path()
		var entries []Entry
		entries, g.Skipped, recordErr = rec.All()
		local, g.SentAt = Reports(ForAPI(entries, api))
	}

	index := map[string]int{} // report id → position in g.Reports
	for _, r := range listed {
		if eventID != "" && r.EventID != eventID {
			continue
		}
		if i, dup := index[r.ID]; dup && r.ID != "" {
			g.Reports[i] = r // a server listing one id twice: keep the later copy
			continue
		}
		if r.ID != "" {
			index[r.ID] = len(g.Reports)
		}
		g.Reports = append(g.Reports, r)
		g.FromServer++
	}
	for _, r := range local {
		if eventID != "" && r.EventID != eventID {
			continue
		}
		if i, known := index[r.ID]; known {
			// The server's copy is authoritative, but a server that lists
			// reports without their payloads still gets the ones we sent.
			if len(g.Reports[i].Payloads) == 0 {
				g.Reports[i].Payloads = r.Payloads
			}
			continue
		}
		index[r.ID] = len(g.Reports)
		g.Reports = append(g.Reports, r)
		g.FromRecord++
	}
	return g, errors.Join(serverErr, recordErr)
}
