package events

import (
	"hash/fnv"
	"hash/maphash"
	"strconv"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
)

// complianceIndex is the Events list's compliance column: per active or
// past event, delivered against target and who answered, from the reports
// the dashboard knows (the Store's GET /reports list where the server
// offers it, plus the local record of reports sent). Row runs every second
// for every event, so cells are cached: a past event's cell is recomputed
// only when the reports or the event change, an active one's also once a
// minute (its elapsed part grows).
type complianceIndex struct {
	opts fleet.Options

	storeReports []client.Report // the Store's reports when last grouped
	reportsAt    uint64          // the Store's version of them
	offered      bool
	loaded       bool
	record       recordSnapshot

	version uint64 // bumps whenever the merged reports change
	grouped uint64 // version byEvent was built at
	byEvent map[string][]client.Report
	prints  map[string]uint64 // per event, a fingerprint of its reports when last grouped
	cells   map[string]cellFacts
}

// complianceCell is what one event's row shows in the Compliance and
// Silent columns.
type complianceCell struct {
	text, sort         string // the Compliance column
	silent, silentSort string // the Silent column: blank when none is silent
}

// cellFacts is what a cell is made from, kept per event (100,000 events:
// a few numbers each, the text is made when a row is): the hash of the
// cellKey it was computed for, and the analysis' counts.
type cellFacts struct {
	key                       uint64
	kind                      cellKind
	hasPercent                bool
	percent                   float64
	started, targeted, silent int32
}

type cellKind uint8

const (
	cellAnalysed  cellKind = iota
	cellWaiting            // the reports list has not answered yet
	cellNoReports          // the server cannot list reports and we sent none
)

// cell makes the texts and sort keys. Compliance reads "83% 12/15":
// delivered against target over the elapsed interval, and the vehicles
// that started (on time or late) of those targeted; the silent count has
// a column of its own.
func (f cellFacts) cell() complianceCell {
	switch f.kind {
	case cellWaiting:
		return complianceCell{text: "…"}
	case cellNoReports:
		return complianceCell{text: present.None}
	}
	pct, pctSort := present.None, -1.0
	if f.hasPercent {
		pct, pctSort = present.Number(f.percent, 0)+"%", f.percent
	}
	c := complianceCell{
		text:       pct + " " + strconv.Itoa(int(f.started)) + "/" + strconv.Itoa(int(f.targeted)),
		sort:       present.SortNumber(pctSort),
		silentSort: present.SortNumber(float64(f.silent)),
	}
	if f.silent > 0 {
		c.silent = strconv.Itoa(int(f.silent))
	}
	return c
}

// cellKey is what a cell depends on: the reports, the event (its
// modification time and the fields the analysis reads) and, while the
// event runs, the minute.
type cellKey struct {
	version          uint64
	mod              time.Time
	raw              int
	status           fleet.EventStatus
	start            time.Time
	duration, window time.Duration
	target           float64
	targets          int
	minute           int64 // only for active events
}

var cellSeed = maphash.MakeSeed()

func newComplianceIndex() *complianceIndex {
	return &complianceIndex{opts: fleet.DefaultOptions(), version: 1, cells: map[string]cellFacts{}}
}

// setRecord takes a fresh read of the local record.
func (x *complianceIndex) setRecord(s recordSnapshot) {
	x.record = s
	x.version++
}

// refresh notices a new reports list in the Store (by its version), and
// returns the events whose cells changed (all: every event's may have).
func (x *complianceIndex) refresh(store state.Store) (events []string, all bool) {
	v := store.Version(state.Reports)
	if v == x.reportsAt && v != 0 {
		return nil, false
	}
	x.reportsAt = v
	offered, loaded := store.ReportsOffered(), store.Loaded(state.Reports)
	all = offered != x.offered || loaded != x.loaded
	x.storeReports, x.offered, x.loaded = store.Reports(), offered, loaded
	x.version++
	return x.regroup(), all
}

// regroup groups the reports again and returns the events whose reports
// differ from the last grouping.
func (x *complianceIndex) regroup() []string {
	x.group()
	old := x.prints
	x.prints = make(map[string]uint64, len(x.byEvent))
	var changed []string
	for id, reps := range x.byEvent {
		p := reportsPrint(reps, x.record.sentAt)
		x.prints[id] = p
		if q, ok := old[id]; !ok || q != p {
			changed = append(changed, id)
		}
	}
	for id := range old {
		if _, ok := x.prints[id]; !ok {
			changed = append(changed, id)
		}
	}
	return changed
}

// group merges the Store's reports and the record's by id (the server's
// copy wins, with the record's payloads where the server sent none) and
// splits them per event.
func (x *complianceIndex) group() {
	if x.grouped == x.version {
		return
	}
	x.byEvent = mergeReports(x.storeReports, x.record.reports)
	x.grouped = x.version
}

func mergeReports(server, local []client.Report) map[string][]client.Report {
	type slot struct {
		event string
		pos   int
	}
	out := map[string][]client.Report{}
	where := map[string]slot{} // report id → where it was put
	for _, r := range server {
		if _, dup := where[r.ID]; dup && r.ID != "" {
			continue
		}
		where[r.ID] = slot{r.EventID, len(out[r.EventID])}
		out[r.EventID] = append(out[r.EventID], r)
	}
	for _, r := range local {
		if at, known := where[r.ID]; known && r.ID != "" {
			if kept := &out[at.event][at.pos]; len(kept.Payloads) == 0 {
				kept.Payloads = r.Payloads
			}
			continue
		}
		where[r.ID] = slot{r.EventID, len(out[r.EventID])}
		out[r.EventID] = append(out[r.EventID], r)
	}
	return out
}

// cell returns the Compliance and Silent cells for ev at now; upcoming
// events have neither.
func (x *complianceIndex) cell(ev client.Event, st fleet.EventStatus, now time.Time) complianceCell {
	if st != fleet.EventActive && st != fleet.EventDone {
		return complianceCell{}
	}
	return x.compute(ev, st, now)
}

func (x *complianceIndex) compute(ev client.Event, st fleet.EventStatus, now time.Time) complianceCell {
	p := ev.IntervalPeriod
	key := cellKey{
		version: x.version, mod: ev.ModificationDateTime, raw: len(ev.Raw), status: st,
		start: p.Start, duration: p.Duration, window: p.RandomizeStart,
		target: ev.Payload.Value, targets: len(ev.TargetResources),
	}
	if st == fleet.EventActive {
		key.minute = now.Unix() / 60
	}
	h := maphash.Comparable(cellSeed, key)
	if f, ok := x.cells[ev.ID]; ok && f.key == h {
		return f.cell()
	}
	x.group()
	reports := x.byEvent[ev.ID]
	f := cellFacts{key: h}
	switch {
	case !x.loaded && x.record.reports == nil:
		f.kind = cellWaiting
	case len(reports) == 0 && !x.offered:
		f.kind = cellNoReports
	default:
		a := fleet.Summarize(ev, reports, x.record.sentAt, now, x.opts)
		f.hasPercent, f.percent = a.Compliance.HasPercent, a.Compliance.Percent
		f.started, f.targeted = int32(a.Counts.Responded+a.Counts.Late), int32(a.Counts.Targeted)
		f.silent = int32(a.Counts.Silent)
	}
	x.cells[ev.ID] = f
	return f.cell()
}

// reportsPrint hashes what of a report set the analysis uses.
func reportsPrint(reports []client.Report, sentAt map[string]time.Time) uint64 {
	h := fnv.New64a()
	for _, r := range reports {
		h.Write([]byte(r.ID))
		h.Write([]byte{0})
		h.Write([]byte(strconv.FormatInt(r.CreatedDateTime.UnixNano(), 36)))
		h.Write([]byte(strconv.FormatInt(sentAt[r.ID].UnixNano(), 36)))
		h.Write([]byte(strconv.Itoa(len(r.Payloads))))
		h.Write([]byte{1})
	}
	return h.Sum64()
}
