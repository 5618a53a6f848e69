package fleet

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Analyzer keeps one event's replay current as reports arrive. Add places
// new actions and marks only the vehicles they touch; Analysis replays
// those, merges their steps into the fleet series and judges every vehicle
// at a time. A report arriving during a dispatch therefore costs one
// vehicle's replay and a linear merge, not a replay of the whole fleet.
//
// Actions of one vehicle at the same instant apply in the order they were
// added, so adding actions in several calls gives the same analysis as
// adding them all at once. An Analyzer is not safe for concurrent use; the
// Analysis values it returns are immutable and share its series.
type Analyzer struct {
	ev      client.Event
	opts    Options
	q       quantity
	window  Window
	targets []string

	tracks map[string]*track
	extras []*track // reporting vehicles the event does not target, by id
	order  []*track // targets in event order, then extras
	dirty  []*track // tracks with actions not yet replayed
	// newExtra: an add brought a vehicle the event does not target.
	newExtra bool

	eventAnomalies []Anomaly
	bad            []Anomaly // unplaceable actions, in the order added
	suspect        []Anomaly // likely unit mistakes of placed actions, in the order added
	anomalies      anomalyList
	touched        []*track       // replayed tracks that had or have anomalies, for anomalies
	index          map[string]int // resource id → position in order (shared by the analyses)

	placed      int       // actions on the timelines
	first, last time.Time // bounds of their times

	revision  uint64          // of the replay: see Analysis.Revision
	merged    []fleetChange   // every targeted vehicle's changes by (time, rank)
	fleet     Series          // the sum of merged
	delivered runningIntegral // of fleet from the start: compliance at now
	settled   runningIntegral // of fleet from the end of the randomize-start window
}

// track is one vehicle's placed actions and their replay.
type track struct {
	id        string
	rank      int      // position among the targets (-1 for extras): orders the fleet sum
	pos       int      // position in Analyzer.order
	actions   []placed // by time (stable)
	tl        timeline
	anomalies []Anomaly
	pending   bool      // has actions not yet replayed (it is in Analyzer.dirty)
	since     time.Time // the earliest of those: its changes before it hold
	judged    judgement // its result at the last now
}

// fleetChange is one change of one targeted vehicle, ordered by time,
// then rank, then its place on the vehicle's timeline, so the merged order
// (and so the floating-point sum) does not depend on the order in which
// reports arrived.
// It holds no pointer (the time is split, and the fleet series is in UTC),
// so the garbage collector never scans it.
type fleetChange struct {
	sec         int64
	nsec        int32
	rank, seq   int32 // the vehicle's rank; the change's index in its timeline
	activeDelta int32
	delta       float64
	// The fleet's sum and charging count after this change's instant, set
	// on the last change of the instant: where a partial re-sum starts.
	sumAfter    float64
	activeAfter int32
}

func newFleetChange(c change, rank, seq int) fleetChange {
	return fleetChange{sec: c.sec, nsec: c.nsec, rank: int32(rank), seq: int32(seq), activeDelta: c.activeDelta, delta: c.delta}
}

func (c fleetChange) sameTime(d fleetChange) bool { return c.sec == d.sec && c.nsec == d.nsec }

// before reports whether c comes before d: by time, rank, then sequence.
func (c fleetChange) before(d fleetChange) bool {
	if c.sec != d.sec {
		return c.sec < d.sec
	}
	if c.nsec != d.nsec {
		return c.nsec < d.nsec
	}
	if c.rank != d.rank {
		return c.rank < d.rank
	}
	return c.seq < d.seq
}

// revisions numbers replays across every Analyzer of the process.
var revisions atomic.Uint64

// NewAnalyzer starts the analysis of ev with no actions.
func NewAnalyzer(ev client.Event, opts Options) *Analyzer {
	o := opts.normalized()
	z := &Analyzer{
		ev:      ev,
		opts:    o,
		q:       quantityOf(ev.Payload.Type),
		window:  windowOf(ev.IntervalPeriod, o.Grace),
		targets: targetIDs(ev),
	}
	z.tracks = make(map[string]*track, len(z.targets))
	z.order = make([]*track, 0, len(z.targets))
	all := make([]track, len(z.targets)) // one allocation for the targets
	for i, id := range z.targets {
		tr := &all[i]
		*tr = track{id: id, rank: i, pos: i}
		tr.tl, _ = replay(nil, z.q, o)
		z.tracks[id] = tr
		z.order = append(z.order, tr)
	}
	z.eventAnomalies = eventAnomalies(ev, len(z.targets))
	z.revision = revisions.Add(1)
	return z
}

// Event is the event being analysed.
func (z *Analyzer) Event() client.Event { return z.ev }

// Add places actions on their vehicles' timelines. Actions of another event
// (EventID set and different) are skipped; actions that cannot be placed
// (no time, no resource, unknown type) become anomalies. The Analyzer keeps
// pointers into actions: the caller must not change them afterwards.
func (z *Analyzer) Add(actions []Action) {
	per := len(actions) / max(len(z.tracks), 1)
	for i := range actions {
		z.add(&actions[i], placed{at: actions[i].At, act: &actions[i]}, per)
	}
	z.settle()
}

// AddReports places the actions of reports as ActionsFromReports would
// make them, without making them: each payload at its report's
// CreatedDateTime, or at sentAt[report.ID] when that is zero. The Analyzer
// keeps pointers into reports: the caller must not change them afterwards.
func (z *Analyzer) AddReports(reports []client.Report, sentAt map[string]time.Time) {
	n := 0
	for i := range reports {
		n += len(reports[i].Payloads)
	}
	per := n / max(len(z.tracks), 1)
	for i := range reports {
		r := &reports[i]
		at := reportTime(r, sentAt)
		for k := range r.Payloads {
			x := actionOf(r, k, at) // on the stack: to judge it, not to keep
			z.add(&x, placed{at: at, rep: r, k: int32(k)}, per)
		}
	}
	z.settle()
}

// add judges x and places it as p; per is the even share of the add, to
// size a new track's list in one allocation.
func (z *Analyzer) add(x *Action, p placed, per int) {
	if x.EventID != "" && z.ev.ID != "" && x.EventID != z.ev.ID {
		return // another event's report
	}
	if bad, ok := unplaceable(*x); ok {
		z.bad = append(z.bad, bad)
		return
	}
	if s := unitAnomalies(*x); len(s) > 0 {
		z.suspect = append(z.suspect, s...)
	}
	z.count(x.At)
	tr, ok := z.tracks[x.ResourceID]
	if !ok {
		tr = &track{id: x.ResourceID, rank: -1}
		z.tracks[x.ResourceID] = tr
		z.extras = append(z.extras, tr)
		z.newExtra = true
	}
	if !tr.pending {
		tr.pending, tr.since = true, x.At
		z.dirty = append(z.dirty, tr)
	}
	if x.At.Before(tr.since) {
		tr.since = x.At
	}
	if tr.actions == nil {
		tr.actions = make([]placed, 0, max(4, per))
	}
	tr.place(p)
}

// settle orders the vehicles again after an add brought new extras.
func (z *Analyzer) settle() {
	if !z.newExtra {
		return
	}
	z.newExtra = false
	slices.SortFunc(z.extras, func(a, b *track) int { return strings.Compare(a.id, b.id) })
	z.order = append(z.order[:len(z.targets)], z.extras...)
	for i, tr := range z.extras {
		tr.pos = len(z.targets) + i
	}
	z.index = nil
	z.anomalies.invalidate() // vehicles after the new one moved
}

// count widens the span of placed actions by one action at t.
func (z *Analyzer) count(t time.Time) {
	if z.placed == 0 || t.Before(z.first) {
		z.first = t
	}
	if z.placed == 0 || t.After(z.last) {
		z.last = t
	}
	z.placed++
}

// place inserts p after every action of the track at or before its time
// (stable).
func (tr *track) place(p placed) {
	n := len(tr.actions)
	if n == 0 || !p.at.Before(tr.actions[n-1].at) {
		tr.actions = append(tr.actions, p)
		return
	}
	i := sort.Search(n, func(i int) bool { return tr.actions[i].at.After(p.at) })
	tr.actions = slices.Insert(tr.actions, i, p)
}

// Analysis brings the replays up to date and judges them at time now.
func (z *Analyzer) Analysis(now time.Time) Analysis {
	z.refresh()
	ev := z.ev
	a := Analysis{
		EventID:     ev.ID,
		EventName:   ev.Name,
		PayloadType: ev.Payload.Type,
		Unit:        z.q.unit(),
		Window:      z.window,
		Now:         now,
		Options:     z.opts,
		Targeted:    len(z.targets),
		HasTarget:   ev.Payload.HasValue,
		Revision:    z.revision,
		Fleet:       z.fleet,
		Actions:     z.placed,
		FirstAction: z.first,
		LastAction:  z.last,
		Anomalies:   z.anomalies.sync(z, z.touched),
		index:       z.indexOf(),
	}
	if a.HasTarget {
		a.VehicleTarget = ev.Payload.Value
		a.FleetTarget, _ = z.fleetTarget()
	}
	if a.Window.Valid && a.HasTarget {
		a.Target = block(a.Window.Start, a.Window.End, a.FleetTarget)
	}
	if len(z.order) > 0 {
		a.Vehicles = make([]VehicleResult, 0, len(z.order))
	}
	for _, tr := range z.order {
		v := tr.judge(now, a.Window, z.q)
		a.Derived += v.Derived
		a.Counts.add(v)
		a.Vehicles = append(a.Vehicles, v)
	}
	a.Compliance, a.AfterWindow = z.complianceAt(now)
	z.touched = z.touched[:0]
	return a
}

// ComplianceAt is Analysis(now)'s Compliance and AfterWindow without
// judging the vehicles: a headline that follows the clock every second
// costs a step of two running integrals, not an analysis.
func (z *Analyzer) ComplianceAt(now time.Time) (whole, afterWindow Compliance) {
	z.refresh()
	return z.complianceAt(now)
}

func (z *Analyzer) complianceAt(now time.Time) (whole, afterWindow Compliance) {
	fleetTarget, hasTarget := z.fleetTarget()
	whole = complianceBy(func(from, to time.Time) float64 { return z.delivered.integrate(z.fleet, from, to) },
		fleetTarget, hasTarget, z.window, now, z.q)
	if !z.window.WindowEnd.After(z.window.Start) {
		return whole, whole
	}
	afterWindow = complianceFrom(z.window.WindowEnd, func(from, to time.Time) float64 { return z.settled.integrate(z.fleet, from, to) },
		fleetTarget, hasTarget, z.window, now, z.q)
	return whole, afterWindow
}

// fleetTarget is the event's target for all its targets together, and
// whether it has one (0 when not).
func (z *Analyzer) fleetTarget() (float64, bool) {
	if !z.ev.Payload.HasValue {
		return 0, false
	}
	return z.ev.Payload.Value * float64(len(z.targets)), true
}

// indexOf maps resource ids to their position in order; the map is shared
// by every Analysis until the order changes, and never written after.
func (z *Analyzer) indexOf() map[string]int {
	if z.index == nil {
		z.index = make(map[string]int, len(z.order))
		for i, tr := range z.order {
			z.index[tr.id] = i
		}
	}
	return z.index
}

// refresh replays the tracks that gained actions and, when one of them is
// targeted, merges their new changes into the fleet series.
func (z *Analyzer) refresh() {
	if len(z.dirty) == 0 {
		return
	}
	var redo []*track // targeted tracks whose changes to replace in merged
	for _, tr := range z.dirty {
		had := len(tr.anomalies) > 0
		tr.tl, tr.anomalies = replay(tr.actions, z.q, z.opts)
		tr.pending, tr.judged = false, judgement{}
		if had || len(tr.anomalies) > 0 {
			z.touched = append(z.touched, tr)
		}
		if tr.rank >= 0 {
			redo = append(redo, tr)
		}
	}
	z.dirty = z.dirty[:0]
	z.revision = revisions.Add(1)
	if len(redo) > 0 {
		z.mergeFrom(redo)
	}
}

// mergeFrom brings merged and the fleet series up to date with the
// replayed tracks of redo. A track's changes before the earliest action it
// gained are what they were, so everything before the earliest of those
// (from) holds, and only the rest is merged and summed again: a report
// arriving at the end of the dispatch costs its own changes.
func (z *Analyzer) mergeFrom(redo []*track) {
	from := redo[0].since
	for _, tr := range redo {
		if tr.since.Before(from) {
			from = tr.since
		}
	}
	slices.SortFunc(redo, func(a, b *track) int { return cmp.Compare(a.rank, b.rank) })
	at := newFleetChange(changeAt(from, 0, 0), -1, 0)
	p := sort.Search(len(z.merged), func(i int) bool { return !z.merged[i].before(at) })
	tail := freshChanges(redo, from)
	if kept := z.keptChanges(redo, p); len(kept) > 0 {
		tail = mergeSorted(kept, tail, fleetChange.before)
	}
	if p == 0 {
		z.merged = tail
	} else {
		z.merged = append(z.merged[:p], tail...) // the Analyzer's own: overwritten in place
	}

	q := sort.Search(len(z.fleet), func(i int) bool { return !z.fleet[i].T.Before(from) })
	var prefix Series
	if q == len(z.fleet) {
		prefix = z.fleet // earlier analyses see only up to their length: append in place
	} else {
		prefix = append(make(Series, 0, q+2*instants(tail)), z.fleet[:q]...)
	}
	sum, active := 0.0, 0
	if p > 0 {
		sum, active = z.merged[p-1].sumAfter, int(z.merged[p-1].activeAfter)
	}
	z.fleet = sumChanges(prefix, z.merged[p:], sum, active)
	z.delivered.changedFrom(from)
	z.settled.changedFrom(from)
}

// keptChanges is merged from p on without the changes of the tracks in redo.
func (z *Analyzer) keptChanges(redo []*track, p int) []fleetChange {
	if p == len(z.merged) {
		return nil
	}
	drop := make([]bool, len(z.targets))
	for _, tr := range redo {
		drop[tr.rank] = true
	}
	kept := make([]fleetChange, 0, len(z.merged)-p)
	for _, c := range z.merged[p:] {
		if !drop[c.rank] {
			kept = append(kept, c)
		}
	}
	return kept
}

// freshChanges collects the changes at or after from of tracks (in rank
// order) in merged order: listed by rank then sequence, a stable sort by
// time does it.
func freshChanges(tracks []*track, from time.Time) []fleetChange {
	first := make([]int, len(tracks))
	for i, tr := range tracks {
		first[i] = sort.Search(len(tr.tl.changes), func(k int) bool { return !tr.tl.changes[k].before(from) })
	}
	return sortChangesByTime(tracks, first)
}

// sumChanges appends to s the fleet's steps from changes (in merged
// order), starting from the sum and charging count before them, and notes
// the running state on the last change of each instant. Times are in UTC:
// only the instant matters to the series. The sum is reset to exactly 0
// whenever no vehicle is charging, and a change of a billionth of the
// value is taken for a rounding error of the additions, so neither shows
// as a phantom step or residue.
func sumChanges(s Series, all []fleetChange, sum float64, active int) Series {
	if n := 2 * instants(all); cap(s)-len(s) < n {
		s = slices.Grow(s, n)
	}
	for i := 0; i < len(all); {
		first, old := all[i], sum
		for ; i < len(all) && all[i].sameTime(first); i++ {
			sum += all[i].delta
			active += int(all[i].activeDelta)
		}
		switch {
		case active == 0:
			sum = 0
		case math.Abs(sum-old) <= 1e-9*math.Abs(old):
			sum = old
		}
		all[i-1].sumAfter, all[i-1].activeAfter = sum, int32(active)
		s = s.step(time.Unix(first.sec, int64(first.nsec)).UTC(), old, sum)
	}
	return s
}

// instants counts the distinct times of changes in merged order: each
// adds at most two points to the series.
func instants(all []fleetChange) int {
	n := 0
	for i := range all {
		if i == 0 || !all[i].sameTime(all[i-1]) {
			n++
		}
	}
	return n
}
