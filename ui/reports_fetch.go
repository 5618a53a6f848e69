package ui

import (
	"context"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
)

// knownReports is the Reports list: what the server lists where it offers
// the GET /reports extension, merged with the profile's record of the
// reports ecdash sent, which the v1 API cannot list back.
type knownReports struct {
	reports []client.Report
	listed  bool // the server offered GET /reports
}

// fetchReports gathers the reports the dashboard knows. Without a record it
// is the server's list alone (ErrNotOffered where there is none).
func fetchReports(ctx context.Context, api client.API, rec *sentreports.Record) (any, error) {
	if rec == nil {
		return api.ListReports(ctx)
	}
	g, err := sentreports.Gather(ctx, api, rec, "")
	if err != nil {
		return nil, err
	}
	return knownReports{reports: g.Reports, listed: g.Listed}, nil
}
