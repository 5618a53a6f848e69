package client

import (
	"encoding/json"
	"slices"
)

// UnmarshalJSON decodes a report (and the payloads the sandbox's extension
// echoes) tolerantly; it never fails on well-formed JSON.
func (r *Report) UnmarshalJSON(data []byte) error {
	if jsonKind(data) == 'n' {
		return nil
	}
	*r = decodeReport(data, "", nil)
	return nil
}

func decodeReport(raw json.RawMessage, self string, dec *decoding) Report {
	dec.begin()
	r := Report{Raw: dec.raw(raw)}
	o, ok := newObject(raw, "", &r.Problems, dec)
	if !ok {
		r.Problems = append(r.Problems, notObject(self, raw))
		return r
	}
	r.ID = o.str("id")
	r.EventID = o.sym("eventId")
	r.ProgramID = o.sym("programId")
	r.Name = o.sym("name")
	r.CreatedDateTime = o.time("createdDateTime")
	r.ModificationDateTime = o.time("modificationDateTime")
	for i, praw := range o.list("payloads") {
		p, ok := o.childAt("payloads", i, praw)
		if !ok {
			o.problem(elem("payloads", i), praw, "not a payload: %s", kindName(praw))
			continue
		}
		r.Payloads = append(r.Payloads, decodeChargeAction(p))
	}
	return r
}

// decodeChargeAction reads one VehicleChargeActionPayload. Numbers are kept as
// sent, whatever their unit looks like (0.5 or 50 for stateOfCharge).
func decodeChargeAction(p *object) VehicleChargeActionPayload {
	out := VehicleChargeActionPayload{
		PayloadType:     p.sym("payloadType"),
		ResourceID:      p.sym("resourceId"),
		ActionType:      ActionType(p.sym("actionType")),
		Current:         p.floatPtr("current"),
		Power:           p.floatPtr("power"),
		StateOfCharge:   p.floatPtr("stateOfCharge"),
		BatteryCapacity: p.floatPtr("batteryCapacity"),
	}
	if out.ActionType != "" && !slices.Contains([]ActionType{ActionStart, ActionStop}, out.ActionType) {
		raw, _ := p.get("actionType")
		p.problem("actionType", raw, "unknown action type %q", string(out.ActionType))
	}
	if loc := p.child("location"); loc != nil {
		out.Location.Latitude, _ = loc.float("latitude")
		out.Location.Longitude, _ = loc.float("longitude")
	}
	return out
}
