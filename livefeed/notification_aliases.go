package livefeed

import "github.com/ecdash/ecdash/livefeed/notification"

// The notification's own types and rules (its record, summary, signature,
// dedupe key and the Batcher) live in livefeed/notification, which links
// no JetStream: the packages that need only them (views, the sandbox) stay
// small. They are named here too, so the feed's code reads as one package.

type (
	Record         = notification.Record
	Duplicate      = notification.Duplicate
	Update         = notification.Update
	Kind           = notification.Kind
	Summary        = notification.Summary
	Batch          = notification.Batch
	Batcher        = notification.Batcher
	BatcherOptions = notification.BatcherOptions
	Clock          = notification.Clock
)

const (
	KindSandbox     = notification.KindSandbox
	KindVendor      = notification.KindVendor
	KindOpenADR     = notification.KindOpenADR
	KindUnknown     = notification.KindUnknown
	SignatureHeader = notification.SignatureHeader
	DefaultFrame    = notification.DefaultFrame
)

var (
	ErrNoEvent       = notification.ErrNoEvent
	ErrNotJSONObject = notification.ErrNotJSONObject
)

// The functions, as they are there.
var (
	DecodeSummary      = notification.DecodeSummary
	NormalizeOperation = notification.NormalizeOperation
	EmbeddedEvent      = notification.EmbeddedEvent
	AnnouncesEvent     = notification.AnnouncesEvent
	DedupeKey          = notification.DedupeKey
	Sign               = notification.Sign
	Verify             = notification.Verify
	NewBatcher         = notification.NewBatcher
)
