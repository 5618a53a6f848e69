package reports

import (
	"fmt"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
)

// layout is a report's detail: its fields and, where the server echoes them,
// each vehicle's charge action.
func layout(r client.Report, ctx *views.Context) (string, detail.Doc, []byte) {
	var d detail.Doc
	pr := r.Problems
	loc := ctx.Location
	d.Checked(0, "id", present.Or(r.ID), pr, "id")
	d.Checked(0, "name", present.Or(r.Name), pr, "name")
	d.Checked(0, "event", present.Or(r.EventID), pr, "eventId")
	d.Checked(0, "program", present.Or(r.ProgramID), pr, "programId")
	d.Checked(0, "created", present.LocalTime(r.CreatedDateTime, loc), pr, "createdDateTime")
	d.Checked(0, "modified", present.LocalTime(r.ModificationDateTime, loc), pr, "modificationDateTime")
	d.Section(detail.SectionTitle("payloads", len(r.Payloads)))
	if len(r.Payloads) == 0 {
		d.Item(1, "none listed (the server does not echo payloads)")
	}
	for _, p := range r.Payloads {
		d.Item(1, present.Or(p.ResourceID)+"  "+present.Or(string(p.ActionType)))
		d.FieldAt(2, "power", present.OptFloat(p.Power, 1, "W"))
		d.FieldAt(2, "current", present.OptFloat(p.Current, 1, "A"))
		d.FieldAt(2, "state of charge", present.OptFloat(p.StateOfCharge, 2, "%"))
		d.FieldAt(2, "battery capacity", present.OptFloat(p.BatteryCapacity, 1, "kWh"))
		d.FieldAt(2, "location", fmt.Sprintf("%.5f, %.5f", p.Location.Latitude, p.Location.Longitude))
	}
	d.Problems(pr)
	return "Report " + present.Or(r.Name), d, r.Raw
}
