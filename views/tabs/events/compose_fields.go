package events

import (
	"math"
	"strconv"
	"strings"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/views/components/form"
)

// The composer's field names are the report's JSON paths, with each
// payload's slot (its vehicle's place in the composer, not in the report
// sent) as the index: "payloads.2.location.latitude". The server's field
// errors are mapped from report indices to slots (see slotErrors), so they
// land beside the right field.
const (
	cfName    = "name"
	cfEventID = "eventId"
)

// Payload fields, by their path below "payloads.N".
const (
	pfInclude   = "include" // not sent: whether the vehicle is in the report
	pfResource  = "resourceId"
	pfAction    = "actionType"
	pfPower     = "power"
	pfCurrent   = "current"
	pfSoC       = "stateOfCharge"
	pfBattery   = "batteryCapacity"
	pfLatitude  = "location.latitude"
	pfLongitude = "location.longitude"
)

// The "Report it" choice.
const (
	includeYes = "yes"
	includeNo  = "no"
)

// pf is the field name of a payload field of slot i.
func pf(i int, name string) string { return "payloads." + strconv.Itoa(i) + "." + name }

// slot is one vehicle the composer offers to report for.
type slot struct {
	resourceID string
	heading    string // who it is and how it answered so far
	located    bool   // its location comes from its latest report
}

// composeVehicles are the vehicles a report for ev is about: those its
// VehicleChargeAction report descriptors name (a descriptor naming none
// means every target), else its targets, each once, in event order.
func composeVehicles(ev client.Event) []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, rd := range ev.ReportDescriptors {
		if rd.PayloadType != "" && rd.PayloadType != client.ReportPayloadVehicleChargeAction {
			continue
		}
		ids := rd.TargetResources
		if len(ids) == 0 {
			for _, t := range ev.TargetResources {
				ids = append(ids, t.ResourceID)
			}
		}
		for _, id := range ids {
			add(id)
		}
	}
	if len(out) == 0 {
		for _, t := range ev.TargetResources {
			add(t.ResourceID)
		}
	}
	return out
}

// composeKnown is what the dispatch screen knows that prefills a report.
type composeKnown struct {
	a         fleet.Analysis
	vehicles  map[string]string          // resource id → "Brand Model"
	locations map[string]client.Location // resource id → where its latest report was sent from
}

// prefill makes one slot per vehicle and the values a new composer starts
// from: every vehicle in; Stop for a vehicle charging now, else Start with
// the event's per-vehicle target in its unit; state of charge, battery and
// location from what the vehicle last reported. A location nobody reported
// stays empty: the API keeps no vehicle location, the operator enters it.
func prefill(ev client.Event, k composeKnown) ([]slot, form.Values) {
	name := strings.TrimSpace(ev.Name)
	if name == "" {
		name = "event " + ev.ID
	}
	v := form.Values{cfName: name + " response", cfEventID: ev.ID}
	where := map[string]string{}
	for _, t := range ev.TargetResources {
		if t.LocationID != "" && where[t.ResourceID] == "" {
			where[t.ResourceID] = t.LocationID
		}
	}
	var slots []slot
	for i, id := range composeVehicles(ev) {
		vr, known := k.a.Vehicle(id)
		parts := []string{id}
		if n := k.vehicles[id]; n != "" {
			parts = append(parts, n)
		}
		if w := where[id]; w != "" {
			parts = append(parts, "at "+w)
		}
		if known {
			parts = append(parts, statusText(vr.Status, vr.StoppedEarly))
		}
		s := slot{resourceID: id, heading: strings.Join(parts, " · ")}
		// Nothing is in the report until the operator says so, vehicle by
		// vehicle: a report states what a vehicle did, and one keystroke
		// must not state it for every vehicle at once. What a vehicle is
		// set to report is the response the event asks for.
		v[pf(i, pfInclude)] = includeNo
		v[pf(i, pfResource)] = id
		v[pf(i, pfAction)] = string(client.ActionStart)
		if ev.Payload.HasValue {
			switch ev.Payload.Type {
			case client.PayloadPowerLevel:
				v[pf(i, pfPower)] = numberText(ev.Payload.Value)
			case client.PayloadCurrentLevel:
				v[pf(i, pfCurrent)] = numberText(ev.Payload.Value)
			}
		}
		if known && vr.HasLast {
			v[pf(i, pfSoC)] = optNumberText(vr.Last.StateOfCharge)
			v[pf(i, pfBattery)] = optNumberText(vr.Last.BatteryCapacity)
		}
		if l, ok := k.locations[id]; ok && (l.Latitude != 0 || l.Longitude != 0) {
			v[pf(i, pfLatitude)], v[pf(i, pfLongitude)] = numberText(l.Latitude), numberText(l.Longitude)
			s.located = true
		}
		slots = append(slots, s)
	}
	return slots, v
}

// composeFields lays out the composer: the report's name and event, then
// per vehicle a heading, its "Report it" choice and, while it is in, its
// payload's fields.
func composeFields(ev client.Event, slots []slot, v form.Values) []form.Field {
	target := "optional"
	if ev.Payload.HasValue && ev.Payload.Unit() != "" {
		target = "the event asks " + numberText(ev.Payload.Value) + " " + ev.Payload.Unit() + " per vehicle"
	}
	note := func(unit string) string {
		if ev.Payload.Unit() == unit {
			return target
		}
		return "optional"
	}
	out := []form.Field{
		{Name: cfName, Label: "Report name", Placeholder: "how the report is named", Limit: 200,
			Note: "optional; the server keeps it with the report"},
		{Name: cfEventID, Label: "Event id", Kind: form.Display},
	}
	for i, s := range slots {
		out = append(out,
			form.Field{Name: pf(i, "heading"), Label: s.heading, Kind: form.Heading},
			form.Field{Name: pf(i, pfInclude), Label: "Report it", Kind: form.Choice, Options: []string{includeYes, includeNo},
				Note: "yes puts this vehicle in the report; no leaves it out"},
		)
		if v[pf(i, pfInclude)] == includeNo {
			continue
		}
		where := "no known location: enter where it charges"
		if s.located {
			where = "from its latest report"
		}
		out = append(out,
			form.Field{Name: pf(i, pfResource), Aliases: []string{pf(i, "payloadType")}, Label: "Resource id", Limit: 128,
				Check: checkPayloadResource},
			form.Field{Name: pf(i, pfAction), Label: "Action", Kind: form.Choice,
				Options: []string{string(client.ActionStart), string(client.ActionStop)}, Check: checkAction},
			form.Field{Name: pf(i, pfPower), Label: "Power (W)", Placeholder: "watts", Limit: 32, Note: note("W"), Check: checkOptionalNumber},
			form.Field{Name: pf(i, pfCurrent), Label: "Current (A)", Placeholder: "amperes", Limit: 32, Note: note("A"), Check: checkOptionalNumber},
			form.Field{Name: pf(i, pfSoC), Label: "State of charge %", Placeholder: "percent", Limit: 32, Note: "optional", Check: checkOptionalNumber},
			form.Field{Name: pf(i, pfBattery), Label: "Battery (kWh)", Placeholder: "capacity", Limit: 32, Note: "optional", Check: checkOptionalNumber},
			form.Field{Name: pf(i, pfLatitude), Aliases: []string{pf(i, "location")}, Label: "Latitude", Placeholder: "-90 to 90", Limit: 32,
				Note: where, Check: checkLatitude},
			form.Field{Name: pf(i, pfLongitude), Label: "Longitude", Placeholder: "-180 to 180", Limit: 32,
				Note: where, Check: checkLongitude},
		)
	}
	return out
}

// allComposeNames lists every value the composer holds for slots, the
// fields of vehicles left out included (they come back with "yes").
func allComposeNames(ev client.Event, slots []slot) []string {
	return form.EditableNames(composeFields(ev, slots, form.Values{}))
}

// composeRequest is the report the values describe: one payload per
// vehicle left in, and the slot each payload came from (to map the
// server's "payloads[k]" back to a slot). The values must have passed the
// fields' checks.
func composeRequest(evID string, slots []slot, v form.Values) (client.ReportRequest, []int) {
	req := client.ReportRequest{EventID: evID, Name: strings.TrimSpace(v[cfName])}
	var sent []int
	for i := range slots {
		if v[pf(i, pfInclude)] == includeNo {
			continue
		}
		lat, _ := parseNumber(v[pf(i, pfLatitude)])
		lon, _ := parseNumber(v[pf(i, pfLongitude)])
		req.Payloads = append(req.Payloads, client.VehicleChargeActionPayload{
			PayloadType:     client.ReportPayloadVehicleChargeAction,
			ResourceID:      strings.TrimSpace(v[pf(i, pfResource)]),
			ActionType:      client.ActionType(v[pf(i, pfAction)]),
			Location:        client.Location{Latitude: lat, Longitude: lon},
			Power:           optNumber(v[pf(i, pfPower)]),
			Current:         optNumber(v[pf(i, pfCurrent)]),
			StateOfCharge:   optNumber(v[pf(i, pfSoC)]),
			BatteryCapacity: optNumber(v[pf(i, pfBattery)]),
		})
		sent = append(sent, i)
	}
	return req, sent
}

// parseNumber reads a finite decimal number; spaces around it are ignored.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "xXpP_") { // no hex floats or digit separators
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// optNumber is an optional number: nil when empty.
func optNumber(s string) *float64 {
	f, ok := parseNumber(s)
	if !ok {
		return nil
	}
	return &f
}

func numberText(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func optNumberText(f *float64) string {
	if f == nil {
		return ""
	}
	return numberText(*f)
}

func checkPayloadResource(v string) string {
	switch {
	case v == "":
		return "required: the vehicle the action is about"
	case strings.TrimSpace(v) != v:
		return "must not start or end with a space"
	}
	return ""
}

func checkAction(v string) string {
	if v != string(client.ActionStart) && v != string(client.ActionStop) {
		return "choose Start or Stop"
	}
	return ""
}

func checkOptionalNumber(v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	if _, ok := parseNumber(v); !ok {
		return "must be a number, e.g. 7400 or 41.5"
	}
	return ""
}

func checkLatitude(v string) string  { return checkCoordinate(v, 90) }
func checkLongitude(v string) string { return checkCoordinate(v, 180) }

// checkCoordinate requires a number in [-limit, limit] (WGS84 degrees).
func checkCoordinate(v string, limit float64) string {
	bounds := "between -" + numberText(limit) + " and " + numberText(limit)
	if strings.TrimSpace(v) == "" {
		return "required: degrees " + bounds
	}
	f, ok := parseNumber(v)
	switch {
	case !ok:
		return "must be a number " + bounds
	case f < -limit || f > limit:
		return "must be " + bounds
	}
	return ""
}
