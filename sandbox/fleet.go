package sandbox

import (
	"cmp"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
)

// The simulated fleet answers every event the way a real one does: most
// targeted vehicles start charging at a random moment inside the event's
// randomize-start window at (or as near as their charger allows) the
// event's per-vehicle target, some start late, some stop early, and about
// one in eight never answers. An event's target value is per vehicle: the
// fleet's target is the value times the number of targeted vehicles.
//
// Each action is one report, dated at the moment of the action (payloads
// carry no time of their own). The plan is a pure function of the seed, the
// event and the vehicle, so a sandbox restarted from its data file goes on
// exactly where it stopped.

// Fleet behaviour shares, in percent of targeted vehicles.
const (
	silentPercent    = 12 // never start
	latePercent      = 12 // start after the randomize window
	earlyStopPercent = 15 // of those that start: stop before the end
)

// mainsVoltage is the Norwegian/European phase voltage used to relate power
// and current.
const mainsVoltage = 230.0

// chargeAction is one planned vehicle action, materialized as a report when
// the clock reaches At.
type chargeAction struct {
	At        time.Time
	EventID   string
	ProgramID string
	Payload   client.VehicleChargeActionPayload
}

// planEvent returns every action the fleet takes in answer to ev, in time
// order. vehicle tells what kind of car a resource id is.
func planEvent(seed int64, ev client.Event, vehicle func(resourceID string) vehicleModel) []chargeAction {
	if !ev.Payload.HasValue || ev.Payload.Value <= 0 || ev.IntervalPeriod.Duration <= 0 ||
		(ev.Payload.Type != client.PayloadPowerLevel && ev.Payload.Type != client.PayloadCurrentLevel) {
		return nil // nothing a charger could act on
	}
	var out []chargeAction
	for _, t := range ev.TargetResources {
		out = append(out, planVehicle(seed, ev, t, vehicle(t.ResourceID))...)
	}
	sortActions(out)
	return out
}

// planVehicle is one vehicle's answer to one event: nothing, or a Start and a Stop.
func planVehicle(seed int64, ev client.Event, t client.TargetResource, m vehicleModel) []chargeAction {
	rng := rand.New(rand.NewPCG(uint64(seed), streamOf(ev.ID, t.ResourceID)))
	iv := ev.IntervalPeriod
	end := iv.End()

	var start time.Time
	switch r := rng.IntN(100); {
	case r < silentPercent:
		return nil
	case r < silentPercent+latePercent:
		start = iv.Start.Add(iv.RandomizeStart + between(rng, 2*time.Minute, 15*time.Minute))
	case iv.RandomizeStart > 0:
		start = iv.Start.Add(between(rng, 0, iv.RandomizeStart))
	default: // no window: the charger's reaction time
		start = iv.Start.Add(between(rng, 5*time.Second, 90*time.Second))
	}
	start = start.Truncate(time.Second)
	if !start.Before(end) {
		return nil // too late to act at all
	}

	power, current := chargeLevel(rng, ev.Payload, m)
	soc := round1(15 + 55*rng.Float64())

	stop := end.Add(between(rng, 0, 20*time.Second))
	if rng.IntN(100) < earlyStopPercent {
		stop = start.Add(time.Duration(float64(end.Sub(start)) * (0.25 + 0.5*rng.Float64())))
	}
	if full := timeToFull(soc, m.BatteryKWh, power); start.Add(full).Before(stop) {
		stop = start.Add(full) // the battery is full: the charger stops by itself
	}
	stop = stop.Truncate(time.Second)
	socAtStop := math.Min(100, round1(soc+power*stop.Sub(start).Hours()/(m.BatteryKWh*1000)*100))

	p := homeOrTarget(t)
	loc := client.Location{
		Latitude:  round5(p.Lat + (rng.Float64()-0.5)*0.008),
		Longitude: round5(p.Lon + (rng.Float64()-0.5)*0.016),
	}
	action := func(at time.Time, kind client.ActionType, power, current, soc float64) chargeAction {
		return chargeAction{At: at, EventID: ev.ID, ProgramID: ev.ProgramID, Payload: client.VehicleChargeActionPayload{
			PayloadType:     client.ReportPayloadVehicleChargeAction,
			ResourceID:      t.ResourceID,
			Location:        loc,
			ActionType:      kind,
			Power:           ptr(power),
			Current:         ptr(current),
			StateOfCharge:   ptr(soc),
			BatteryCapacity: ptr(m.BatteryKWh),
		}}
	}
	return []chargeAction{
		action(start, client.ActionStart, power, current, soc),
		action(stop, client.ActionStop, 0, 0, socAtStop),
	}
}

// chargeLevel is the power (W) and current (A) a vehicle charges at when
// asked for the event's per-vehicle target: at most what its on-board
// charger takes, and a few percent under the target, as chargers round down.
func chargeLevel(rng *rand.Rand, p client.EventPayload, m vehicleModel) (power, current float64) {
	phases := float64(max(m.Phases, 1))
	slack := 0.94 + 0.06*rng.Float64()
	if p.Type == client.PayloadCurrentLevel {
		current = round1(math.Min(p.Value, m.MaxCurrent) * slack)
		return math.Round(current*mainsVoltage*phases/10) * 10, current
	}
	power = math.Round(math.Min(p.Value, m.MaxCurrent*mainsVoltage*phases)*slack/10) * 10
	return power, round1(power / (mainsVoltage * phases))
}

// timeToFull is how long charging at power W takes a battery of capacity
// kWh from soc % to 100 %.
func timeToFull(soc, capacityKWh, power float64) time.Duration {
	if power <= 0 {
		return time.Duration(math.MaxInt64)
	}
	hours := (100 - soc) / 100 * capacityKWh * 1000 / power
	return time.Duration(hours * float64(time.Hour))
}

// homeOrTarget is the place a target charges at: the event's locationId.
func homeOrTarget(t client.TargetResource) place { return lookupPlace(t.LocationID) }

// streamOf derives a per-(event, vehicle) random stream, so one vehicle's
// plan does not change when another target is added or removed.
func streamOf(eventID, resourceID string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(eventID))
	h.Write([]byte{0})
	h.Write([]byte(resourceID))
	return h.Sum64()
}

// between draws a duration uniformly from [lo, hi).
func between(rng *rand.Rand, lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(rng.Int64N(int64(hi-lo)))
}

// sortActions orders actions by time, then by event, vehicle and kind
// (Start before Stop), so materialization order never depends on map order.
func sortActions(a []chargeAction) {
	slices.SortStableFunc(a, func(x, y chargeAction) int {
		return cmp.Or(
			x.At.Compare(y.At),
			cmp.Compare(x.EventID, y.EventID),
			cmp.Compare(x.Payload.ResourceID, y.Payload.ResourceID),
			cmp.Compare(x.Payload.ActionType, y.Payload.ActionType), // "Start" < "Stop"
		)
	})
}

func ptr(f float64) *float64   { return &f }
func round1(f float64) float64 { return math.Round(f*10) / 10 }
func round5(f float64) float64 { return math.Round(f*1e5) / 1e5 }
