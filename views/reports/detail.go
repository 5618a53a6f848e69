package reports

import (
	"fmt"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/detail"
	"github.com/ecdash/ecdash/views/format"
)

// layout is a report's detail: its fields and, where the server echoes them,
// each vehicle's charge action.
func layout(r client.Report, ctx *views.Context) (string, detail.Doc, []byte) {
	var d detail.Doc
	pr := r.Problems
	loc := ctx.Location
	d.Checked(0, "id", format.Or(r.ID), pr, "id")
	d.Checked(0, "name", format.Or(r.Name), pr, "name")
	d.Checked(0, "event", format.Or(r.EventID), pr, "eventId")
	d.Checked(0, "program", format.Or(r.ProgramID), pr, "programId")
	d.Checked(0, "created", format.LocalTime(r.CreatedDateTime, loc), pr, "createdDateTime")
	d.Checked(0, "modified", format.LocalTime(r.ModificationDateTime, loc), pr, "modificationDateTime")
	d.Section(detail.SectionTitle("payloads", len(r.Payloads)))
	if len(r.Payloads) == 0 {
		d.Item(1, "none listed (the server does not echo payloads)")
	}
	for _, p := range r.Payloads {
		d.Item(1, format.Or(p.ResourceID)+"  "+format.Or(string(p.ActionType)))
		d.FieldAt(2, "power", format.OptFloat(p.Power, 1, "W"))
		d.FieldAt(2, "current", format.OptFloat(p.Current, 1, "A"))
		d.FieldAt(2, "state of charge", format.OptFloat(p.StateOfCharge, 2, "%"))
		d.FieldAt(2, "battery capacity", format.OptFloat(p.BatteryCapacity, 1, "kWh"))
		d.FieldAt(2, "location", fmt.Sprintf("%.5f, %.5f", p.Location.Latitude, p.Location.Longitude))
	}
	d.Problems(pr)
	return "Report " + format.Or(r.Name), d, r.Raw
}
