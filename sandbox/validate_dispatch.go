package sandbox

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Limits on what POST /events may ask for.
const (
	maxDispatchDuration = 7 * 24 * time.Hour
	// startTolerance is how far in the past a start may be: a script that
	// sends "now" reaches the sandbox a moment later. Fleet actions before
	// the request are not reported (the fleet only answers from now on).
	startTolerance = time.Minute
)

// dispatchOverrides are the members of a POST /events body; each one set
// replaces what the generator chose.
type dispatchOverrides struct {
	name, programID string
	priority        *int
	payload         *client.EventPayload // Value 0 with HasValue false: keep the generated value
	start           *time.Time
	duration        *time.Duration
	randomizeStart  *time.Duration
	targets         []string
}

// dispatchMembers are the members a POST /events body may have.
var dispatchMembers = []string{"name", "programId", "priority", "payload", "start", "duration", "randomizeStart", "targets"}

// parseDispatchRequest validates a POST /events body against the account
// and the clock. Unknown members are refused so that a typo is not
// silently replaced by a generated value.
func parseDispatchRequest(o object, resources []client.Resource, now time.Time) (dispatchOverrides, fieldErrors) {
	errs := fieldErrors{}
	var d dispatchOverrides
	for _, k := range sortedKeys(o.m) {
		if !slices.ContainsFunc(dispatchMembers, func(m string) bool { return strings.EqualFold(m, k) }) {
			errs.add(k, "is not a member of a dispatch request; allowed: %s", strings.Join(dispatchMembers, ", "))
		}
	}
	if _, present := o.raw("name"); present {
		d.name, _ = o.requiredStr(errs, "name")
	}
	d.programID, _ = o.str(errs, "programId")
	if p, ok := o.integer(errs, "priority"); ok && p != nil {
		if *p < 0 {
			errs.add("priority", "must be 0 or more, got %d", *p)
		}
		d.priority = p
	}
	if p, ok := o.child(errs, "payload"); ok {
		d.payload = parseDispatchPayload(p, errs)
	}
	if s, ok := o.str(errs, "start"); ok {
		if t, err := time.Parse(time.RFC3339Nano, s); err != nil {
			errs.add("start", "must be an RFC 3339 time such as %s, got %s", now.Add(5*time.Minute).Format(time.RFC3339), quote(s))
		} else if t.Before(now.Add(-startTolerance)) {
			errs.add("start", "is in the past (the sandbox's clock says %s): the fleet only answers events that have not started", now.Format(time.RFC3339))
		} else {
			t = t.UTC()
			d.start = &t
		}
	}
	d.duration = parseDispatchSpan(o, errs, "duration", time.Minute, maxDispatchDuration)
	d.randomizeStart = parseDispatchSpan(o, errs, "randomizeStart", 0, maxDispatchDuration)
	if d.duration != nil && d.randomizeStart != nil && *d.randomizeStart >= *d.duration {
		errs.add("randomizeStart", "must be shorter than the duration (%s)", client.FormatTimeSpan(*d.duration))
	}
	if ids, ok := o.stringList(errs, "targets"); ok {
		d.targets = parseDispatchTargets(ids, resources, errs)
	}
	return d, errs
}

// parseDispatchPayload reads {payloadType, targetPower | targetCurrent}. The
// type must be one the fleet can act on; the value, when given, must be
// the type's own and positive.
func parseDispatchPayload(p object, errs fieldErrors) *client.EventPayload {
	out := &client.EventPayload{}
	if pt, ok := p.requiredStr(errs, "payloadType"); ok {
		out.Type = client.PayloadType(pt)
		if out.Type != client.PayloadPowerLevel && out.Type != client.PayloadCurrentLevel {
			errs.add(p.field("payloadType"), "must be PowerLevel or CurrentLevel, got %s", quote(pt))
			return nil
		}
	}
	own, other := "targetPower", "targetCurrent"
	if out.Type == client.PayloadCurrentLevel {
		own, other = other, own
	}
	if _, present := p.raw(other); present {
		errs.add(p.field(other), "does not go with %s; use %s", out.Type, own)
	}
	if v, ok := p.number(errs, own); ok && v != nil {
		if *v <= 0 {
			errs.add(p.field(own), "must be more than 0, got %g", *v)
		}
		out.Value, out.HasValue = *v, true
	}
	return out
}

// parseDispatchSpan reads an optional duration member in [lo, hi]: TimeSpan
// text as the API writes it, or ISO 8601 ("PT30M"), which scripts find easier.
func parseDispatchSpan(o object, errs fieldErrors, name string, lo, hi time.Duration) *time.Duration {
	s, ok := o.str(errs, name)
	if !ok {
		return nil
	}
	d, err := client.ParseDuration(s)
	switch {
	case err != nil:
		errs.add(name, "must be a TimeSpan such as \"00:30:00\" (or ISO 8601 such as \"PT30M\"), got %s", quote(s))
		return nil
	case d < lo || d > hi:
		errs.add(name, "must be between %s and %s, got %s", client.FormatTimeSpan(lo), client.FormatTimeSpan(hi), quote(s))
		return nil
	}
	return &d
}

// parseDispatchTargets checks a list of resourceIds: at least one, each
// enrolled, none twice.
func parseDispatchTargets(ids []string, resources []client.Resource, errs fieldErrors) []string {
	if len(ids) == 0 {
		errs.add("targets", "must name at least one enrolled resourceId (or be left out to pick 5-20)")
		return nil
	}
	seen := map[string]bool{}
	for i, id := range ids {
		field := fmt.Sprintf("targets[%d]", i)
		switch {
		case seen[id]:
			errs.add(field, "%s is listed twice", quote(id))
		case !slices.ContainsFunc(resources, func(r client.Resource) bool { return r.ResourceID == id }):
			errs.add(field, "%s is not an enrolled resourceId", quote(id))
		}
		seen[id] = true
	}
	return ids
}

// apply puts the overrides on a generated event. The caller has validated
// them against the same resources.
func (d dispatchOverrides) apply(ev *client.Event, resources []client.Resource) {
	if d.name != "" {
		ev.Name = d.name
	}
	if d.programID != "" {
		ev.ProgramID = d.programID
	}
	if d.priority != nil {
		p := *d.priority
		ev.Priority = &p
	}
	if d.payload != nil {
		generated := ev.Payload
		ev.Payload = *d.payload
		if !ev.Payload.HasValue {
			ev.Payload.Value, ev.Payload.HasValue = matchingValue(generated, d.payload.Type), true
		}
	}
	iv := &ev.IntervalPeriod
	if d.start != nil {
		iv.Start = *d.start
	}
	if d.duration != nil {
		iv.Duration = *d.duration
	}
	if d.randomizeStart != nil {
		iv.RandomizeStart = *d.randomizeStart
	}
	if iv.RandomizeStart >= iv.Duration {
		iv.RandomizeStart = 0 // a generated window that the chosen duration no longer fits
	}
	if d.targets != nil {
		ev.TargetResources = targetsOf(d.targets, resources)
		ev.ReportDescriptors = chargeActionDescriptor(ev.TargetResources)
	}
}

// matchingValue is a generated target for the payload type asked for: the
// generated one when the types agree, else a typical value of that type.
func matchingValue(generated client.EventPayload, want client.PayloadType) float64 {
	switch {
	case generated.Type == want:
		return generated.Value
	case want == client.PayloadCurrentLevel:
		return 10
	default:
		return 7400
	}
}

// targetsOf turns resourceIds into targets at their owners' homes, in
// resourceId order as the seed lists them.
func targetsOf(ids []string, resources []client.Resource) []client.TargetResource {
	out := make([]client.TargetResource, 0, len(ids))
	for _, r := range resources {
		if slices.Contains(ids, r.ResourceID) {
			out = append(out, client.TargetResource{ResourceID: r.ResourceID, LocationID: homeOf(r.UserID).ID})
		}
	}
	slices.SortFunc(out, func(a, b client.TargetResource) int { return strings.Compare(a.ResourceID, b.ResourceID) })
	return out
}
