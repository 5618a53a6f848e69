package feed

import (
	"strconv"
	"time"

	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views/components/table"
)

// Column indices, for tests and the default order.
const (
	ColTime = iota
	ColOperation
	ColEvent
	ColChanged
	ColEventID
	ColPayload
	ColVerified
	ColDuplicates
	ColSeq
)

var columns = []table.Column{
	ColTime:       {Title: "Received", Width: 19, MinWidth: 8},
	ColOperation:  {Title: "Operation", Width: 10, MinWidth: 6},
	ColEvent:      {Title: "Event", Width: 22, MinWidth: 10, Grow: 3},
	ColChanged:    {Title: "Changed", Width: 20, MinWidth: 8, Grow: 2},
	ColEventID:    {Title: "Event ID", Width: 16, MinWidth: 8, Grow: 1},
	ColPayload:    {Title: "Payload", Width: 12, MinWidth: 7},
	ColVerified:   {Title: "Sig", Width: 3},
	ColDuplicates: {Title: "Dups", Width: 4, Right: true},
	ColSeq:        {Title: "Seq", Width: 7, Right: true},
}

// Verdict texts for the Sig column.
const (
	Verified   = "✓"
	Unverified = "✗"
)

// row lays an item out. It depends only on the item and the zone, so the tab
// computes it once per item (and again when its duplicate count changes).
func row(it Item, loc *time.Location) table.Row {
	sig := Unverified
	if it.Verified {
		sig = Verified
	}
	r := table.Row{
		Cells: []string{
			ColTime:       present.LocalTime(it.Received, loc),
			ColOperation:  present.Or(it.Operation),
			ColEvent:      present.EventLabel(it.EventName, it.EventID, it.EventStart, loc),
			ColChanged:    it.Changed,
			ColEventID:    present.Or(it.EventID),
			ColPayload:    present.Or(it.PayloadType),
			ColVerified:   sig,
			ColDuplicates: strconv.Itoa(it.Duplicates),
			ColSeq:        strconv.FormatUint(it.Seq, 10),
		},
		Sort: []string{
			ColTime:       present.SortTime(it.Received),
			ColDuplicates: present.SortNumber(float64(it.Duplicates)),
			ColSeq:        present.SortNumber(float64(it.Seq)),
		},
	}
	if !it.Verified {
		r.Mark = table.MarkDanger // unverified rows need attention
	}
	return r
}
