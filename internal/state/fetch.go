package state

import (
	"context"
	"errors"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
)

// ErrNoAPI answers every request when the dashboard was started without a client.
var ErrNoAPI = errors.New("no API client configured")

// KnownReports is the Reports list: what the server lists where it offers
// the GET /reports extension, merged with the profile's record of the
// reports ecdash sent, which the v1 API cannot list back.
type KnownReports struct {
	Reports []client.Report
	Listed  bool // the server offered GET /reports
}

// Fetch asks the API for kind's list: a []client.Event, []client.Resource
// or []client.Subscription, or KnownReports (with rec, the record of sent
// reports; without it, the server's []client.Report alone). It runs in a
// command's goroutine, never in Update.
func Fetch(ctx context.Context, api client.API, rec *sentreports.Record, kind Kind) (any, error) {
	if api == nil {
		return nil, ErrNoAPI
	}
	switch kind {
	case Events:
		return api.ListEvents(ctx)
	case Resources:
		return api.ListResources(ctx)
	case Subscriptions:
		return api.ListSubscriptions(ctx)
	case Reports:
		if rec == nil {
			return api.ListReports(ctx)
		}
		g, err := sentreports.Gather(ctx, api, rec, "")
		if err != nil {
			return nil, err
		}
		return KnownReports{Reports: g.Reports, Listed: g.Listed}, nil
	}
	return nil, errors.New("not a polled list: " + kind.String())
}
