package fleet

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// VehicleResult is one vehicle's part in the dispatch.
type VehicleResult struct {
	ResourceID   string
	Targeted     bool
	Status       Status
	StoppedEarly bool
	// StoppedAt is when a vehicle that stopped early stopped (zero otherwise).
	StoppedAt time.Time
	// FirstStart is the Start that set Status (zero for pending and silent).
	FirstStart time.Time
	// Last is the vehicle's latest action by time (nil, HasLast false, when
	// none); shared, never to be modified.
	Last    *Action
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

	// Revision names the replay behind the series, the vehicles' series
	// and the anomalies, which never change once handed out: two analyses
	// with the same Revision have the same ones (only what depends on Now
	// may differ), so a view can tell new data by it without comparing.
	Revision uint64

	Target Series // FleetTarget over [Start, End] (empty without interval or target)
	Fleet  Series // sum over targeted vehicles
	// Vehicles lists targeted vehicles in event order, then vehicles that
	// reported without being targeted, by id.
	Vehicles []VehicleResult

	Compliance Compliance
	// AfterWindow is Compliance from the end of the randomize-start window
	// (Window.WindowEnd): what the fleet delivers once every vehicle should
	// have started. It is Compliance when the event has no such window.
	AfterWindow Compliance
	Counts      Counts
	Anomalies   []Anomaly
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
// does not target are kept (StatusExtra) but left out of the fleet. It is
// an Analyzer used once; keep the Analyzer to follow a dispatch.
func Analyze(ev client.Event, actions []Action, now time.Time, opts Options) Analysis {
	z := NewAnalyzer(ev, opts)
	z.Add(actions)
	return z.Analysis(now)
}

// AnalyzeReports is Analyze of the actions of reports (see AddReports).
func AnalyzeReports(ev client.Event, reports []client.Report, sentAt map[string]time.Time, now time.Time, opts Options) Analysis {
	z := NewAnalyzer(ev, opts)
	z.AddReports(reports, sentAt)
	return z.Analysis(now)
}

// Standing is what a list of events shows of one dispatch.
type Standing struct {
	Compliance Compliance
	Counts     Counts
}

// Summarize is the Compliance and Counts of AnalyzeReports. An event no
// report is about (most of a large account's) is judged without a replay:
// every target has the same empty timeline, judged once.
func Summarize(ev client.Event, reports []client.Report, sentAt map[string]time.Time, now time.Time, opts Options) Standing {
	if len(reports) > 0 {
		a := AnalyzeReports(ev, reports, sentAt, now, opts)
		return Standing{Compliance: a.Compliance, Counts: a.Counts}
	}
	o := opts.normalized()
	q, w := quantityOf(ev.Payload.Type), windowOf(ev.IntervalPeriod, o.Grace)
	targets := countTargets(ev)
	idle := vehicleResult("", true, timeline{}, w, now, q)
	var s Standing
	for range targets {
		s.Counts.add(idle)
	}
	fleetTarget := 0.0
	if ev.Payload.HasValue {
		fleetTarget = ev.Payload.Value * float64(targets)
	}
	s.Compliance = compliance(nil, fleetTarget, ev.Payload.HasValue, w, now, q)
	return s
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

// countTargets is len(targetIDs(ev)) without making the list: Summarize
// runs for every event of a 100,000-event account.
func countTargets(ev client.Event) int {
	const few = 64 // below this, a quadratic search is cheaper than a map
	if len(ev.TargetResources) > few {
		return len(targetIDs(ev))
	}
	n := 0
	for i, t := range ev.TargetResources {
		if t.ResourceID == "" {
			continue
		}
		dup := false
		for _, u := range ev.TargetResources[:i] {
			if u.ResourceID == t.ResourceID {
				dup = true
				break
			}
		}
		if !dup {
			n++
		}
	}
	return n
}

// unplaceable returns the anomaly of an action that cannot go on a
// timeline, and whether it is one.
func unplaceable(x Action) (Anomaly, bool) {
	switch {
	case x.PayloadType != "" && x.PayloadType != client.ReportPayloadVehicleChargeAction:
		return anomalyFor(AnomalyUnknownPayload, x, x.PayloadType), true
	case x.ResourceID == "":
		return anomalyFor(AnomalyNoResource, x, string(x.Type)), true
	case x.At.IsZero():
		return anomalyFor(AnomalyUndated, x, "report "+x.ReportID+" has no createdDateTime and no recorded send time"), true
	case x.Type != client.ActionStart && x.Type != client.ActionStop:
		return anomalyFor(AnomalyUnknownAction, x, string(x.Type)), true
	}
	return Anomaly{}, false
}

func vehicleResult(id string, targeted bool, tl timeline, w Window, now time.Time, q quantity) VehicleResult {
	v := VehicleResult{
		ResourceID: id,
		Targeted:   targeted,
		Series:     tl.series,
		Actions:    tl.count,
		Derived:    tl.derived,
		Value:      tl.series.At(now),
		Charging:   tl.activeAt(now),
		Energy:     deliveredBy(tl.series, w, now, q),
	}
	if tl.count > 0 {
		v.Last, v.HasLast = tl.last, true
	}
	if targeted {
		v.Status, v.FirstStart, v.StoppedEarly = classify(tl, w, now)
		if v.StoppedEarly {
			v.StoppedAt = tl.lastStopBefore(tl.stoppedBy(w, now))
		}
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
