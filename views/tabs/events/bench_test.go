package events

import (
	"fmt"
	"testing"
	"time"

	tslc "github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/views/components/chart"
)

// bigDispatch is an event with 1,000 targets and 20,000 charge actions
// (each vehicle starts and stops ten times over the event).
func bigDispatch() (client.Event, []client.Report) {
	ev := testEvent()
	ev.TargetResources = nil
	var reports []client.Report
	for v := 0; v < 1000; v++ {
		id := fmt.Sprintf("car-%04d", v)
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: id})
		for k := 0; k < 20; k++ {
			action := client.ActionStart
			if k%2 == 1 {
				action = client.ActionStop
			}
			at := evStart.Add(time.Duration(v%17+k*6) * time.Minute / 2)
			reports = append(reports, client.Report{
				ID: fmt.Sprintf("r-%d-%d", v, k), EventID: ev.ID, CreatedDateTime: at,
				Payloads: []client.VehicleChargeActionPayload{{ResourceID: id, ActionType: action, Power: f64(7400)}},
			})
		}
	}
	return ev, reports
}

// bigWorld is the dispatch screen of bigDispatch at 160×40, analysed,
// drawing in true colour as in a terminal.
func bigWorld(b *testing.B) *world {
	prev := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(termenv.TrueColor)
	b.Cleanup(func() { lipgloss.SetColorProfile(prev) })
	ev, reports := bigDispatch()
	return openWorldWith(b, ev, reports, 160, 40)
}

// BenchmarkP3Dispatch is the P3: an event with 1,000 targets and
// 20,000 charge actions, on the dispatch screen at 160×40.
//   - open: the analysis from scratch, then the chart's build, draw and
//     View at 160×40. The baseline is the same analysis drawn with
//     ntcharts' automatic ranges (every pushed point rescales the others).
//   - report: one new report into the analysed event, as in a live
//     dispatch (sent at the current second, after the others), the time on
//     the UI loop: the analyzer takes its action, the analysis is judged at
//     the new second, the targets table takes the changed rows and the
//     chart its data (it redraws on the next View, at most once a frame:
//     that is open's chart part). The answer's comparison with the last one
//     is made in the fetch's goroutine, outside the timer. The baseline
//     analyses the whole dispatch again, as the screen did before.
func BenchmarkP3Dispatch(b *testing.B) {
	w := bigWorld(b)
	s := w.scr
	g := sentreports.Gathered{Reports: w.api.reports, SentAt: map[string]time.Time{}, Listed: true}
	b.Run("open/ecdash", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			z := fleet.NewAnalyzer(s.ev, s.opts)
			z.AddReports(g.Reports, g.SentAt)
			c := chart.NewChart(w.tab.ctx.Theme, time.UTC)
			c.SetSize(160, 40)
			c.SetData(z.Analysis(t0))
			c.SetNow(t0)
			if c.View() == "" {
				b.Fatal("empty view")
			}
		}
	})
	b.Run("open/baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a := fleet.Analyze(s.ev, fleet.ActionsFromReports(g.Reports, g.SentAt), t0, s.opts)
			m := tslc.New(160, 40)
			for _, p := range a.Fleet {
				m.PushDataSet("1-response", tslc.TimePoint{Time: p.T, Value: p.V / 1000})
			}
			for _, p := range a.Target {
				m.PushDataSet("2-target", tslc.TimePoint{Time: p.T, Value: p.V / 1000})
			}
			m.DrawBrailleAll()
			if m.View() == "" {
				b.Fatal("empty view")
			}
		}
	})
	b.Run("report/ecdash", func(b *testing.B) {
		b.ReportAllocs()
		base := s.data.set
		i, had := 0, s.a.Actions
		for b.Loop() {
			b.StopTimer()
			i++
			now := evStart.Add(70*time.Minute + time.Duration(i)*time.Second) // after every report so far, as live
			g := oneMore(base, i, now)
			diff := diffReports(s.data.set, g, s.ev, s.evV, s.opts, now) // in the fetch's goroutine
			b.StartTimer()
			s.setReports(g, diff, nil)
			s.analyse(now)
			base = s.data.set
		}
		if s.a.Actions != had+i {
			b.Fatalf("analysed %d actions, want %d", s.a.Actions, had+i)
		}
	})
	b.Run("report/baseline", func(b *testing.B) {
		b.ReportAllocs()
		actions := fleet.ActionsFromReports(g.Reports, g.SentAt)
		for b.Loop() {
			fleet.Analyze(s.ev, actions, t0, s.opts)
		}
	})
}

// oneMore is the reports of base and one more, a Start of vehicle i%1000 at now.
func oneMore(base *reportSet, i int, now time.Time) sentreports.Gathered {
	reports := append(base.reports[:len(base.reports):len(base.reports)], client.Report{
		ID: fmt.Sprintf("more-%d", i), EventID: testEvent().ID, CreatedDateTime: now,
		Payloads: []client.VehicleChargeActionPayload{{ResourceID: fmt.Sprintf("car-%04d", i%1000), ActionType: client.ActionStart, Power: f64(7000)}},
	})
	return sentreports.Gathered{Reports: reports, SentAt: base.sentAt, Listed: true}
}

// The screen re-analyses only when reports, the minute or the event's
// phase change; these compare that with re-analysing on every frame.
func BenchmarkScreenView(b *testing.B) {
	w := bigWorld(b)
	b.Run("unchanged", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			w.tab.View()
		}
	})
	b.Run("tick+view, once a second", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			*w.now = t0.Add(time.Duration(i%3600) * time.Second)
			w.tab.Tick()
			w.tab.View()
		}
	})
}

// BenchmarkStripEverySecond: the "right now" strip of bigDispatch (1,000
// targets, 20,000 actions) brought to the next second, within a minute:
// the headline's running integrals, the fleet's level and the strip's
// text. The baseline recomputes the strip from a fresh analysis every
// second, judging every vehicle.
func BenchmarkStripEverySecond(b *testing.B) {
	w := bigWorld(b)
	s := w.scr
	b.Run("ecdash", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			now := t0.Add(time.Duration(i%59) * time.Second)
			s.follow(now)
			_ = s.strip(now)
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		z := s.analyzerFor()
		for i := 0; b.Loop(); i++ {
			now := t0.Add(time.Duration(i%59) * time.Second)
			a := z.Analysis(now)
			s.moment = fleet.MomentOf(a, a.NeedsAttention(), stripShown, a.Compliance, now)
			_ = s.strip(now)
		}
	})
}
