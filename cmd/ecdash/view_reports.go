package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

var reportHeader = []string{"ID", "EVENT", "NAME", "PROGRAM", "CREATED", "PAYLOADS"}

func reportRow(r client.Report, loc *time.Location) []string {
	pr := r.Problems
	return []string{
		cell(pr, "id", r.ID),
		cell(pr, "eventId", r.EventID),
		cell(pr, "name", r.Name),
		cell(pr, "programId", r.ProgramID),
		cell(pr, "createdDateTime", formatTime(r.CreatedDateTime, loc)),
		cell(pr, "payloads", strconv.Itoa(len(r.Payloads))),
	}
}

// reportIDFields are the fields that name a report and when it was made,
// the first lines both of `get report` and of what `report send` prints.
func reportIDFields(r client.Report, loc *time.Location) []field {
	pr := r.Problems
	return []field{
		{"id", cell(pr, "id", r.ID)},
		{"event", cell(pr, "eventId", r.EventID)},
		{"name", cell(pr, "name", r.Name)},
		{"program", cell(pr, "programId", r.ProgramID)},
		{"created", cell(pr, "createdDateTime", formatTimeLong(r.CreatedDateTime, loc))},
	}
}

func reportFields(r client.Report, loc *time.Location) []field {
	pr := r.Problems
	fs := append(reportIDFields(r, loc),
		field{"modified", cell(pr, "modificationDateTime", formatTimeLong(r.ModificationDateTime, loc))})
	var lines []string
	for _, p := range r.Payloads {
		lines = append(lines, chargeActionLine(p))
	}
	fs = append(fs, listFields(fmt.Sprintf("payloads (%d)", len(r.Payloads)), lines)...)
	return append(fs, problemFields(pr)...)
}

// chargeActionLine shows what a vehicle reported, in the units the API
// defines, as sent (real data mixes units, so nothing is converted).
func chargeActionLine(p client.VehicleChargeActionPayload) string {
	s := orDash(p.ResourceID) + " " + orDash(string(p.ActionType))
	opt := func(name string, v *float64, unit string) {
		if v != nil {
			s += " " + name + " " + present.Number(*v, 2) + unit
		}
	}
	opt("current", p.Current, " A")
	opt("power", p.Power, " W")
	opt("soc", p.StateOfCharge, " %")
	opt("capacity", p.BatteryCapacity, " kWh")
	return s
}
