package notification

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Record is one journaled notification. Body is shared between consumers:
// treat it as read-only.
type Record struct {
	Seq      uint64    `json:"seq"`
	Received time.Time `json:"received"`
	// Body is the request body exactly as received (base64 in JSON, so the
	// bytes survive and a signature can be checked again).
	Body []byte `json:"body"`
	// Signature is the X-Payload-Signature header exactly as received.
	Signature string `json:"signature"`
	// Verified is the receiver's verdict; after Follow with Secrets it is the
	// dashboard's own re-verification.
	Verified bool    `json:"verified"`
	Summary  Summary `json:"summary"`
	// Key is the dedupe key (DedupeKey).
	Key string `json:"key"`
	// Duplicates counts the repeat deliveries known when this copy was made;
	// later ones arrive as Duplicate updates.
	Duplicates int `json:"duplicates"`
}

// ErrNoEvent is returned by Record.Event when the body does not carry the
// event whole; fetch it from the API by Summary.EventID instead.
var ErrNoEvent = errors.New("notification does not carry the event")

// Event decodes the event embedded in the body into client.Event.
func (r Record) Event() (client.Event, error) {
	raw, ok := EmbeddedEvent(r.Body)
	if !ok {
		return client.Event{}, ErrNoEvent
	}
	// EmbeddedEvent read the whole body as JSON: raw is valid, and is
	// decoded directly, without json.Unmarshal checking it once more.
	var ev client.Event
	if err := ev.UnmarshalJSON(raw); err != nil {
		return client.Event{}, err
	}
	if ev.Raw == nil {
		ev.Raw = append(json.RawMessage(nil), raw...)
	}
	return ev, nil
}

// Duplicate says an already journaled notification was delivered again.
// Count is absolute (repeat deliveries so far): keep the largest seen.
type Duplicate struct {
	Seq   uint64 `json:"seq"`
	Count int    `json:"count"`
}

// Update is one item of the live feed: exactly one of Record and Duplicate is
// set. Records arrive in strictly increasing Seq order without repeats.
type Update struct {
	Record    *Record
	Duplicate *Duplicate
}
