package events

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/views"
)

// reportData is what the screen knows of the event's reports.
type reportData struct {
	loaded  bool       // an answer arrived
	set     *reportSet // the reports (nil before the first answer)
	version uint64     // bumps when set changes
	// analyzer follows the reports of set for the event version analyzedV.
	analyzer  *fleet.Analyzer
	analyzedV uint64

	listed                 bool // the server lists reports (GET /reports)
	fromServer, fromRecord int
	skipped                int    // unreadable lines of the local record
	err                    string // the last fetch's problem, one line ("" when none)
	stopped                bool   // the shell refused to fetch: no retry
	at                     time.Time
}

// reports is the event's reports (nil before the first answer).
func (d *reportData) reports() []client.Report {
	if d.set == nil {
		return nil
	}
	return d.set.reports
}

// locations is, per resource, where its latest report was sent from.
func (d *reportData) locations() map[string]client.Location {
	if d.set == nil {
		return nil
	}
	return d.set.locations
}

// reportedV is the version of reported (0 before the first answer).
func (d *reportData) reportedV() uint64 {
	if d.set == nil {
		return 0
	}
	return d.set.reportedV
}

// describedKey is what the descriptor states depend on.
type describedKey struct{ event, reported uint64 }

// reported says which resource reported which payload type.
func (d *reportData) reported() map[reportedKey]bool {
	if d.set == nil {
		return nil
	}
	return d.set.reported
}

// fetched is the answer of one background fetch.
type fetched struct {
	event    *client.Event // when asked for and found
	eventErr error
	gathered sentreports.Gathered
	diff     reportsDiff // gathered compared with what the screen had
	err      error
}

// fetch gathers the event's reports from GET /reports (where offered) and
// the local record, after delay; withEvent also fetches the event itself.
// Failures travel inside the answer so what one source gave is still shown.
func (s *Screen) fetch(delay time.Duration, withEvent bool) tea.Cmd {
	rec, id := s.ctx.SentReports, s.id
	base, ev, evV, opts, now := s.data.set, s.ev, s.evV, s.opts, s.ctx.Now().Add(delay)
	return s.loop.call(s.ctx, delay, func(ctx context.Context, api client.API) (fetched, error) {
		var f fetched
		if withEvent {
			ev, err := api.GetEvent(ctx, id)
			if err == nil {
				f.event = &ev
			} else {
				f.eventErr = err
			}
		}
		f.gathered, f.err = sentreports.Gather(ctx, api, rec, id)
		if err := ctx.Err(); err != nil {
			return fetched{}, err
		}
		if f.event != nil && !sameEvent(*f.event, ev) {
			ev, evV = *f.event, 0 // an event the screen has not taken yet: analysed again there
		}
		f.diff = diffReports(base, f.gathered, ev, evV, opts, now)
		return f, nil
	})
}

// onResult takes an answer routed to this screen and arms the next fetch.
func (s *Screen) onResult(a views.Answer) tea.Cmd {
	switch msg := a.(type) {
	case views.Result[string]:
		if msg.ID == s.exportID {
			s.onExported(msg)
		}
		return nil
	case views.Result[client.Report]:
		if s.sendID != 0 && msg.ID == s.sendID {
			return s.onReportSent(msg)
		}
		return nil
	case views.Result[fetched]:
		return s.onFetched(msg)
	}
	return nil
}

// onFetched takes a background fetch's answer and arms the next one.
func (s *Screen) onFetched(msg views.Result[fetched]) tea.Cmd {
	if msg.Err != nil {
		// A fetch reports its problems in its answer; an error is the
		// screen closing (Canceled) or the shell refusing to run it (no
		// API): re-arming would spin, so the screen says so and stops.
		if !errors.Is(msg.Err, context.Canceled) {
			s.data.err, s.data.stopped = oneLine(msg.Err.Error()), true
		}
		return nil
	}
	f := msg.Value
	switch {
	case f.event != nil:
		s.setEvent(*f.event)
		s.note = ""
	case client.IsNotFound(f.eventErr):
		s.note = "the API answered 404: this event no longer exists"
	case f.eventErr != nil:
		s.note = "could not fetch the latest version of the event: " + oneLine(f.eventErr.Error())
	}
	first := !s.data.loaded
	s.setReports(f.gathered, f.diff, f.err)
	s.analyse(s.ctx.Now())
	if first {
		s.tbl.GotoTop() // the rows are now in their order of attention
	}
	return s.fetch(s.poll, false)
}

// setReports takes a gathered set of reports, compared off the UI loop
// with what the screen had: new reports go into the analyzer; anything
// else takes the analyzer built from scratch with the answer.
func (s *Screen) setReports(g sentreports.Gathered, diff reportsDiff, err error) {
	d := &s.data
	d.loaded, d.at = true, s.ctx.Now()
	d.listed, d.fromServer, d.fromRecord, d.skipped = g.Listed, g.FromServer, g.FromRecord, len(g.Skipped)
	d.err = ""
	if err != nil {
		d.err = oneLine(err.Error())
	}
	if diff.next == nil || diff.base != d.set {
		// No comparison, or with reports the screen no longer has: compare now.
		diff = diffReports(d.set, g, s.ev, s.evV, s.opts, s.ctx.Now())
	}
	switch {
	case diff.extends && len(diff.added) == 0:
		d.set = diff.next // the same reports: nothing to analyse
		return
	case diff.extends:
		if d.analyzer != nil {
			d.analyzer.AddReports(diff.added, diff.next.sentAt)
		}
	default:
		d.analyzer, d.analyzedV = diff.analyzer, diff.eventV
	}
	d.set = diff.next
	d.version++
}

// analyzerFor returns the analyzer of the reports for the current event,
// starting over when the event changed since it was made.
func (s *Screen) analyzerFor() *fleet.Analyzer {
	d := &s.data
	if d.analyzer == nil || d.analyzedV != s.evV {
		d.analyzer, d.analyzedV = fleet.NewAnalyzer(s.ev, s.opts), s.evV
		if d.set != nil {
			d.analyzer.AddReports(d.set.reports, d.set.sentAt)
		}
	}
	return d.analyzer
}

// analysisKey is what an analysis depends on besides the clock's seconds.
type analysisKey struct {
	data, event uint64
	minute      int64
	phase       int
}

// analyse re-runs the analysis when the reports, the event, the minute or
// the event's phase (before start, in the response window, after the
// deadline, after the end: statuses change there) changed since the last,
// or the clock reached a step of the fleet dated after that analysis.
func (s *Screen) analyse(now time.Time) {
	k := analysisKey{data: s.data.version, event: s.evV, minute: now.Unix() / 60, phase: s.phase(now)}
	if s.hasA && k == s.analysed && (s.nextStep.IsZero() || now.Before(s.nextStep)) {
		return
	}
	s.a = s.analyzerFor().Analysis(now)
	s.headline, s.afterWindow = s.a.Compliance, s.a.AfterWindow
	s.attention = s.a.NeedsAttention()
	s.nextStep = time.Time{}
	if i := s.a.Fleet.Count(now); i < len(s.a.Fleet) {
		s.nextStep = s.a.Fleet[i].T // a report dated ahead of the clock: who charges changes then
	}
	s.moment = fleet.MomentOf(s.a, s.attention, stripShown, s.headline, now)
	s.analysed, s.hasA = k, true
	s.analyses++
	s.chart.SetData(s.a)
	s.chart.SetNow(now)
	s.rebuildTargets()
	if d := (describedKey{event: s.evV, reported: s.data.reportedV()}); d != s.described {
		s.descs, s.described = describe(s.ev, s.data.reported()), d
		s.descsV++
	}
	s.relayout()
}

// follow brings the headline and the strip to now: two running integrals
// advanced and a lookup in the fleet series, never an analysis. A change
// of the strip's height lays the screen out again.
func (s *Screen) follow(now time.Time) {
	s.headline, s.afterWindow = s.analyzerFor().ComplianceAt(now)
	s.moment = fleet.MomentOf(s.a, s.attention, stripShown, s.headline, now)
	if len(s.strip(now)) != s.stripN {
		s.relayout()
	}
}

// phase counts the event's boundaries passed at now (see phaseOf).
func (s *Screen) phase(now time.Time) int { return phaseOf(s.ev, s.opts.Grace, now) }
