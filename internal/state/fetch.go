package state

import (
	"context"
	"errors"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
)

// ErrNoAPI answers every request when the dashboard was started without a client.
var ErrNoAPI = errors.New("no API client configured")

// Since is what a poll is compared with: the Base of the list the cache
// holds (nil: decode everything) and the keys shown differently from it
// since (changed by live notifications), which are decoded again whatever
// their fingerprint.
type Since struct {
	Base  *Base
	Dirty map[string]bool
}

// Fetch asks the API for kind's list and compares it with since. The two
// lists that grow with the fleet (events, resources) are read element by
// element where the API can (client.Scanner), decoding only what changed;
// the others, and any API that cannot be scanned, are decoded whole. For
// Reports, rec is the record of reports ecdash sent, merged in (the v1
// API cannot list them back); without it, the server's list alone. It
// runs in a command's goroutine, never in Update.
func Fetch(ctx context.Context, api client.API, rec *sentreports.Record, kind Kind, since Since) (Fetched, error) {
	if api == nil {
		return nil, ErrNoAPI
	}
	scanner, canScan := api.(client.Scanner)
	switch kind {
	case Events:
		if canScan {
			return scanPoll(ctx, kind, scanner.ScanEvents, (*client.ElementDecoder).Event, EventKey, since.Base, since.Dirty)
		}
		return whole(ctx, kind, api.ListEvents, EventKey, eventRaw, since.Base)
	case Resources:
		if canScan {
			return scanPoll(ctx, kind, scanner.ScanResources, (*client.ElementDecoder).Resource, ResourceKey, since.Base, since.Dirty)
		}
		return whole(ctx, kind, api.ListResources, ResourceKey, resourceRaw, since.Base)
	case Subscriptions:
		return whole(ctx, kind, api.ListSubscriptions, SubscriptionKey, subscriptionRaw, since.Base)
	case Reports:
		if rec == nil {
			return whole(ctx, kind, api.ListReports, ReportKey, reportRaw, since.Base)
		}
		g, err := sentreports.Gather(ctx, api, rec, "")
		if err != nil {
			return nil, err
		}
		p := wholePoll(kind, g.Reports, ReportKey, reportRaw, since.Base)
		p.listed, p.sent = g.Listed, g.SentAt
		return p, nil
	}
	return nil, errors.New("not a polled list: " + kind.String())
}

func whole[T any](ctx context.Context, kind Kind, list func(context.Context) ([]T, error), key func(T) string, raw func(T) []byte, from *Base) (Fetched, error) {
	items, err := list(ctx)
	if err != nil {
		return nil, err
	}
	p := wholePoll(kind, items, key, raw, from)
	p.listed = true
	return p, nil
}

// The keys of each list's items.
func EventKey(e client.Event) string               { return e.ID }
func SubscriptionKey(s client.Subscription) string { return s.ID }
func ReportKey(r client.Report) string             { return r.ID }

// ResourceKey identifies a resource: its resourceId (what the API addresses
// it by), else its server id.
func ResourceKey(r client.Resource) string {
	if r.ResourceID != "" {
		return r.ResourceID
	}
	return r.ID
}

func eventRaw(e client.Event) []byte               { return e.Raw }
func resourceRaw(r client.Resource) []byte         { return r.Raw }
func subscriptionRaw(s client.Subscription) []byte { return s.Raw }
func reportRaw(r client.Report) []byte             { return r.Raw }
