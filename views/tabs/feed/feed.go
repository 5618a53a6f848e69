// Package feed is the Feed tab: the webhook notifications the dashboard's
// live feed delivered (its own receiver's journal, or a relay), newest first,
// with when each arrived, what it announces, whether its signature verified
// and how many duplicate deliveries followed. Enter shows one notification's
// raw body and signature header. The shell hands the live feed's records them over in batches (views.FeedMsg); the tab keeps at most
// MaxRows of them (the journal keeps everything).
package feed

import (
	"time"

	"github.com/ecdash/ecdash/livefeed/notification"
)

// MaxRows bounds the notifications the tab holds; older ones are dropped
// from the tab (never from the journal) so a long session stays cheap.
const MaxRows = 20_000

// newFor is how long a notification that arrived live stays marked new.
const newFor = 5 * time.Second

// Item is one notification as the Feed tab shows it. The shell fills it from
// the live feed's record; the tab never sees the network.
type Item struct {
	Seq      uint64    // journal sequence number
	Received time.Time // when the receiver accepted it
	// Verified is the signature check's verdict (the relay's, or this
	// dashboard's own when it re-verifies).
	Verified bool
	// Signature is the X-Payload-Signature header as received (an HMAC, not
	// a secret); Body the exact bytes received.
	Signature string
	Body      []byte

	Kind           string // envelope: sandbox, vendor, openadr, unknown
	NotificationID string
	Operation      string // Create, Update, Delete, or the operation as sent
	EventID        string
	EventName      string
	EventStart     time.Time
	PayloadType    string
	// Changed is what the notification changed in the event ("6 A → 5 A").
	Changed string
	// Duplicates counts repeat deliveries of the same notification.
	Duplicates int
	// Live is true for a notification that arrived while the dashboard ran
	// (not history): it is marked new for a few seconds.
	Live bool
}

// itemOf is a record as the Feed tab shows it.
func itemOf(r notification.Record, live bool, changed string) Item {
	s := r.Summary
	op := string(s.Operation)
	if op == "" {
		op = s.RawOperation
	}
	return Item{
		Seq: r.Seq, Received: r.Received, Verified: r.Verified, Signature: r.Signature, Body: r.Body,
		Kind: string(s.Kind), NotificationID: s.NotificationID, Operation: op,
		EventID: s.EventID, EventName: s.EventName, EventStart: s.EventStart, PayloadType: s.PayloadType,
		Duplicates: r.Duplicates, Live: live, Changed: changed,
	}
}
