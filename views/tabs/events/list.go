// Package events is the Events tab: every event the API lists, with its
// status derived from the clock, a countdown and a compliance column, in
// the order an operator needs them (active, then upcoming soonest, then
// past most recent); and the event's dispatch screen: header, chart of the
// target against the reported response, targets table, report
// descriptors, kept live by fetching the event's reports in the
// background, with a one-key CSV export and a report composer (R) that
// sends and records a report prefilled from the event.
package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/table"
	"github.com/ecdash/ecdash/views/list"
)

// Column indices, for the default sort and tests. The table drops columns
// from the right when narrow; Payload goes first, since the target's unit
// (kW or A) already says which level is asked.
const (
	ColStatus = iota
	ColWhen
	ColCompliance
	ColSilent
	ColName
	ColTarget
	ColStart
	ColDuration
	ColTargets
	ColPriority
	ColProgram
	ColPayload
)

var columns = []table.Column{
	ColStatus: {Title: "Status", Width: 8},
	ColWhen:   {Title: "Countdown", Width: 16, MinWidth: 12, Live: true},
	// "83% 12/15": delivered against target, vehicles started of targeted.
	ColCompliance: {Title: "Compliance", Width: 10},
	// Targeted vehicles with no Start by the response deadline.
	ColSilent:   {Title: "Silent", Width: 6, Right: true},
	ColName:     {Title: "Name", Width: 20, MinWidth: 16, Grow: 3},
	ColTarget:   {Title: "Target", Width: 9, Right: true},
	ColStart:    {Title: "Start", Width: 16},
	ColDuration: {Title: "Duration", Width: 8},
	ColTargets:  {Title: "Targets", Width: 7, Right: true},
	ColPriority: {Title: "Prio", Width: 4, Right: true},
	ColProgram:  {Title: "Program", Width: 12, MinWidth: 7, Grow: 1},
	ColPayload:  {Title: "Payload", Width: 12, MinWidth: 8},
}

// New builds the Events tab.
func New(ctx *views.Context) views.Tab {
	return newTab(ctx)
}

// spec describes the Events list: rows with their compliance cell from
// index, sorted by ColStatus (see listOrder), and open making the dispatch
// screen. The list's own fetch-on-open (Get) is left out: the screen
// fetches the event together with its reports.
func spec(index *complianceIndex, open func(client.Event, *views.Context) views.Screen) list.Spec[client.Event] {
	return list.Spec[client.Event]{
		Kind:     state.Events,
		Noun:     "events",
		Columns:  columns,
		SortCol:  ColStatus,
		SortDesc: false,
		Items:    func(s state.Store) []client.Event { return s.Events() },
		Key:      func(ev client.Event) string { return ev.ID },
		Row: func(ev client.Event, now time.Time, loc *time.Location) table.Row {
			r := row(ev, now, loc)
			st, _ := fleet.StatusOf(ev, now)
			c := index.cell(ev, st, now)
			r.Cells[ColCompliance], r.Sort[ColCompliance] = c.text, c.sort
			r.Cells[ColSilent], r.Sort[ColSilent] = c.silent, c.silentSort
			return r
		},
		Live:       true,
		NextChange: nextChange,
		Open:       open,
	}
}

// nextChange is when ev's row changes beyond its countdown: its status at
// start and end, and while it runs, its compliance cell each minute.
func nextChange(ev client.Event, now time.Time) time.Time {
	p := ev.IntervalPeriod
	switch st, _ := fleet.StatusOf(ev, now); st {
	case fleet.EventUpcoming:
		return p.Start
	case fleet.EventActive:
		next := now.Truncate(time.Minute).Add(time.Minute)
		if p.Duration > 0 && p.End().Before(next) {
			return p.End()
		}
		return next
	}
	return time.Time{}
}

func row(ev client.Event, now time.Time, loc *time.Location) table.Row {
	st, left := fleet.StatusOf(ev, now)
	p := ev.IntervalPeriod
	checked := func(field, text string) string {
		return present.Checked(ev.Problems, field, text)
	}
	start := checked("intervalPeriod.start", present.ShortTime(p.Start, loc))
	dur := present.None
	if p.Duration > 0 {
		dur = present.Duration(p.Duration)
	}
	dur = checked("intervalPeriod.duration", dur)
	prio := present.OptInt(ev.Priority)
	prioSort := ""
	if ev.Priority != nil {
		prioSort = present.SortNumber(float64(*ev.Priority))
	}
	targetSort := ""
	if ev.Payload.HasValue {
		targetSort = present.SortNumber(ev.Payload.Value)
	}
	order := listOrder(ev, st)
	r := table.Row{
		Cells: []string{
			ColStatus:     st.String(),
			ColWhen:       present.EventCountdown(st, left),
			ColCompliance: "",
			ColSilent:     "",
			ColName:       checked("name", present.Or(ev.Name)),
			ColPayload:    checked("payload", present.Or(string(ev.Payload.Type))),
			ColTarget:     checked("payload", present.Target(ev.Payload)),
			ColStart:      start,
			ColDuration:   dur,
			ColTargets:    checked("targetResources", strconv.Itoa(len(ev.TargetResources))),
			ColPriority:   checked("priority", prio),
			ColProgram:    checked("programId", present.Or(ev.ProgramID)),
		},
		Sort: []string{
			ColStatus:     order,
			ColWhen:       order,
			ColCompliance: "",
			ColSilent:     "",
			ColName:       strings.ToLower(ev.Name),
			ColPayload:    string(ev.Payload.Type),
			ColTarget:     targetSort,
			ColStart:      present.SortTime(p.Start),
			ColDuration:   present.SortNumber(p.Duration.Seconds()),
			ColTargets:    present.SortNumber(float64(len(ev.TargetResources))),
			ColPriority:   prioSort,
			ColProgram:    strings.ToLower(ev.ProgramID),
		},
	}
	switch {
	case len(ev.Problems) > 0:
		r.Mark = table.MarkDanger
	case st == fleet.EventDone:
		r.Mark = table.MarkMuted // what is over recedes; active and upcoming stand out
	}
	return r
}
