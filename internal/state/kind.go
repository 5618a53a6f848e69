// Package state is what the dashboard knows and how it keeps it current:
// the cache of the API's lists (the Store the views read, with typed
// changes and a version per list), the polling rules (backoff, the
// heartbeat list, recovery after an outage), the merge of live
// notifications into the event list, the fetch of each list, and the log
// of requests. It has no screen: the shell (ui) turns its decisions into
// Bubble Tea commands, and views read it through Store.
package state

// Kind names one of the dashboard's collections: the four lists the shell
// polls from the API, and the live feed (which it does not poll).
type Kind int

const (
	Events Kind = iota
	Resources
	Reports
	Subscriptions
	Feed
)

// Kinds lists every collection in tab order.
var Kinds = []Kind{Events, Resources, Reports, Subscriptions, Feed}

// Polled lists the kinds fetched from the API on an interval.
var Polled = []Kind{Events, Resources, Reports, Subscriptions}

func (k Kind) String() string {
	switch k {
	case Events:
		return "Events"
	case Resources:
		return "Resources"
	case Reports:
		return "Reports"
	case Subscriptions:
		return "Subscriptions"
	case Feed:
		return "Feed"
	}
	return "Unknown"
}
