package fleet

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// placed is one action on a vehicle's timeline: the Action given to Add,
// or the payload of a report given to AddReports. A dispatch of 20,000
// payloads would otherwise cost 20,000 Actions (megabytes) made only to be
// read once; the Action of a payload is made when needed (the vehicle's
// last action, an anomaly).
type placed struct {
	at  time.Time
	act *Action        // from Add
	rep *client.Report // from AddReports: rep.Payloads[k]
	k   int32
}

func (p placed) payload() *client.VehicleChargeActionPayload { return &p.rep.Payloads[p.k] }

func (p placed) typ() client.ActionType {
	if p.act != nil {
		return p.act.Type
	}
	return p.payload().ActionType
}

func (p placed) power() *float64 {
	if p.act != nil {
		return p.act.Power
	}
	return p.payload().Power
}

func (p placed) current() *float64 {
	if p.act != nil {
		return p.act.Current
	}
	return p.payload().Current
}

// action is the placed Action (shared when it came from Add).
func (p placed) action() *Action {
	if p.act != nil {
		return p.act
	}
	a := actionOf(p.rep, int(p.k), p.at)
	return &a
}

// actionOf is payload k of report r as an Action at time at.
func actionOf(r *client.Report, k int, at time.Time) Action {
	p := &r.Payloads[k]
	return Action{
		At:              at,
		EventID:         r.EventID,
		ReportID:        r.ID,
		PayloadType:     p.PayloadType,
		ResourceID:      p.ResourceID,
		Type:            p.ActionType,
		Power:           p.Power,
		Current:         p.Current,
		StateOfCharge:   p.StateOfCharge,
		BatteryCapacity: p.BatteryCapacity,
	}
}
