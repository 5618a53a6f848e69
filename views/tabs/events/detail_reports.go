package events

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/sentreports"
)

// reportSet is one gathered set of the event's reports, never changed once
// made: the background fetch compares the next answer with it, so the UI
// loop only applies what changed.
type reportSet struct {
	reports []client.Report
	sentAt  map[string]time.Time
	prints  map[string]uint64 // report id → print of what the screen uses of it
	// reported and locations: per resource, the payload types it reported
	// and where its latest report was sent from.
	reported  map[string]map[string]bool
	locations map[string]client.Location
}

// reportsDiff is a gathered answer compared, off the UI loop, with the set
// the fetch started from.
type reportsDiff struct {
	base, next *reportSet
	// extends: next is base plus added, appended; otherwise (a report
	// changed, went away, or there was no base) the analysis starts over.
	extends bool
	added   []fleet.Action // the added reports' actions, when extends
	// Analyzer is the analysis of next from scratch (when !extends) for
	// the event version the fetch started from, built off the UI loop.
	analyzer *fleet.Analyzer
	eventV   uint64
}

// printSeed makes report prints comparable within one process.
var printSeed = maphash.MakeSeed()

// diffReports compares gathered reports with base (nil: none yet) and
// prepares what the UI loop applies. It runs in the fetch's goroutine.
func diffReports(base *reportSet, g sentreports.Gathered, ev client.Event, eventV uint64, opts fleet.Options) reportsDiff {
	next := &reportSet{reports: g.Reports, sentAt: g.SentAt, prints: make(map[string]uint64, len(g.Reports))}
	var h maphash.Hash
	h.SetSeed(printSeed)
	for _, r := range g.Reports {
		next.prints[r.ID] = reportPrint(&h, r, g.SentAt[r.ID])
	}
	d := reportsDiff{base: base, next: next, eventV: eventV}
	if added, ok := appended(base, next); ok {
		d.extends = true
		d.added = fleet.ActionsFromReports(added, g.SentAt)
	}
	next.reported, next.locations = whoReported(g.Reports) // off the UI loop: from scratch is fine
	if d.extends {
		return d
	}
	d.analyzer = fleet.NewAnalyzer(ev, opts)
	d.analyzer.Add(fleet.ActionsFromReports(g.Reports, g.SentAt))
	return d
}

// appended returns the reports of next that base lacks, when next is base
// with only reports added (each report of base still there, unchanged, and
// every id once).
func appended(base, next *reportSet) ([]client.Report, bool) {
	if base == nil || len(next.prints) != len(next.reports) || len(next.reports) < len(base.reports) {
		return nil, false
	}
	var added []client.Report
	for _, r := range next.reports {
		p, known := base.prints[r.ID]
		switch {
		case !known:
			added = append(added, r)
		case p != next.prints[r.ID]:
			return nil, false // a known report changed
		}
	}
	if len(next.reports)-len(added) != len(base.reports) {
		return nil, false // one went away
	}
	return added, true
}

// reportPrint hashes what the screen uses of a report: its id, times and
// every payload.
func reportPrint(h *maphash.Hash, r client.Report, sentAt time.Time) uint64 {
	h.Reset()
	str := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.WriteString(s)
	}
	num := func(v uint64) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], v)
		h.Write(b[:])
	}
	opt := func(p *float64) {
		if p == nil {
			num(1<<64 - 1)
			h.WriteByte(0)
			return
		}
		num(math.Float64bits(*p))
		h.WriteByte(1)
	}
	str(r.ID)
	str(r.EventID)
	num(uint64(r.CreatedDateTime.UnixNano()))
	num(uint64(sentAt.UnixNano()))
	num(uint64(len(r.Payloads)))
	for _, p := range r.Payloads {
		str(p.PayloadType)
		str(p.ResourceID)
		str(string(p.ActionType))
		num(math.Float64bits(p.Location.Latitude))
		num(math.Float64bits(p.Location.Longitude))
		opt(p.Current)
		opt(p.Power)
		opt(p.StateOfCharge)
		opt(p.BatteryCapacity)
	}
	return h.Sum64()
}

// whoReported lists, per resource, the payload types it reported and
// where its latest report was sent from.
func whoReported(reports []client.Report) (map[string]map[string]bool, map[string]client.Location) {
	types := map[string]map[string]bool{}
	locs := map[string]client.Location{}
	latest := map[string]time.Time{}
	for _, r := range reports {
		for _, p := range r.Payloads {
			if p.ResourceID == "" {
				continue
			}
			pt := p.PayloadType
			if pt == "" {
				pt = client.ReportPayloadVehicleChargeAction
			}
			if types[p.ResourceID] == nil {
				types[p.ResourceID] = map[string]bool{}
			}
			types[p.ResourceID][pt] = true
			if t, ok := latest[p.ResourceID]; !ok || !r.CreatedDateTime.Before(t) {
				latest[p.ResourceID] = r.CreatedDateTime
				locs[p.ResourceID] = p.Location
			}
		}
	}
	return types, locs
}
