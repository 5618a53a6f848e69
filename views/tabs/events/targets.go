package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views/components/table"
)

// Targets table columns. What the operator acts on comes first (the table
// drops columns from the right when narrow): who, whether it answered,
// what it does now; then the detail.
const (
	tcResource = iota
	tcStatus
	tcValue
	tcSoC
	tcLast
	tcAt
	tcVehicle
	tcLocation
)

// targetColumns names the value column after the event's quantity, and
// widens the At column for an event of another day than now's, whose
// actions carry their date (see clockText).
func targetColumns(ev client.Event, now time.Time, loc *time.Location) []table.Column {
	at := table.Column{Title: "At", Width: 8}
	if start := ev.IntervalPeriod.Start; !start.IsZero() && !sameLocalDay(start, now, loc) {
		at.Width = 11
	}
	value := "Power"
	if ev.Payload.Type == client.PayloadCurrentLevel {
		value = "Current"
	}
	return []table.Column{
		tcResource: {Title: "Resource", Width: 10, MinWidth: 8},
		tcStatus:   {Title: "Status", Width: 19, MinWidth: 11},
		tcValue:    {Title: value, Width: 8, Right: true},
		tcSoC:      {Title: "SoC", Width: 4, Right: true},
		tcLast:     {Title: "Last", Width: 5},
		tcAt:       at,
		tcVehicle:  {Title: "Vehicle", Width: 18, MinWidth: 8, Grow: 2},
		tcLocation: {Title: "Location", Width: 16, MinWidth: 8, Grow: 1},
	}
}

// targetRows is one row per vehicle of the analysis, the ones needing
// attention first: silent, late, stopped early, pending, responded, then
// vehicles that reported without being targeted.
func targetRows(a fleet.Analysis, ev client.Event, vehicles map[string]string, locs map[string]client.Location, now time.Time, loc *time.Location) []table.Row {
	var c targetsCache
	return c.rows(a, ev, vehicles, locs, now, loc)
}

// targetRow is the row of one vehicle, from what it shows.
func targetRow(in targetInputs, now time.Time, loc *time.Location) table.Row {
	r := table.Row{Key: in.id, Cells: make([]string, tcLocation+1), Sort: make([]string, tcLocation+1)}
	r.Sort[tcStatus] = attentionKey(in.severity, in.index)
	r.Cells[tcResource] = in.id
	r.Cells[tcStatus] = statusText(in.status, in.stoppedEarly)
	r.Cells[tcValue], r.Cells[tcSoC], r.Cells[tcLast], r.Cells[tcAt] = present.None, present.None, present.None, present.None
	if in.hasLast {
		r.Cells[tcValue] = present.Quantity(in.value, in.unit)
		if in.hasSoC {
			r.Cells[tcSoC] = present.Number(in.soc, 0) + "%"
		}
		r.Cells[tcLast] = string(in.lastType)
		r.Cells[tcAt] = clockText(in.lastAt, now, loc)
	}
	r.Cells[tcVehicle] = orNone(in.vehicle)
	r.Cells[tcLocation] = in.location
	switch {
	case in.status == fleet.StatusSilent:
		r.Mark = table.MarkDanger
	case !in.targeted:
		r.Mark = table.MarkMuted
	}
	return r
}

// statusText says how the vehicle answered: responded, late, no response
// (silent), pending, not targeted; "(stopped)" when it stopped early.
func statusText(status fleet.Status, stoppedEarly bool) string {
	s := string(status)
	if status == fleet.StatusSilent {
		s = "no response"
	}
	if stoppedEarly {
		s += " (stopped)"
	}
	return s
}

func severity(v fleet.VehicleResult) int {
	switch {
	case v.Status == fleet.StatusSilent:
		return 0
	case v.Status == fleet.StatusLate:
		return 1
	case v.StoppedEarly:
		return 2
	case v.Status == fleet.StatusPending:
		return 3
	case v.Status == fleet.StatusResponded:
		return 4
	case v.Targeted:
		return 5
	}
	return 6
}

// clockText is the time of day for today's times, else the date too.
func clockText(t, now time.Time, loc *time.Location) string {
	if sameLocalDay(t, now, loc) {
		return t.In(orLocal(loc)).Format("15:04:05")
	}
	return t.In(orLocal(loc)).Format("15:04 01-02") // the time first: where the column is cut, the date goes
}

// sameLocalDay reports whether a and b fall on the same day in loc.
func sameLocalDay(a, b time.Time, loc *time.Location) bool {
	la, lb := a.In(orLocal(loc)), b.In(orLocal(loc))
	return la.YearDay() == lb.YearDay() && la.Year() == lb.Year()
}

// locationText is the event's location for the target, else where its
// latest report was sent from.
func locationText(id string, locs map[string]client.Location, resource string) string {
	if id != "" {
		return id
	}
	if l, ok := locs[resource]; ok && (l.Latitude != 0 || l.Longitude != 0) {
		return strconv.FormatFloat(l.Latitude, 'f', 3, 64) + "," + strconv.FormatFloat(l.Longitude, 'f', 3, 64)
	}
	return present.None
}

// vehicleNames maps enrolled resources to "Brand Model".
func vehicleNames(rs []client.Resource) map[string]string {
	out := make(map[string]string, len(rs))
	for _, r := range rs {
		id := r.ResourceID
		if id == "" {
			id = r.ID
		}
		name := strings.TrimSpace(r.Metadata.Brand + " " + r.Metadata.Model)
		if name != "" {
			out[id] = name
		}
	}
	return out
}

func orNone(s string) string { return present.Or(s) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
