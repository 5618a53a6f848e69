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
		if !near(whole.Compliance.Delivered, ref.Compliance.Delivered) {
			t.Fatalf("case %d: delivered %v, want %v", i, whole.Compliance.Delivered, ref.Compliance.Delivered)
		}
		whole.Fleet, ref.Fleet = nil, nil
		whole.Revision = 0
		whole.Compliance.Delivered, ref.Compliance.Delivered = 0, 0
		whole.Compliance.Percent, ref.Compliance.Percent = 0, 0
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
		n := r.IntN(300)
		span := []int64{1, 60, 86400, 1 << 34, 1 << 40, math.MaxInt64 / 2}[r.IntN(6)]
		cs := make([]fleetChange, n)
		for k := range cs {
			cs[k] = fleetChange{sec: r.Int64N(span) - span/2, nsec: int32(r.IntN(2)) * 5e8, rank: int32(k)}
		}
		got := sortChangesByTime(cs)
		want := sortChangesByComparison(cs)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d (span %d): radix order differs", i, span)
		}
		if !slices.IsSortedFunc(got, func(x, y fleetChange) int {
			if x.sec != y.sec {
				return cmp.Compare(x.sec, y.sec)
			}
			if x.nsec != y.nsec {
				return cmp.Compare(x.nsec, y.nsec)
			}
			return cmp.Compare(x.rank, y.rank) // input order at a tie
		}) {
			t.Fatalf("case %d: not sorted, or ties out of input order", i)
		}
	}
}

// TestAnalyzerJudgesLikeFromScratch: following the clock forward, with
// its judgements reused while they hold, an Analyzer gives exactly what a
// fresh analysis at each time gives.
func TestAnalyzerJudgesLikeFromScratch(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 9))
	for i := 0; i < 1000; i++ {
		ev, actions := randomDispatch(r)
		z := NewAnalyzer(ev, DefaultOptions())
		z.Add(actions)
		now := walkT0.Add(-30 * time.Minute)
		for step := 0; step < 40; step++ {
			now = now.Add(time.Duration(r.IntN(4)) * time.Duration(1+r.IntN(600)) * time.Second)
			got, want := sansRevision(z.Analysis(now)), sansRevision(Analyze(ev, actions, now, DefaultOptions()))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d step %d at %v:\n got %+v\nwant %+v", i, step, now, got.Vehicles, want.Vehicles)
			}
		}
	}
}

// TestAnalyzerFollowsADispatch: reports arriving in chunks while the clock
// moves on; after each, the Analyzer agrees exactly with a fresh analysis
// of everything so far.
func TestAnalyzerFollowsADispatch(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1))
	for i := 0; i < 1500; i++ {
		ev, actions := randomDispatch(r)
		z := NewAnalyzer(ev, DefaultOptions())
		now, n := walkT0.Add(-20*time.Minute), 0
		for n < len(actions) {
			k := n + 1 + r.IntN(len(actions)-n)
			z.Add(actions[n:k])
			n = k
			now = now.Add(time.Duration(r.IntN(3)) * time.Duration(1+r.IntN(900)) * time.Second)
			got, want := sansRevision(z.Analysis(now)), sansRevision(Analyze(ev, actions[:n], now, DefaultOptions()))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d, %d actions at %v:\n got %+v\nwant %+v", i, n, now, got, want)
			}
		}
	}
}

// sansRevision clears what names the replay, to compare the rest.
func sansRevision(a Analysis) Analysis {
	a.Revision = 0
	return a
}
