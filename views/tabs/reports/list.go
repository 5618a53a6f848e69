// Package reports is the Reports tab: the reports known to the dashboard,
// from the server's GET /reports where it offers that extension. The v1 API
// itself cannot list reports.
package reports

import (
	"context"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/table"
	"github.com/ecdash/ecdash/views/list"
)

// Column indices.
const (
	ColCreated = iota
	ColName
	ColEvent
	ColPayloads
	ColProgram
	ColSentHere
	ColID
)

var columns = []table.Column{
	ColCreated:  {Title: "Created", Width: 16},
	ColName:     {Title: "Name", Width: 16, MinWidth: 10, Grow: 2},
	ColEvent:    {Title: "Event", Width: 30, MinWidth: 12, Grow: 3}, // its start, then its name
	ColPayloads: {Title: "Payloads", Width: 8, Right: true},
	ColProgram:  {Title: "Program", Width: 12, MinWidth: 7, Grow: 1},
	ColSentHere: {Title: "Sent here", Width: 9},
	ColID:       {Title: "ID", Width: 14, MinWidth: 8, Grow: 1},
}

// NotOfferedHint explains the empty list on servers without GET /reports.
const NotOfferedHint = "The v1 API cannot list reports; reports this dashboard sends will appear here."

// New builds the Reports tab.
func New(ctx *views.Context) views.Tab { return list.New(Spec(), ctx) }

// Spec describes the Reports list.
func Spec() list.Spec[client.Report] {
	return list.Spec[client.Report]{
		Kind:     state.Reports,
		Noun:     "reports",
		Columns:  columns,
		SortCol:  ColCreated,
		SortDesc: true,
		Items:    func(s state.Store) []client.Report { return s.Reports() },
		Key:      func(r client.Report) string { return r.ID },
		RowIn:    row,
		Enter: func(store state.Store, r client.Report) tea.Cmd {
			return views.OpenKnownEvent(store, r.EventID)
		},
		EnterHelp: "open its event's dispatch screen",
		Follows:   []state.Kind{state.Events}, // the Event column names the report's event
		Detail:    layout,
		Get: func(ctx context.Context, api client.API, id string) (client.Report, error) {
			return api.GetReport(ctx, id)
		},
		Empty: func(s state.Store) string {
			if !s.ReportsOffered() {
				return NotOfferedHint
			}
			return ""
		},
	}
}

func row(store state.Store, r client.Report, _ time.Time, loc *time.Location) table.Row {
	checked := func(field, text string) string {
		return present.Checked(r.Problems, field, text)
	}
	payloads := present.None
	if len(r.Payloads) > 0 {
		payloads = strconv.Itoa(len(r.Payloads))
	}
	out := table.Row{
		Cells: []string{
			ColCreated:  checked("createdDateTime", present.ShortTime(r.CreatedDateTime, loc)),
			ColName:     checked("name", present.Or(r.Name)),
			ColEvent:    checked("eventId", eventLabel(store, r.EventID, loc)),
			ColPayloads: checked("payloads", payloads),
			ColProgram:  checked("programId", present.Or(r.ProgramID)),
			ColSentHere: sentHere(store, r.ID),
			ColID:       checked("id", present.Or(r.ID)),
		},
		Sort: []string{
			ColCreated:  present.SortTime(r.CreatedDateTime),
			ColName:     strings.ToLower(r.Name),
			ColEvent:    eventSort(store, r.EventID),
			ColPayloads: present.SortNumber(float64(len(r.Payloads))),
			ColProgram:  strings.ToLower(r.ProgramID),
			ColSentHere: sentHere(store, r.ID),
			ColID:       r.ID,
		},
	}
	if len(r.Problems) > 0 {
		out.Mark = table.MarkDanger
	}
	return out
}

// eventLabel names the report's event by its start and name when the
// dashboard knows it, else by its id.
func eventLabel(store state.Store, id string, loc *time.Location) string {
	if ev, ok := state.EventByID(store, id); ok {
		return present.EventLabel(ev.Name, ev.ID, ev.IntervalPeriod.Start, loc)
	}
	return present.Or(id)
}

// eventSort orders reports by their event's start, then id.
func eventSort(store state.Store, id string) string {
	if ev, ok := state.EventByID(store, id); ok {
		return present.SortTime(ev.IntervalPeriod.Start) + " " + id
	}
	return "~ " + id // unknown events last
}

// sentHere marks a report this dashboard sent (its record of sent reports).
func sentHere(store state.Store, id string) string {
	if store != nil && store.SentHere(id) {
		return "yes"
	}
	return ""
}
