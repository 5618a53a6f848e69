package events

import (
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
	cells   map[string]complianceCell
}

// complianceCell is one event's cell and what it was computed from.
type complianceCell struct {
	key                cellKey
	text, sort         string // the Compliance column
	silent, silentSort string // the Silent column: blank when none is silent
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

func newComplianceIndex() *complianceIndex {
	return &complianceIndex{opts: fleet.DefaultOptions(), version: 1, cells: map[string]complianceCell{}}
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
	if c, ok := x.cells[ev.ID]; ok && c.key == key {
		return c
	}
	x.group()
	reports := x.byEvent[ev.ID]
	c := complianceCell{key: key}
	switch {
	case !x.loaded && x.record.reports == nil:
		c.text = "…" // the reports list has not answered yet
	case len(reports) == 0 && !x.offered:
		c.text = present.None // the server cannot list reports and we sent none
	default:
		a := fleet.Analyze(ev, fleet.ActionsFromReports(reports, x.record.sentAt), now, x.opts)
		c.text = complianceText(a)
		pct := -1.0
		if a.Compliance.HasPercent {
			pct = a.Compliance.Percent
		}
		c.sort = present.SortNumber(pct)
		if n := a.Counts.Silent; n > 0 {
			c.silent = strconv.Itoa(n)
		}
		c.silentSort = present.SortNumber(float64(a.Counts.Silent))
	}
	x.cells[ev.ID] = c
	return c
}

// complianceText is "83% 12/15": delivered against target over the elapsed
// interval, and the vehicles that started (on time or late) of those
// targeted. The silent count has a column of its own.
func complianceText(a fleet.Analysis) string {
	pct := present.None
	if a.Compliance.HasPercent {
		pct = present.Number(a.Compliance.Percent, 0) + "%"
	}
	c := a.Counts
	return pct + " " + strconv.Itoa(c.Responded+c.Late) + "/" + strconv.Itoa(c.Targeted)
}
