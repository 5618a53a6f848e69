package fleet

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/ecdash/ecdash/client"
)

// VehicleResult is one vehicle's part in the dispatch.
type VehicleResult struct {
	ResourceID   string
	Targeted     bool
	Status       Status
	StoppedEarly bool
	// FirstStart is the Start that set Status (zero for pending and silent).
	FirstStart time.Time
	// Last is the vehicle's latest action by time (HasLast false when none).
	Last    Action
	HasLast bool
	// Value is what the vehicle's reports put in effect at now (W or A), and
	// Charging whether it is between a Start and a Stop then.
	Value    float64
	Charging bool
	Series   Series  // value over time, in the event's unit
	Actions  int     // actions placed on the timeline
	Derived  int     // values converted from the other quantity
	Energy   float64 // over the elapsed interval, in Compliance.Unit
}

// Counts sums the statuses of the targeted vehicles, for the Events list.
type Counts struct {
	Targeted, Responded, Late, Silent, Pending, StoppedEarly int
	Extra                                                    int // reporting vehicles the event does not target
}

// Analysis is everything derived from one event and its actions at one time.
// The series do not depend on now (only statuses, values at now and
// compliance do), so an unchanged set of reports gives identical series.
type Analysis struct {
	EventID     string
	EventName   string
	PayloadType client.PayloadType
	Unit        string // of every series value: "W" or "A"
	Window      Window
	Now         time.Time
	Options     Options

	Targeted      int     // distinct targeted resources (N)
	HasTarget     bool    // the event has a target value
	VehicleTarget float64 // the event's value, which is per vehicle
	FleetTarget   float64 // VehicleTarget × N

	Target Series // FleetTarget over [Start, End] (empty without interval or target)
	Fleet  Series // sum over targeted vehicles
	// Vehicles lists targeted vehicles in event order, then vehicles that
	// reported without being targeted, by id.
	Vehicles []VehicleResult

	Compliance Compliance
	Counts     Counts
	Anomalies  []Anomaly
	// Actions is how many actions were placed on the timeline; FirstAction
	// and LastAction bound them (zero when Actions is 0).
	Actions                 int
	FirstAction, LastAction time.Time
	Derived                 int // values converted from the other quantity

	index map[string]int // resource id → position in Vehicles
}

// VehicleTargetSeries is the per-vehicle target over [Start, End].
func (a Analysis) VehicleTargetSeries() Series {
	if !a.Window.Valid || !a.HasTarget {
		return nil
	}
	return block(a.Window.Start, a.Window.End, a.VehicleTarget)
}

// Vehicle returns the result for one resource id.
func (a Analysis) Vehicle(id string) (VehicleResult, bool) {
	if i, ok := a.index[id]; ok {
		return a.Vehicles[i], true
	}
	return VehicleResult{}, false
}

// Analyze replays the actions reported for ev and judges them at time now.
// Actions of another event (EventID set and different) are skipped; actions
// that cannot be placed (no time, no resource, unknown type) are listed as
// anomalies. Actions outside the interval stay on the timeline and in the
// series; compliance counts only the elapsed interval. Vehicles the event
// does not target are kept (StatusExtra) but left out of the fleet.
func Analyze(ev client.Event, actions []Action, now time.Time, opts Options) Analysis {
	o := opts.normalized()
	q := quantityOf(ev.Payload.Type)
	targets := targetIDs(ev)
	a := Analysis{
		EventID:       ev.ID,
		EventName:     ev.Name,
		PayloadType:   ev.Payload.Type,
		Unit:          q.unit(),
		Window:        windowOf(ev.IntervalPeriod, o.Grace),
		Now:           now,
		Options:       o,
		Targeted:      len(targets),
		HasTarget:     ev.Payload.HasValue,
		VehicleTarget: ev.Payload.Value,
		FleetTarget:   ev.Payload.Value * float64(len(targets)),
	}
	if !a.HasTarget {
		a.VehicleTarget, a.FleetTarget = 0, 0
	}
	if a.Window.Valid && a.HasTarget {
		a.Target = block(a.Window.Start, a.Window.End, a.FleetTarget)
	}
	a.Anomalies = eventAnomalies(ev, len(targets))

	valid, bad := placeable(ev.ID, actions)
	a.Anomalies = append(a.Anomalies, bad...)
	valid = sortByTime(valid)
	a.Actions = len(valid)
	if len(valid) > 0 {
		a.FirstAction, a.LastAction = valid[0].At, valid[len(valid)-1].At
	}

	byVehicle := groupByVehicle(valid)
	for _, x := range valid {
		a.Anomalies = append(a.Anomalies, unitAnomalies(x)...)
	}
	isTarget := make(map[string]bool, len(targets))
	for _, id := range targets {
		isTarget[id] = true
	}
	var extras []string
	for id := range byVehicle {
		if !isTarget[id] {
			extras = append(extras, id)
		}
	}
	sort.Strings(extras)

	targeted := make([]timeline, 0, len(targets))
	a.index = make(map[string]int, len(targets)+len(extras))
	for _, id := range append(append([]string{}, targets...), extras...) {
		tl, anomalies := replay(byVehicle[id], q, o)
		a.Anomalies = append(a.Anomalies, anomalies...)
		v := vehicleResult(id, isTarget[id], tl, a.Window, now, q)
		if v.Targeted {
			targeted = append(targeted, tl)
		}
		a.Derived += v.Derived
		a.Counts.add(v)
		a.index[id] = len(a.Vehicles)
		a.Vehicles = append(a.Vehicles, v)
	}
	a.Fleet = fleetSeries(targeted)
	a.Compliance = compliance(a.Fleet, a.FleetTarget, a.HasTarget, a.Window, now, q)
	sort.SliceStable(a.Anomalies, func(i, j int) bool { return a.Anomalies[i].At.Before(a.Anomalies[j].At) })
	return a
}

// targetIDs returns the event's distinct non-empty target resource ids in order.
func targetIDs(ev client.Event) []string {
	seen := make(map[string]bool, len(ev.TargetResources))
	ids := make([]string, 0, len(ev.TargetResources))
	for _, t := range ev.TargetResources {
		if t.ResourceID != "" && !seen[t.ResourceID] {
			seen[t.ResourceID] = true
			ids = append(ids, t.ResourceID)
		}
	}
	return ids
}

// placeable keeps the actions of event eventID that can go on a timeline and
// lists the others as anomalies.
func placeable(eventID string, actions []Action) (valid []Action, bad []Anomaly) {
	valid = make([]Action, 0, len(actions))
	for _, x := range actions {
		if x.EventID != "" && eventID != "" && x.EventID != eventID {
			continue // another event's report
		}
		switch {
		case x.PayloadType != "" && x.PayloadType != client.ReportPayloadVehicleChargeAction:
			bad = append(bad, anomalyFor(AnomalyUnknownPayload, x, x.PayloadType))
		case x.ResourceID == "":
			bad = append(bad, anomalyFor(AnomalyNoResource, x, string(x.Type)))
		case x.At.IsZero():
			bad = append(bad, anomalyFor(AnomalyUndated, x, "report "+x.ReportID+" has no createdDateTime and no recorded send time"))
		case x.Type != client.ActionStart && x.Type != client.ActionStop:
			bad = append(bad, anomalyFor(AnomalyUnknownAction, x, string(x.Type)))
		default:
			valid = append(valid, x)
		}
	}
	return valid, bad
}

func vehicleResult(id string, targeted bool, tl timeline, w Window, now time.Time, q quantity) VehicleResult {
	v := VehicleResult{
		ResourceID: id,
		Targeted:   targeted,
		Series:     tl.series,
		Actions:    len(tl.actions),
		Derived:    tl.derived,
		Value:      tl.series.At(now),
		Charging:   tl.activeAt(now),
		Energy:     deliveredBy(tl.series, w, now, q),
	}
	if n := len(tl.actions); n > 0 {
		v.Last, v.HasLast = tl.actions[n-1], true
	}
	if targeted {
		v.Status, v.FirstStart, v.StoppedEarly = classify(tl, w, now)
	} else {
		v.Status = StatusExtra
	}
	return v
}

func (c *Counts) add(v VehicleResult) {
	if !v.Targeted {
		c.Extra++
		return
	}
	c.Targeted++
	switch v.Status {
	case StatusResponded:
		c.Responded++
	case StatusLate:
		c.Late++
	case StatusSilent:
		c.Silent++
	case StatusPending:
		c.Pending++
	}
	if v.StoppedEarly {
		c.StoppedEarly++
	}
}

// sortByTime orders actions by time, keeping the input order of actions at
// the same instant (a stable sort, done on small keys: Action is large).
func sortByTime(actions []Action) []Action {
	if slices.IsSortedFunc(actions, func(x, y Action) int { return x.At.Compare(y.At) }) {
		return actions
	}
	type key struct {
		at  int64
		idx int
	}
	keys := make([]key, len(actions))
	for i, x := range actions {
		keys[i] = key{x.At.UnixNano(), i}
	}
	slices.SortFunc(keys, func(x, y key) int { return cmp.Or(cmp.Compare(x.at, y.at), cmp.Compare(x.idx, y.idx)) })
	out := make([]Action, len(actions))
	for i, k := range keys {
		out[i] = actions[k.idx]
	}
	return out
}

// groupByVehicle splits time-ordered actions per resource, keeping the
// order, with one allocation for all groups.
func groupByVehicle(actions []Action) map[string][]Action {
	count := map[string]int{}
	for _, x := range actions {
		count[x.ResourceID]++
	}
	backing := make([]Action, 0, len(actions))
	groups := make(map[string][]Action, len(count))
	for _, x := range actions {
		g, ok := groups[x.ResourceID]
		if !ok {
			n := count[x.ResourceID]
			g = backing[len(backing) : len(backing) : len(backing)+n]
			backing = backing[:len(backing)+n]
		}
		groups[x.ResourceID] = append(g, x)
	}
	return groups
}
