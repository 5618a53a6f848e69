package fleet

import "github.com/ecdash/ecdash/client"

// Overlap is another event whose interval overlaps an event's and that
// targets some of the same vehicles. Each event's fleet totals count those
// vehicles in full, as the API asks each event of them.
type Overlap struct {
	Event  client.Event
	Shared []string // resource ids both events target, in the first event's order
}

// Overlaps lists the events of all whose intervals overlap ev's and that
// share targets with it, in all's order. Events without an interval overlap
// nothing. The time test comes first: a 100,000-event list costs a pass of
// comparisons, and the targets of the few that overlap.
func Overlaps(ev client.Event, all []client.Event) []Overlap {
	p := ev.IntervalPeriod
	if p.Start.IsZero() || p.Duration <= 0 {
		return nil
	}
	start, end := p.Start, p.End()
	var out []Overlap
	var mine []string
	for _, o := range all {
		q := o.IntervalPeriod
		if o.ID == ev.ID || q.Start.IsZero() || q.Duration <= 0 || !q.Start.Before(end) || !start.Before(q.End()) {
			continue
		}
		if mine == nil {
			mine = targetIDs(ev)
		}
		theirs := map[string]bool{}
		for _, t := range o.TargetResources {
			theirs[t.ResourceID] = true
		}
		var shared []string
		for _, id := range mine {
			if theirs[id] {
				shared = append(shared, id)
			}
		}
		if len(shared) > 0 {
			out = append(out, Overlap{Event: o, Shared: shared})
		}
	}
	return out
}
