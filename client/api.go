package client

import (
	"context"
	"errors"
	"time"
)

// API is every operation of the Energy Coordination API (v1), plus the
// sandbox's GET /reports extension. *Client implements it; views and tests
// depend on this interface so they can be given a fake.
type API interface {
	// Events
	ListEvents(ctx context.Context) ([]Event, error)
	GetEvent(ctx context.Context, eventID string) (Event, error)
	// Reports
	CreateReport(ctx context.Context, req ReportRequest) (Report, error)
	// Resources
	ListResources(ctx context.Context) ([]Resource, error)
	CreateResource(ctx context.Context, req ResourceRequest) (Resource, error)
	UpdateResource(ctx context.Context, resourceID string, req ResourceRequest) (Resource, error)
	DeleteResource(ctx context.Context, resourceID string) error
	GetResource(ctx context.Context, resourceID string) (Resource, error)
	// Subscriptions
	ListSubscriptions(ctx context.Context) ([]Subscription, error)
	CreateSubscription(ctx context.Context, req SubscriptionRequest) (Subscription, error)
	GetSubscription(ctx context.Context, subscriptionID string) (Subscription, error)
	UpdateSubscription(ctx context.Context, subscriptionID string, sub Subscription) (Subscription, error)
	DeleteSubscription(ctx context.Context, subscriptionID string) error

	// ListReports and GetReport call the sandbox's GET /reports extension
	// (x-ecdash-extension in openapi.yaml). Against a server without it they
	// return an error for which errors.Is(err, ErrNotOffered) holds.
	ListReports(ctx context.Context) ([]Report, error)
	GetReport(ctx context.Context, reportID string) (Report, error)
}

// ErrNotOffered marks an extension operation the server does not implement
// (it answered 404 or 405 to the extension's path).
var ErrNotOffered = errors.New("not offered by this server")

// RequestRecord describes one HTTP exchange, for the dashboard's request log.
// It never holds a header, a body or a query value that could carry a secret.
// The observer sees each attempt twice: when it starts (InFlight, no status
// yet) and when it ends, both with the same ID.
type RequestRecord struct {
	ID       uint64 // the attempt's number in this client, from 1
	InFlight bool   // the attempt has started and not ended
	Op       string // operation name, e.g. "ListEvents"
	Method   string
	Path     string // URL path without query
	Status   int    // 0 when no answer arrived
	Duration time.Duration
	Attempt  int   // 1 for the first try
	Err      error // nil on a 2xx answer
	At       time.Time
}
