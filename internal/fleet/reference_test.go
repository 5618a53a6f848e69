package fleet

// The analysis as it was before the Analyzer: everything replayed from
// scratch in one pass. Kept as the oracle the Analyzer is compared with.

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/ecdash/ecdash/client"
)

func refAnalyze(ev client.Event, actions []Action, now time.Time, opts Options) Analysis {
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
		acts := byVehicle[id]
		ptrs := make([]placed, len(acts))
		for i := range acts {
			ptrs[i] = placed{at: acts[i].At, act: &acts[i]}
		}
		tl, anomalies := replay(ptrs, q, o)
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
	a.Fleet = refFleetSeries(targeted)
	a.Compliance = compliance(a.Fleet, a.FleetTarget, a.HasTarget, a.Window, now, q)
	a.AfterWindow = a.Compliance
	if a.Window.WindowEnd.After(a.Window.Start) {
		a.AfterWindow = complianceFrom(a.Window.WindowEnd, a.Fleet.Integrate, a.FleetTarget, a.HasTarget, a.Window, now, q)
	}
	sort.SliceStable(a.Anomalies, func(i, j int) bool { return a.Anomalies[i].At.Before(a.Anomalies[j].At) })
	return a
}

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
func refFleetSeries(timelines []timeline) Series {
	n := 0
	for _, tl := range timelines {
		n += len(tl.changes)
	}
	all := make([]change, 0, n)
	for _, tl := range timelines {
		all = append(all, tl.changes...)
	}
	// Changes at one instant are applied together, so their order does not matter.
	at := func(c change) time.Time { return time.Unix(c.sec, int64(c.nsec)).UTC() }
	slices.SortFunc(all, func(x, y change) int { return at(x).Compare(at(y)) })
	s := make(Series, 0, 2*len(all))
	sum, active := 0.0, 0
	for i := 0; i < len(all); {
		t, old := at(all[i]), sum
		for ; i < len(all) && at(all[i]).Equal(t); i++ {
			sum += all[i].delta
			active += int(all[i].activeDelta)
		}
		if active == 0 {
			sum = 0
		}
		s = s.step(t, old, sum)
	}
	return s
}
