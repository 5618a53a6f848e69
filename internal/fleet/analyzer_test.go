package fleet

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

var walkT0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

// randomDispatch is a small event and actions drawn to collide: few
// vehicles, times on a 5-minute grid (so many share an instant), some
// vehicles not targeted, some actions of another event or unplaceable.
func randomDispatch(r *rand.Rand) (client.Event, []Action) {
	ev := client.Event{
		ID: "ev", Name: "walk",
		IntervalPeriod: client.IntervalPeriod{Start: walkT0, Duration: time.Hour, RandomizeStart: 10 * time.Minute},
		Payload:        client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: r.IntN(5) > 0},
	}
	if r.IntN(4) == 0 {
		ev.Payload.Type = client.PayloadCurrentLevel
		ev.Payload.Value = 16
	}
	ids := []string{"a", "b", "c", "d", "e", "f"}
	for _, id := range ids[:r.IntN(5)] {
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: id})
	}
	n := r.IntN(60)
	actions := make([]Action, 0, n)
	for k := 0; k < n; k++ {
		x := Action{
			At:         walkT0.Add(time.Duration(r.IntN(20)-3) * 5 * time.Minute),
			ReportID:   fmt.Sprintf("r%d", k),
			ResourceID: ids[r.IntN(len(ids))],
			Type:       client.ActionStart,
		}
		if r.IntN(2) == 0 {
			x.Type = client.ActionStop
		}
		switch r.IntN(12) {
		case 0:
			x.EventID = "other"
		case 1:
			x.At = time.Time{}
		case 2:
			x.Type = "Pause"
		case 3:
			x.ResourceID = ""
		case 4:
			x.PayloadType = "Telemetry"
		}
		if r.IntN(3) > 0 {
			p := float64(r.IntN(4)) * 3700.3
			x.Power = &p
		}
		if r.IntN(3) == 0 {
			c := float64(r.IntN(40)) / 3
			x.Current = &c
		}
		actions = append(actions, x)
	}
	return ev, actions
}

// TestAnalyzerMatchesReplayFromScratch: adding actions in random chunks
// gives exactly what adding them at once gives, and that agrees with the
// one-pass replay the Analyzer replaced (the fleet sum to rounding, as that
// one summed simultaneous changes in no fixed order).
func TestAnalyzerMatchesReplayFromScratch(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	for i := 0; i < 3000; i++ {
		ev, actions := randomDispatch(r)
		now := walkT0.Add(time.Duration(r.IntN(120)-20) * time.Minute)
		whole := Analyze(ev, actions, now, DefaultOptions())

		z := NewAnalyzer(ev, DefaultOptions())
		for rest := actions; len(rest) > 0; {
			k := 1 + r.IntN(len(rest))
			z.Add(rest[:k])
			rest = rest[k:]
			if r.IntN(2) == 0 {
				z.Analysis(now) // replays in between must not change the outcome
			}
		}
		if got := z.Analysis(now); !reflect.DeepEqual(sansRevision(got), sansRevision(whole)) {
			t.Fatalf("case %d: chunked adds differ from one add\n got %+v\nwant %+v", i, got, whole)
		}

		ref := refAnalyze(ev, actions, now, DefaultOptions())
		if !sameSeries(whole.Fleet, ref.Fleet) {
			t.Fatalf("case %d: fleet\n got %v\nwant %v", i, whole.Fleet, ref.Fleet)
		}
		for _, c := range [][2]*Compliance{{&whole.Compliance, &ref.Compliance}, {&whole.AfterWindow, &ref.AfterWindow}} {
			if !near(c[0].Delivered, c[1].Delivered) || !near(c[0].Percent, c[1].Percent) {
				t.Fatalf("case %d: delivered %v (%v%%), want %v (%v%%)", i, c[0].Delivered, c[0].Percent, c[1].Delivered, c[1].Percent)
			}
			c[0].Delivered, c[1].Delivered, c[0].Percent, c[1].Percent = 0, 0, 0, 0 // compared to rounding above
		}
		whole.Fleet, ref.Fleet = nil, nil
		whole.Revision = 0
		if !reflect.DeepEqual(whole, ref) {
			t.Fatalf("case %d: analysis differs from the one-pass replay\n got %+v\nwant %+v", i, whole, ref)
		}
	}
}

// sameSeries reports whether two step series take the same values (to
// rounding) at and just before each of their points.
func sameSeries(a, b Series) bool {
	for _, s := range []Series{a, b} {
		for _, p := range s {
			before := p.T.Add(-time.Nanosecond)
			if !near(a.At(p.T), b.At(p.T)) || !near(a.At(before), b.At(before)) {
				return false
			}
		}
	}
	return true
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6*math.Max(1, math.Abs(b)) }

// TestAnalyzerKeepsEarlierAnalyses: an Analysis handed out is not changed
// by later adds (the screen may still be drawing it).
func TestAnalyzerKeepsEarlierAnalyses(t *testing.T) {
	ev := client.Event{ID: "ev", IntervalPeriod: client.IntervalPeriod{Start: walkT0, Duration: time.Hour},
		Payload:         client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true},
		TargetResources: []client.TargetResource{{ResourceID: "a"}}}
	p := 7400.0
	z := NewAnalyzer(ev, DefaultOptions())
	z.Add([]Action{{At: walkT0.Add(time.Minute), ResourceID: "a", Type: client.ActionStart, Power: &p}})
	first := z.Analysis(walkT0.Add(30 * time.Minute))
	kept := append(Series(nil), first.Fleet...)
	z.Add([]Action{{At: walkT0.Add(10 * time.Minute), ResourceID: "a", Type: client.ActionStop}})
	second := z.Analysis(walkT0.Add(30 * time.Minute))
	if !reflect.DeepEqual(first.Fleet, kept) {
		t.Fatalf("an earlier analysis changed: %v, want %v", first.Fleet, kept)
	}
	if reflect.DeepEqual(second.Fleet, kept) {
		t.Fatalf("the stop changed nothing: %v", second.Fleet)
	}
	if first.Revision == second.Revision {
		t.Fatalf("new data kept revision %d", first.Revision)
	}
	if later := z.Analysis(walkT0.Add(40 * time.Minute)); later.Revision != second.Revision {
		t.Fatalf("judging later changed the revision: %d, want %d", later.Revision, second.Revision)
	}
}

// TestSortChangesByTime: the radix sort agrees with a stable comparison
// sort, across spans from one instant to centuries and past its limit.
func TestSortChangesByTime(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 500; i++ {
		span := []int64{1, 60, 86400, 1 << 34, 1 << 40, math.MaxInt64 / 2}[r.IntN(6)]
		tracks := make([]*track, r.IntN(6))
		from := make([]int, len(tracks))
		var want []fleetChange
		for k := range tracks {
			tr := &track{rank: k}
			for j := r.IntN(40); j > 0; j-- {
				tr.tl.changes = append(tr.tl.changes, change{sec: r.Int64N(span) - span/2, nsec: int32(r.IntN(2)) * 5e8, delta: float64(j)})
			}
			from[k] = r.IntN(len(tr.tl.changes) + 1)
			tracks[k] = tr
			for seq := from[k]; seq < len(tr.tl.changes); seq++ {
				want = append(want, newFleetChange(tr.tl.changes[seq], k, seq))
			}
		}
		slices.SortStableFunc(want, func(x, y fleetChange) int {
			return cmp.Or(cmp.Compare(x.sec, y.sec), cmp.Compare(x.nsec, y.nsec))
		})
		if got := sortChangesByTime(tracks, from); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("case %d (span %d): radix order differs", i, span)
		}
	}
}

// sansRevision clears what names the replay, to compare the rest.
func sansRevision(a Analysis) Analysis {
	a.Revision = 0
	return a
}

// TestAddReportsIsAddOfTheirActions: placing reports' payloads directly
// gives exactly the analysis of the actions ActionsFromReports makes.
func TestAddReportsIsAddOfTheirActions(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 4))
	for i := 0; i < 1000; i++ {
		ev, actions := randomDispatch(r)
		var reports []client.Report
		sentAt := map[string]time.Time{}
		for k, x := range actions {
			rep := client.Report{ID: fmt.Sprintf("r%d", k), EventID: x.EventID, CreatedDateTime: x.At}
			if r.IntN(5) == 0 && !x.At.IsZero() { // the server gave no time: the send time counts
				rep.CreatedDateTime = time.Time{}
				sentAt[rep.ID] = x.At
			}
			for range 1 + r.IntN(2) {
				rep.Payloads = append(rep.Payloads, client.VehicleChargeActionPayload{
					PayloadType: x.PayloadType, ResourceID: x.ResourceID, ActionType: x.Type, Power: x.Power, Current: x.Current,
				})
			}
			reports = append(reports, rep)
		}
		now := walkT0.Add(time.Duration(r.IntN(120)-20) * time.Minute)
		want := NewAnalyzer(ev, DefaultOptions())
		want.Add(ActionsFromReports(reports, sentAt))
		got := NewAnalyzer(ev, DefaultOptions())
		got.AddReports(reports, sentAt)
		if g, w := sansRevision(got.Analysis(now)), sansRevision(want.Analysis(now)); !reflect.DeepEqual(g, w) {
			t.Fatalf("case %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// TestSummarizeIsAnalyze: the summary of an event, with or without
// reports, is the analysis' compliance and counts.
func TestSummarizeIsAnalyze(t *testing.T) {
	r := rand.New(rand.NewPCG(18, 2))
	for i := 0; i < 2000; i++ {
		ev, _ := randomDispatch(r)
		var reports []client.Report
		if r.IntN(3) == 0 {
			p := 7400.0
			reports = []client.Report{{ID: "r", EventID: ev.ID, CreatedDateTime: walkT0.Add(time.Duration(r.IntN(60)) * time.Minute),
				Payloads: []client.VehicleChargeActionPayload{{ResourceID: "a", ActionType: client.ActionStart, Power: &p}}}}
		}
		now := walkT0.Add(time.Duration(r.IntN(150)-30) * time.Minute)
		a := AnalyzeReports(ev, reports, nil, now, DefaultOptions())
		got := Summarize(ev, reports, nil, now, DefaultOptions())
		if want := (Standing{Compliance: a.Compliance, Counts: a.Counts}); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d at %v:\n got %+v\nwant %+v", i, now, got, want)
		}
	}
}

// TestCountTargets: counting distinct targets in place agrees with the
// list of them, for lists with repeats and empty ids, short and long.
func TestCountTargets(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 3))
	for i := 0; i < 3000; i++ {
		var ev client.Event
		for range r.IntN(150) {
			id := ""
			if r.IntN(8) > 0 {
				id = fmt.Sprint("ev-", r.IntN(80))
			}
			ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: id})
		}
		if got, want := countTargets(ev), len(targetIDs(ev)); got != want {
			t.Fatalf("case %d (%d targets): %d, want %d", i, len(ev.TargetResources), got, want)
		}
	}
}

// TestComplianceAtIsTheAnalysis: the headline's compliance, brought to
// any second in any order, is the whole analysis' at that second.
func TestComplianceAtIsTheAnalysis(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 4))
	for i := 0; i < 300; i++ {
		ev, actions := randomDispatch(r)
		z := NewAnalyzer(ev, DefaultOptions())
		z.Add(actions)
		for range 20 {
			now := walkT0.Add(time.Duration(r.IntN(150*60)-30*60) * time.Second)
			got, gotAfter := z.ComplianceAt(now)
			fresh := NewAnalyzer(ev, DefaultOptions())
			fresh.Add(actions)
			want := fresh.Analysis(now)
			if got != want.Compliance || gotAfter != want.AfterWindow {
				t.Fatalf("case %d at %v:\n got %+v, after the window %+v\nwant %+v, %+v", i, now, got, gotAfter, want.Compliance, want.AfterWindow)
			}
			// From the window's end, independently: the fleet's integral over [WindowEnd, min(now, End)].
			w := want.Window
			if to := w.elapsedEnd(now); to.After(w.WindowEnd) {
				if d := want.Fleet.Integrate(w.WindowEnd, to) / 1000; math.Abs(d-gotAfter.Delivered) > 1e-9 && want.Unit == "W" {
					t.Fatalf("case %d at %v: after the window %v kWh, the fleet's integral says %v", i, now, gotAfter.Delivered, d)
				}
			}
		}
	}
}
