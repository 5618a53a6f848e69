package events

import (
	"maps"
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/sentreports"
)

// reportSet is one gathered set of the event's reports, never changed once
// made: the background fetch compares the next answer with it, so the UI
// loop only applies what changed.
type reportSet struct {
	reports   []client.Report
	sentAt    map[string]time.Time
	reported  map[reportedKey]bool       // which resource reported which payload type
	reportedV uint64                     // bumps when reported gains a key: the descriptors change
	locations map[string]client.Location // resource → where its latest report was sent from
	latest    map[string]time.Time       // resource → the time of that report
}

// reportedKey is one resource having reported one payload type.
type reportedKey struct{ resource, payloadType string }

// reportsDiff is a gathered answer compared, off the UI loop, with the set
// the fetch started from.
type reportsDiff struct {
	base, next *reportSet
	// extends: next is base with reports appended (the API never changes a
	// report once made); otherwise the analysis starts over.
	extends bool
	added   []client.Report // the added reports, when extends
	// analyzer has replayed next from scratch (when !extends) for the
	// event version the fetch started from, off the UI loop.
	analyzer *fleet.Analyzer
	eventV   uint64
}

// diffReports compares gathered reports with base (nil: none yet) and
// prepares what the UI loop applies. It runs in the fetch's goroutine.
func diffReports(base *reportSet, g sentreports.Gathered, ev client.Event, eventV uint64, opts fleet.Options, now time.Time) reportsDiff {
	next := &reportSet{reports: g.Reports, sentAt: g.SentAt}
	d := reportsDiff{base: base, next: next, eventV: eventV}
	if added, ok := appended(base, next); ok {
		d.extends = true
		// A copy: the analyzer keeps pointers into what it is given, and
		// this answer's whole list must not outlive the next one for them.
		d.added = slices.Clone(added)
		next.whoReported(base, added)
		return d
	}
	next.whoReported(nil, g.Reports)
	if base != nil {
		next.reportedV = base.reportedV + 1 // another set: described again
	}
	d.analyzer = fleet.NewAnalyzer(ev, opts)
	d.analyzer.AddReports(g.Reports, g.SentAt)
	d.analyzer.Analysis(now) // replays here rather than on the UI loop
	return d
}

// appended returns the reports of next after those of base, when next
// starts with base's reports, the same and in the same order (as a server
// lists them: by creation); false otherwise.
func appended(base, next *reportSet) ([]client.Report, bool) {
	if base == nil || len(next.reports) < len(base.reports) {
		return nil, false
	}
	for i, r := range base.reports {
		n := next.reports[i]
		if n.ID != r.ID || !n.CreatedDateTime.Equal(r.CreatedDateTime) || len(n.Payloads) != len(r.Payloads) ||
			!next.sentAt[n.ID].Equal(base.sentAt[r.ID]) {
			return nil, false
		}
	}
	return next.reports[len(base.reports):], true
}

// whoReported fills reported and locations from base's (nil: none) and
// more reports, in new maps (base's may still be read). A resource's
// location is that of its latest report; at the same time, the later one.
func (set *reportSet) whoReported(base *reportSet, more []client.Report) {
	set.reported, set.locations, set.latest = map[reportedKey]bool{}, map[string]client.Location{}, map[string]time.Time{}
	set.reportedV = 1
	if base != nil {
		set.reported = maps.Clone(base.reported)
		set.locations = maps.Clone(base.locations)
		set.latest = maps.Clone(base.latest)
		set.reportedV = base.reportedV
		defer func() {
			if len(set.reported) != len(base.reported) {
				set.reportedV++
			}
		}()
	}
	for _, r := range more {
		for _, p := range r.Payloads {
			if p.ResourceID == "" {
				continue
			}
			pt := p.PayloadType
			if pt == "" {
				pt = client.ReportPayloadVehicleChargeAction
			}
			set.reported[reportedKey{p.ResourceID, pt}] = true
			if t, ok := set.latest[p.ResourceID]; !ok || !r.CreatedDateTime.Before(t) {
				set.latest[p.ResourceID] = r.CreatedDateTime
				set.locations[p.ResourceID] = p.Location
			}
		}
	}
}
