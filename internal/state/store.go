package state

import "github.com/ecdash/ecdash/client"

// Change is how one item of a list changed in a recent refresh.
type Change uint8

const (
	Unchanged Change = iota
	Added
	Updated
	Deleted // still listed for a few seconds, so the operator sees it go
)

// Store is read access to what the dashboard knows. The shell changes it
// only inside its Update, and views read it there. A slice it returns may
// be updated in place by a later change (a live notification replaces one
// event): a view that keeps one compares Version to know when to read it
// again.
type Store interface {
	Events() []client.Event
	Resources() []client.Resource
	Subscriptions() []client.Subscription
	Reports() []client.Report
	// ReportsOffered is false once the server answered that it cannot list reports.
	ReportsOffered() bool
	// SentHere reports whether this dashboard sent report id (its local
	// record of sent reports says so).
	SentHere(reportID string) bool
	// Loaded reports whether kind has been fetched successfully at least once.
	Loaded(kind Kind) bool
	// Failure is the last fetch error of kind as one secret-free line, "" after a success.
	Failure(kind Kind) string
	// Version grows whenever kind's list or its changes do: a view that
	// remembers the version it built from knows when to build again.
	Version(kind Kind) uint64
	// Change is how key's item of kind changed in a recent refresh; it
	// fades back to Unchanged after a few seconds (Version grows then too).
	Change(kind Kind, key string) Change
	// ChangedSince lists the keys of kind whose item or mark changed after
	// version (a key may repeat); all is true when everything must be
	// read again (the first load, or a version too old to tell). The list
	// may be the store's own: read it, keep it, never change it.
	ChangedSince(kind Kind, version uint64) (keys []string, all bool)
	// Position is where key's item is in kind's list (Events(), …).
	Position(kind Kind, key string) (int, bool)
}

// EventByID is the event store holds under id (false: none, or no store).
func EventByID(store Store, id string) (client.Event, bool) {
	if store == nil || id == "" {
		return client.Event{}, false
	}
	i, ok := store.Position(Events, id)
	if !ok || i >= len(store.Events()) {
		return client.Event{}, false
	}
	return store.Events()[i], true
}
