package sandbox

import (
	"context"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

// testEvent targets n vehicles of the catalog's first model.
func testEvent(pt client.PayloadType, value float64, randomize time.Duration, n int) client.Event {
	ev := client.Event{
		ID:             "ev-test",
		ProgramID:      "peak-shaving-oslo",
		IntervalPeriod: client.IntervalPeriod{Start: testNow, Duration: 2 * time.Hour, RandomizeStart: randomize},
		Payload:        client.EventPayload{Type: pt, Value: value, HasValue: true},
	}
	for i := range n {
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{
			ResourceID: "ev-" + string(rune('a'+i%26)) + string(rune('a'+i/26)),
			LocationID: osloPlaces[i%len(osloPlaces)].ID,
		})
	}
	return ev
}

func TestPlanEventBehaviour(t *testing.T) {
	const n = 600
	for _, tc := range []struct {
		name      string
		pt        client.PayloadType
		value     float64
		randomize time.Duration
		m         vehicleModel
	}{
		{"power, 15 min window", client.PayloadPowerLevel, 7400, 15 * time.Minute, vehicleCatalog[0]},
		{"current, no window", client.PayloadCurrentLevel, 10, 0, vehicleCatalog[0]},
		{"power above a single-phase charger", client.PayloadPowerLevel, 11000, 5 * time.Minute, lookupVehicle("Nissan", "Leaf")},
		{"current above the charger", client.PayloadCurrentLevel, 32, 5 * time.Minute, vehicleCatalog[0]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev := testEvent(tc.pt, tc.value, tc.randomize, n)
			acts := planEvent(7, ev, func(string) vehicleModel { return tc.m })
			iv := ev.IntervalPeriod
			starts := map[string]chargeAction{}
			stops := map[string]chargeAction{}
			onTime, late, early := 0, 0, 0
			for i, a := range acts {
				if i > 0 && a.At.Before(acts[i-1].At) {
					t.Fatal("actions not in time order")
				}
				if a.EventID != ev.ID || a.ProgramID != ev.ProgramID || a.Payload.PayloadType != client.ReportPayloadVehicleChargeAction {
					t.Fatalf("action %+v", a)
				}
				id := a.Payload.ResourceID
				switch a.Payload.ActionType {
				case client.ActionStart:
					starts[id] = a
				case client.ActionStop:
					stops[id] = a
				}
			}
			for id, st := range starts {
				sp, ok := stops[id]
				if !ok || !sp.At.After(st.At) {
					t.Fatalf("%s: Start at %v without a later Stop", id, st.At)
				}
				if st.At.Before(iv.Start) || !st.At.Before(iv.End()) || sp.At.After(iv.End().Add(20*time.Second)) {
					t.Fatalf("%s: %v..%v outside the event %v..%v", id, st.At, sp.At, iv.Start, iv.End())
				}
				window := iv.Start.Add(max(iv.RandomizeStart, 90*time.Second))
				if st.At.After(window) {
					late++
				} else {
					onTime++
				}
				if sp.At.Before(iv.End()) {
					early++
				}
				p := st.Payload
				if p.Power == nil || p.Current == nil || p.StateOfCharge == nil || p.BatteryCapacity == nil {
					t.Fatalf("%s: Start lacks a value: %+v", id, p)
				}
				limit := tc.value
				if tc.pt == client.PayloadPowerLevel {
					limit = math.Min(limit, tc.m.MaxCurrent*mainsVoltage*float64(tc.m.Phases))
					if *p.Power > limit || *p.Power < 0.9*limit {
						t.Fatalf("%s: power %v W for a %v W target (limit %v)", id, *p.Power, tc.value, limit)
					}
				} else {
					limit = math.Min(limit, tc.m.MaxCurrent)
					if *p.Current > limit || *p.Current < 0.9*limit {
						t.Fatalf("%s: current %v A for a %v A target (limit %v)", id, *p.Current, tc.value, limit)
					}
				}
				// power and current agree through 230 V per phase
				if want := *p.Current * mainsVoltage * float64(tc.m.Phases); math.Abs(*p.Power-want) > 0.02*want+10 {
					t.Fatalf("%s: %v W inconsistent with %v A on %d phases", id, *p.Power, *p.Current, tc.m.Phases)
				}
				if *p.StateOfCharge < 0 || *p.StateOfCharge > 100 || *p.BatteryCapacity != tc.m.BatteryKWh {
					t.Fatalf("%s: soc %v capacity %v", id, *p.StateOfCharge, *p.BatteryCapacity)
				}
				if s := stops[id].Payload; *s.Power != 0 || *s.StateOfCharge < *p.StateOfCharge || s.Location != p.Location {
					t.Fatalf("%s: Stop %+v after Start %+v", id, s, p)
				}
				if d := math.Abs(p.Location.Latitude-59.92) + math.Abs(p.Location.Longitude-10.75); d > 0.3 {
					t.Fatalf("%s: location %+v is not in Oslo", id, p.Location)
				}
			}
			silent := n - len(starts)
			// shares are drawn per vehicle; with 600 vehicles they land well inside these bounds
			if silent < n*6/100 || silent > n*20/100 {
				t.Errorf("%d of %d silent, want about %d%%", silent, n, silentPercent)
			}
			if late < n*6/100 || late > n*20/100 {
				t.Errorf("%d of %d late, want about %d%%", late, n, latePercent)
			}
			if early < n*5/100 {
				t.Errorf("only %d of %d stop early", early, n)
			}
			if onTime < n/2 {
				t.Errorf("only %d of %d on time", onTime, n)
			}
		})
	}
}

func TestPlanEventIgnoresWhatAChargerCannotDo(t *testing.T) {
	for _, ev := range []client.Event{
		testEvent(client.PayloadUnknown, 10, 0, 5),
		testEvent(client.PayloadPowerLevel, 0, 0, 5),
		func() client.Event {
			e := testEvent(client.PayloadPowerLevel, 7400, 0, 5)
			e.Payload.HasValue = false
			return e
		}(),
		func() client.Event {
			e := testEvent(client.PayloadPowerLevel, 7400, 0, 5)
			e.IntervalPeriod.Duration = 0
			return e
		}(),
	} {
		if acts := planEvent(1, ev, func(string) vehicleModel { return defaultVehicle }); len(acts) != 0 {
			t.Errorf("%+v: %d actions", ev.Payload, len(acts))
		}
	}
}

func TestPlanIsPerVehicleStable(t *testing.T) {
	// adding a target does not change what the others do
	small := testEvent(client.PayloadPowerLevel, 7400, 10*time.Minute, 10)
	big := testEvent(client.PayloadPowerLevel, 7400, 10*time.Minute, 20)
	model := func(string) vehicleModel { return defaultVehicle }
	inSmall := map[string]chargeAction{}
	for _, a := range planEvent(3, small, model) {
		inSmall[a.Payload.ResourceID+string(a.Payload.ActionType)] = a
	}
	for _, a := range planEvent(3, big, model) {
		if b, ok := inSmall[a.Payload.ResourceID+string(a.Payload.ActionType)]; ok && !b.At.Equal(a.At) {
			t.Fatalf("%s moved from %v to %v when targets were added", a.Payload.ResourceID, b.At, a.At)
		}
	}
}

// expectedReports counts the fleet actions of the server's events in (from, to].
func expectedReports(s *Server, from, to time.Time) int {
	st := s.snapshot()
	n := 0
	for _, ev := range st.Events {
		for _, a := range planEvent(st.Seed, ev, s.vehicleLocked) {
			if a.At.After(from) && !a.At.After(to) {
				n++
			}
		}
	}
	return n
}

func TestAdvanceMaterializesActionsAsTheClockPasses(t *testing.T) {
	clock := &fakeClock{t: testNow}
	s := newTestServer(t, func(o *Options) { o.Now = clock.Now })
	if got, want := len(s.snapshot().Reports), expectedReports(s, time.Time{}, testNow); got != want {
		t.Fatalf("at start %d reports, want %d", got, want)
	}

	t1 := testNow.Add(40 * time.Minute)
	want := expectedReports(s, testNow, t1)
	if want == 0 {
		t.Fatal("test needs fleet actions in the next 40 minutes")
	}
	before := len(s.snapshot().Reports)
	n, err := s.Advance(t1)
	if err != nil || n != want {
		t.Fatalf("Advance = %d, %v; want %d", n, err, want)
	}
	reports := s.snapshot().Reports
	for _, r := range reports[before:] {
		if !r.CreatedDateTime.After(testNow) || r.CreatedDateTime.After(t1) {
			t.Fatalf("new report dated %v, outside (%v, %v]", r.CreatedDateTime, testNow, t1)
		}
		if r.ProgramID == "" || r.Name == "" || len(r.Payloads) != 1 {
			t.Fatalf("report %+v", r)
		}
	}
	for i := before + 1; i < len(reports); i++ {
		if reports[i].CreatedDateTime.Before(reports[i-1].CreatedDateTime) {
			t.Fatal("reports not materialized in time order")
		}
	}
	// the same or an earlier time adds nothing
	for _, at := range []time.Time{t1, testNow} {
		if n, err := s.Advance(at); n != 0 || err != nil {
			t.Fatalf("Advance(%v) again = %d, %v", at, n, err)
		}
	}
	// far in the future every planned action has happened
	end := testNow.Add(72 * time.Hour)
	n, _ = s.Advance(end)
	if total := len(s.snapshot().Reports); total != expectedReports(s, time.Time{}, end) || n == 0 {
		t.Fatalf("after all events: %d reports, want %d", total, expectedReports(s, time.Time{}, end))
	}
}

func TestRunAdvancesWithTheClockUntilClosed(t *testing.T) {
	var mu sync.Mutex
	now := testNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := newTestServer(t, func(o *Options) { o.Now = clock; o.Tick = time.Millisecond })
	start := len(s.snapshot().Reports)
	mu.Lock()
	now = testNow.Add(time.Hour)
	mu.Unlock()
	want := start + expectedReports(s, testNow, testNow.Add(time.Hour))

	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background()) }()
	deadline := time.After(20 * time.Second) // only to avoid hanging on a bug
	for len(s.snapshot().Reports) < want {
		select {
		case <-deadline:
			t.Fatalf("Run did not materialize the reports: %d of %d", len(s.snapshot().Reports), want)
		case <-time.After(time.Millisecond):
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after Close")
	}
	if got := len(s.snapshot().Reports); got != want {
		t.Fatalf("%d reports, want exactly %d", got, want)
	}
}

func TestRunStopsWithItsContext(t *testing.T) {
	s := newTestServer(t, func(o *Options) { o.Tick = time.Millisecond })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}
