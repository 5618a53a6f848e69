package livefeed

import (
	"context"
	"time"
)

// Source is where the dashboard's notifications come from: a receiver
// and journal in this process (LocalSource) or an ecdash relay (RelaySource).
type Source interface {
	// Start begins delivery: up to history already journaled records, then
	// live ones, each exactly once and in sequence order, plus repeat
	// counts. The channel is closed when ctx ends or the source stops. live
	// tells a record that arrived after Start from history: only live ones
	// touch the Events tab.
	Start(ctx context.Context, history int) (updates <-chan Update, live func(Record) bool, err error)
	// Status describes the source for the status bar. The shell calls it
	// from Update once a second and after each batch, so it must be cheap
	// and must not block.
	Status() SourceStatus
}

// SourceStatus is what the status bar says about the live feed.
type SourceStatus struct {
	// Source names where notifications come from, without secrets:
	// "webhook 127.0.0.1:8787" or "relay relay.example.com".
	Source string
	// State is the connection state when it is not simply fine
	// ("connecting", "backing off 4s", "auth failed"); "" otherwise.
	State string
	// Problem says State needs the operator's attention.
	Problem bool
	// LastDelivery is when the receiver last answered a verified webhook
	// (duplicates included); zero when unknown or none yet.
	LastDelivery time.Time
	// Err is why the source stopped, if it did (one line, secret-free).
	Err string
}
