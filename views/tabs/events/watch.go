package events

import (
	"slices"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
)

// activeWatch follows every active event, whichever tab is shown, from the
// reports the dashboard knows (the compliance index's: GET /reports where
// the server lists them, and the local record): the strips above the
// Events list, and the alerts when a targeted vehicle falls silent or
// stops early. The shell calls it every second; what it costs then is a
// lookup per active event. An event's analysis is made again only when its
// reports or the event change, at its phases (the response deadline turns
// vehicles silent), each minute, or when the clock reaches a step of its
// fleet dated ahead of the last analysis.
type activeWatch struct {
	eventsAt uint64    // the Store's version of the events when last scanned
	rescanAt time.Time // the next start or end among the events (zero: none)
	scanned  bool
	active   []client.Event // in the Events list's order (the soonest end first), then by id
	// overlaps are, per active event, the other active events that ask
	// some of its vehicles at the same time.
	overlaps  map[string][]fleet.Overlap
	following map[string]*followed
}

// followed is one active event's analysis and who needed attention at it.
type followed struct {
	ev        client.Event
	print     uint64 // of its reports when the analyzer was made
	z         *fleet.Analyzer
	a         fleet.Analysis
	key       watchKey
	nextStep  time.Time
	attention []fleet.Attention
	// flagged is who needed attention at the last analysis: a vehicle new
	// to it is an alert. The first analysis only learns it.
	flagged map[string]fleet.Status
}

type watchKey struct {
	print  uint64
	minute int64
	phase  int
}

func newActiveWatch() *activeWatch { return &activeWatch{following: map[string]*followed{}} }

// advance brings every active event to now and returns the alerts that
// arose: "⚠ 12-05 07:00 Morning peak: ev-0021 silent (no Start by 07:15)".
func (w *activeWatch) advance(store state.Store, x *complianceIndex, now time.Time, loc *time.Location) []string {
	if store == nil {
		return nil
	}
	v := store.Version(state.Events)
	changed := !w.scanned || v != w.eventsAt
	if changed || (!w.rescanAt.IsZero() && !now.Before(w.rescanAt)) {
		w.scan(store.Events(), now)
		w.eventsAt, w.scanned = v, true
	}
	if !x.loaded && x.record.reports == nil {
		return nil // no reports known yet: every vehicle would read silent
	}
	x.group()
	var alerts []string
	for _, ev := range w.active {
		f := w.following[ev.ID]
		if f == nil {
			f = &followed{}
			w.following[ev.ID] = f
		}
		if text := f.advance(ev, changed, x, now, loc); text != "" {
			alerts = append(alerts, text)
		}
	}
	return alerts
}

// scan finds the active events and when that next changes. It is a pass
// over the events, made only when they or that moment change.
func (w *activeWatch) scan(events []client.Event, now time.Time) {
	w.active, w.rescanAt = w.active[:0], time.Time{}
	soonest := func(t time.Time) {
		if t.After(now) && (w.rescanAt.IsZero() || t.Before(w.rescanAt)) {
			w.rescanAt = t
		}
	}
	for i := range events {
		ev := &events[i]
		p := ev.IntervalPeriod
		switch st, _ := fleet.StatusOf(*ev, now); st {
		case fleet.EventUpcoming:
			soonest(p.Start)
		case fleet.EventActive:
			w.active = append(w.active, *ev)
			if p.Duration > 0 {
				soonest(p.End())
			}
		}
	}
	slices.SortFunc(w.active, func(a, b client.Event) int {
		if c := strings.Compare(listOrder(a, fleet.EventActive), listOrder(b, fleet.EventActive)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	w.overlaps = map[string][]fleet.Overlap{}
	for _, ev := range w.active {
		if o := fleet.Overlaps(ev, w.active); len(o) > 0 {
			w.overlaps[ev.ID] = o
		}
	}
	for id := range w.following {
		if !slices.ContainsFunc(w.active, func(ev client.Event) bool { return ev.ID == id }) {
			delete(w.following, id) // ended or gone
		}
	}
}

// advance analyses the event again when something it depends on changed
// (evChanged: the events did, so ev may have), and returns the alert for
// the vehicles that came to need attention.
func (f *followed) advance(ev client.Event, evChanged bool, x *complianceIndex, now time.Time, loc *time.Location) string {
	print := x.prints[ev.ID]
	if f.z == nil || print != f.print || (evChanged && !sameEvent(ev, f.ev)) {
		f.z = fleet.NewAnalyzer(ev, x.opts)
		f.z.AddReports(x.byEvent[ev.ID], x.record.sentAt)
		f.ev, f.print, f.key = ev, print, watchKey{}
	}
	k := watchKey{print: print, minute: now.Unix() / 60, phase: phaseOf(ev, x.opts.Grace, now)}
	if f.key == k && (f.nextStep.IsZero() || now.Before(f.nextStep)) {
		return ""
	}
	f.key = k
	f.a = f.z.Analysis(now)
	f.attention = f.a.NeedsAttention()
	f.nextStep = time.Time{}
	if i := f.a.Fleet.Count(now); i < len(f.a.Fleet) {
		f.nextStep = f.a.Fleet[i].T
	}
	first := f.flagged == nil
	flagged := make(map[string]fleet.Status, len(f.attention))
	var silent, stopped []string
	for _, at := range f.attention {
		flagged[at.ResourceID] = at.Why
		if first || f.flagged[at.ResourceID] == at.Why {
			continue
		}
		if at.Why == fleet.StatusSilent {
			silent = append(silent, at.ResourceID)
		} else {
			stopped = append(stopped, at.ResourceID)
		}
	}
	f.flagged = flagged
	return vehicleAlert(ev, silent, stopped, loc)
}

// moment is the event's strip facts at now.
func (f *followed) moment(now time.Time) fleet.Moment {
	whole, _ := f.z.ComplianceAt(now)
	return fleet.MomentOf(f.a, f.attention, stripShown, whole, now)
}

// vehicleAlert says which vehicles of ev fell silent or stopped early:
// "⚠ 03-04 18:10 Evening peak: ev-0005 silent · 2 stopped early: ev-0001,
// ev-0002" ("" when none did).
func vehicleAlert(ev client.Event, silent, stopped []string, loc *time.Location) string {
	var parts []string
	for _, g := range []struct {
		ids  []string
		what string
	}{{silent, "silent"}, {stopped, "stopped early"}} {
		switch n := len(g.ids); {
		case n == 1:
			parts = append(parts, g.ids[0]+" "+g.what)
		case n > 1:
			shown := g.ids[:min(n, 3)]
			text := plural(n, "vehicle") + " " + g.what + ": " + strings.Join(shown, ", ")
			if n > len(shown) {
				text += " …"
			}
			parts = append(parts, text)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "⚠ " + present.EventLabel(ev.Name, ev.ID, ev.IntervalPeriod.Start, loc) + ": " + strings.Join(parts, " · ")
}

// phaseOf counts the event's boundaries passed at now: its start, its
// response deadline (start + randomize window + grace) and its end.
func phaseOf(ev client.Event, grace time.Duration, now time.Time) int {
	p := ev.IntervalPeriod
	if p.Start.IsZero() {
		return 0
	}
	n := 0
	for _, b := range []time.Time{p.Start, p.Start.Add(max(p.RandomizeStart, 0) + grace), p.End()} {
		if !now.Before(b) {
			n++
		}
	}
	return n
}
