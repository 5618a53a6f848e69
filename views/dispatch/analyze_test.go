package dispatch

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestAnalyzeEdgeCases(t *testing.T) {
	now := at(90) // well after the event: every status is final
	tests := []struct {
		name      string
		ev        client.Event
		actions   []Action
		fleet     Series
		vehicles  map[string]Series
		statuses  map[string]Status
		anomalies []AnomalyKind
	}{
		{
			name: "overlapping start and stop of two vehicles",
			ev:   testEvent("a", "b"),
			actions: []Action{
				start("a", 1, 7000), start("b", 3, 7400), stop("a", 20), stop("b", 50),
			},
			fleet:    steps(1, 0, 1, 7000, 3, 7000, 3, 14400, 20, 14400, 20, 7400, 50, 7400, 50, 0),
			statuses: map[string]Status{"a": StatusResponded, "b": StatusResponded},
		},
		{
			name:    "start and stop at the same instant apply in report order",
			ev:      testEvent("a"),
			actions: []Action{start("a", 5, 7000), stop("a", 5), start("a", 30, 7400)},
			vehicles: map[string]Series{
				"a": steps(5, 0, 5, 7000, 5, 7000, 5, 0, 30, 0, 30, 7400),
			},
			statuses: map[string]Status{"a": StatusResponded},
		},
		{
			name:      "stop without start is ignored and counted",
			ev:        testEvent("a"),
			actions:   []Action{stop("a", 5)},
			fleet:     nil,
			statuses:  map[string]Status{"a": StatusSilent},
			anomalies: []AnomalyKind{AnomalyStopWithoutStart},
		},
		{
			name:      "repeated start replaces the value, second stop is an anomaly",
			ev:        testEvent("a"),
			actions:   []Action{start("a", 2, 7000), start("a", 5, 5000), stop("a", 30), stop("a", 40)},
			vehicles:  map[string]Series{"a": steps(2, 0, 2, 7000, 5, 7000, 5, 5000, 30, 5000, 30, 0)},
			statuses:  map[string]Status{"a": StatusResponded},
			anomalies: []AnomalyKind{AnomalyStopWithoutStart},
		},
		{
			name:     "repeated start with the same value adds no step",
			ev:       testEvent("a"),
			actions:  []Action{start("a", 2, 7000), start("a", 5, 7000)},
			vehicles: map[string]Series{"a": steps(2, 0, 2, 7000)},
		},
		{
			name:     "actions outside the interval stay on the timeline",
			ev:       testEvent("a"),
			actions:  []Action{start("a", -10, 7400), stop("a", 70)},
			fleet:    steps(-10, 0, -10, 7400, 70, 7400, 70, 0),
			statuses: map[string]Status{"a": StatusResponded}, // already charging at the start
		},
		{
			name:     "vehicle not targeted is extra and not in the fleet",
			ev:       testEvent("a"),
			actions:  []Action{start("a", 2, 7400), start("x", 3, 11000)},
			fleet:    steps(2, 0, 2, 7400),
			vehicles: map[string]Series{"x": steps(3, 0, 3, 11000)},
			statuses: map[string]Status{"a": StatusResponded, "x": StatusExtra},
		},
		{
			name: "null power with current given is derived at 230 V x 3 phases",
			ev:   testEvent("a"),
			actions: []Action{
				{At: at(2), ResourceID: "a", Type: client.ActionStart, Current: f(16)},
			},
			fleet: steps(2, 0, 2, 16*690),
		},
		{
			name: "null current with power given, for a CurrentLevel event",
			ev: func() client.Event {
				ev := testEvent("a")
				ev.Payload = client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}
				return ev
			}(),
			actions: []Action{
				{At: at(2), ResourceID: "a", Type: client.ActionStart, Power: f(11040)},
			},
			fleet: steps(2, 0, 2, 16),
		},
		{
			name: "start with neither power nor current counts 0 and still responds",
			ev:   testEvent("a"),
			actions: []Action{
				{At: at(2), ResourceID: "a", Type: client.ActionStart},
			},
			fleet:     nil,
			statuses:  map[string]Status{"a": StatusResponded},
			anomalies: []AnomalyKind{AnomalyNoValue},
		},
		{
			name:      "mixed units are kept as sent and flagged",
			ev:        testEvent("a", "b"),
			actions:   []Action{start("a", 1, 7400), start("b", 2, 7.4)},
			fleet:     steps(1, 0, 1, 7400, 2, 7400, 2, 7407.4),
			anomalies: []AnomalyKind{AnomalySuspectUnit},
		},
		{
			name: "reports arriving out of order are sorted by time",
			ev:   testEvent("a", "b"),
			actions: []Action{
				stop("b", 50), stop("a", 20), start("b", 3, 7400), start("a", 1, 7000),
			},
			fleet: steps(1, 0, 1, 7000, 3, 7000, 3, 14400, 20, 14400, 20, 7400, 50, 7400, 50, 0),
		},
		{
			name: "unplaceable actions are anomalies, another event's are skipped",
			ev:   testEvent("a"),
			actions: []Action{
				{ResourceID: "a", Type: client.ActionStart, Power: f(7400)},
				{At: at(1), Type: client.ActionStart, Power: f(7400)},
				{At: at(1), ResourceID: "a", Type: "Pause"},
				{At: at(1), ResourceID: "a", Type: client.ActionStart, PayloadType: "Other"},
				{At: at(1), ResourceID: "a", EventID: "other-event", Type: client.ActionStart, Power: f(1)},
			},
			statuses:  map[string]Status{"a": StatusSilent},
			anomalies: []AnomalyKind{AnomalyUndated, AnomalyNoResource, AnomalyUnknownAction, AnomalyUnknownPayload},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Analyze(tc.ev, tc.actions, now, DefaultOptions())
			if tc.fleet != nil || tc.vehicles == nil {
				if !sameSeries(a.Fleet, tc.fleet) {
					t.Errorf("fleet series\n got %v\nwant %v", a.Fleet, tc.fleet)
				}
			}
			for id, want := range tc.vehicles {
				v, ok := a.Vehicle(id)
				if !ok {
					t.Fatalf("vehicle %s missing", id)
				}
				if !sameSeries(v.Series, want) {
					t.Errorf("vehicle %s series\n got %v\nwant %v", id, v.Series, want)
				}
			}
			for id, want := range tc.statuses {
				v, _ := a.Vehicle(id)
				if v.Status != want {
					t.Errorf("vehicle %s status = %q, want %q", id, v.Status, want)
				}
			}
			if got := kinds(a.Anomalies); !sameKinds(got, tc.anomalies) {
				t.Errorf("anomalies = %v, want %v", a.Anomalies, tc.anomalies)
			}
		})
	}
}

// sameSeries compares series point by point (nil and empty are the same).
func sameSeries(got, want Series) bool {
	return len(got) == len(want) && (len(got) == 0 || reflect.DeepEqual(got, want))
}

// sameKinds compares anomaly kinds as multisets (order follows time).
func sameKinds(got, want []AnomalyKind) bool {
	if len(got) != len(want) {
		return false
	}
	count := map[AnomalyKind]int{}
	for _, k := range got {
		count[k]++
	}
	for _, k := range want {
		count[k]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestAnalyzeOutOfOrderIsIdentical(t *testing.T) {
	ev := testEvent("a", "b", "c")
	sorted := []Action{
		start("a", 1, 7000), start("b", 3, 7400), start("c", 20, 3000),
		stop("a", 20), start("a", 25, 6000), stop("b", 50), stop("c", 59),
	}
	reversed := make([]Action, len(sorted))
	for i, x := range sorted {
		reversed[len(sorted)-1-i] = x
	}
	want := Analyze(ev, sorted, at(45), DefaultOptions())
	got := Analyze(ev, reversed, at(45), DefaultOptions())
	if !reflect.DeepEqual(got.Fleet, want.Fleet) || !reflect.DeepEqual(got.Counts, want.Counts) ||
		got.Compliance != want.Compliance {
		t.Errorf("reversed input changed the result:\n got %+v %+v\nwant %+v %+v", got.Fleet, got.Counts, want.Fleet, want.Counts)
	}
}

func TestStatuses(t *testing.T) {
	// Window: start 10:00, randomize 10 min, grace 5 min → deadline 10:15; end 11:00.
	tests := []struct {
		name    string
		actions []Action
		now     time.Time
		status  Status
		first   time.Time
		early   bool
	}{
		{"before the event everything is pending", []Action{start("a", -5, 7400)}, at(-1), StatusPending, time.Time{}, false},
		{"no start before the deadline is pending", nil, at(14), StatusPending, time.Time{}, false},
		{"no start by the deadline is silent", nil, at(15), StatusSilent, time.Time{}, false},
		{"start inside the randomize window responded", []Action{start("a", 7, 7400)}, at(30), StatusResponded, at(7), false},
		{"start inside the grace responded", []Action{start("a", 15, 7400)}, at(30), StatusResponded, at(15), false},
		{"start after the deadline is late", []Action{start("a", 16, 7400)}, at(30), StatusLate, at(16), false},
		{"start after the end is silent", []Action{start("a", 61, 7400)}, at(90), StatusSilent, time.Time{}, false},
		{"already charging at the start responded", []Action{start("a", -20, 7400)}, at(30), StatusResponded, at(-20), false},
		{"charging that stopped before the start does not count", []Action{start("a", -20, 7400), stop("a", -1)}, at(30), StatusSilent, time.Time{}, false},
		{"stop before the end is stopped early", []Action{start("a", 2, 7400), stop("a", 40)}, at(90), StatusResponded, at(2), true},
		{"stopped and restarted is not early", []Action{start("a", 2, 7400), stop("a", 40), start("a", 41, 7400)}, at(90), StatusResponded, at(2), false},
		{"stop at exactly the end is on time", []Action{start("a", 2, 7400), stop("a", 60)}, at(90), StatusResponded, at(2), false},
		{"stopped while the event runs is already early", []Action{start("a", 2, 7400), stop("a", 20)}, at(30), StatusResponded, at(2), true},
		{"late and stopped early", []Action{start("a", 30, 7400), stop("a", 45)}, at(90), StatusLate, at(30), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Analyze(testEvent("a"), tc.actions, tc.now, DefaultOptions())
			v := a.Vehicles[0]
			if v.Status != tc.status || !v.FirstStart.Equal(tc.first) || v.StoppedEarly != tc.early {
				t.Errorf("got %s first=%v early=%v, want %s first=%v early=%v",
					v.Status, v.FirstStart, v.StoppedEarly, tc.status, tc.first, tc.early)
			}
		})
	}
}

func TestGraceIsConfigurable(t *testing.T) {
	acts := []Action{start("a", 12, 7400)}
	opts := DefaultOptions()
	opts.Grace = 0
	if v := Analyze(testEvent("a"), acts, at(30), opts).Vehicles[0]; v.Status != StatusLate {
		t.Errorf("grace 0: status %s, want late", v.Status)
	}
	opts.Grace = 2 * time.Minute
	if v := Analyze(testEvent("a"), acts, at(30), opts).Vehicles[0]; v.Status != StatusResponded {
		t.Errorf("grace 2m: status %s, want responded", v.Status)
	}
}

func TestCounts(t *testing.T) {
	ev := testEvent("a", "b", "c", "d", "a") // duplicate target counted once
	acts := []Action{
		start("a", 3, 7400),                 // responded
		start("b", 20, 7400), stop("b", 40), // late, stopped early
		start("x", 5, 7400), // extra
	}
	a := Analyze(ev, acts, at(90), DefaultOptions())
	want := Counts{Targeted: 4, Responded: 1, Late: 1, Silent: 2, StoppedEarly: 1, Extra: 1}
	if a.Counts != want {
		t.Errorf("counts = %+v, want %+v", a.Counts, want)
	}
	if a.Targeted != 4 || a.FleetTarget != 4*7400 {
		t.Errorf("targeted = %d, fleet target = %v; want 4, 29600", a.Targeted, a.FleetTarget)
	}
	var order []string
	for _, v := range a.Vehicles {
		order = append(order, v.ResourceID)
	}
	if !reflect.DeepEqual(order, []string{"a", "b", "c", "d", "x"}) {
		t.Errorf("vehicle order = %v", order)
	}
}

func TestComplianceHandChecked(t *testing.T) {
	// Two vehicles targeted at 7.4 kW each → fleet target 14.8 kW.
	// a charges 7.4 kW from 10:00, b 7.4 kW from 10:30. At 10:45 (45 min elapsed):
	// delivered = 7.4 × 0.75 + 7.4 × 0.25 = 7.4 kWh; target = 14.8 × 0.75 = 11.1 kWh → 66.667 %.
	ev := testEvent("a", "b")
	acts := []Action{start("a", 0, 7400), start("b", 30, 7400)}
	c := Analyze(ev, acts, at(45), DefaultOptions()).Compliance
	want := Compliance{Unit: "kWh", Delivered: 7.4, Target: 11.1, Percent: 200.0 / 3, HasPercent: true, Elapsed: 45 * time.Minute}
	if c.Unit != want.Unit || !near(c.Delivered, want.Delivered) || !near(c.Target, want.Target) ||
		!near(c.Percent, want.Percent) || c.HasPercent != want.HasPercent || c.Elapsed != want.Elapsed {
		t.Errorf("compliance = %+v, want %+v", c, want)
	}

	// After the end the elapsed part is the whole hour, and charging outside
	// the interval is not counted: a runs 09:50–11:10 → 7.4 kWh of 14.8 kWh.
	acts = []Action{start("a", -10, 7400), stop("a", 70)}
	c = Analyze(ev, acts, at(120), DefaultOptions()).Compliance
	if !near(c.Delivered, 7.4) || !near(c.Target, 14.8) || !near(c.Percent, 50) || c.Elapsed != time.Hour {
		t.Errorf("after the end: %+v, want 7.4 of 14.8 kWh, 50 %%, 1h", c)
	}
}

func TestComplianceCurrentInAmpereHours(t *testing.T) {
	// CurrentLevel 16 A for one vehicle; it draws 16 A for 30 of 60 min → 8 Ah of 16 Ah.
	ev := testEvent("a")
	ev.Payload = client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}
	acts := []Action{{At: at(0), ResourceID: "a", Type: client.ActionStart, Current: f(16)}, stop("a", 30)}
	c := Analyze(ev, acts, at(60), DefaultOptions()).Compliance
	if c.Unit != "Ah" || !near(c.Delivered, 8) || !near(c.Target, 16) || !near(c.Percent, 50) {
		t.Errorf("compliance = %+v, want 8 of 16 Ah, 50 %%", c)
	}
}

func TestComplianceUndefined(t *testing.T) {
	ev := testEvent("a")
	if c := Analyze(ev, nil, at(-5), DefaultOptions()).Compliance; c.HasPercent || c.Elapsed != 0 {
		t.Errorf("before the start: %+v, want no percent", c)
	}
	ev.Payload.HasValue = false
	if c := Analyze(ev, []Action{start("a", 0, 7400)}, at(30), DefaultOptions()).Compliance; c.HasPercent || !near(c.Delivered, 3.7) {
		t.Errorf("without target value: %+v, want 3.7 kWh delivered and no percent", c)
	}
	ev = testEvent("a")
	ev.IntervalPeriod.Start = time.Time{}
	a := Analyze(ev, []Action{start("a", 0, 7400)}, at(30), DefaultOptions())
	if a.Compliance.HasPercent || a.Vehicles[0].Status != StatusUnknown || !sameKinds(kinds(a.Anomalies), []AnomalyKind{AnomalyNoInterval}) {
		t.Errorf("without start: %+v %s %v", a.Compliance, a.Vehicles[0].Status, a.Anomalies)
	}
}

func TestActionsFromReports(t *testing.T) {
	reports := []client.Report{
		{ID: "r2", EventID: "ev-1", CreatedDateTime: at(5), Payloads: []client.VehicleChargeActionPayload{
			{PayloadType: client.ReportPayloadVehicleChargeAction, ResourceID: "a", ActionType: client.ActionStop},
		}},
		{ID: "r1", EventID: "ev-1", Payloads: []client.VehicleChargeActionPayload{
			{ResourceID: "a", ActionType: client.ActionStart, Power: f(7400), StateOfCharge: f(40)},
			{ResourceID: "b", ActionType: client.ActionStart, Current: f(16)},
		}},
		{ID: "r3", EventID: "ev-1", Payloads: []client.VehicleChargeActionPayload{
			{ResourceID: "c", ActionType: client.ActionStart, Power: f(7400)},
		}},
	}
	acts := ActionsFromReports(reports, map[string]time.Time{"r1": at(1)})
	if len(acts) != 4 {
		t.Fatalf("got %d actions, want 4", len(acts))
	}
	if !acts[0].At.Equal(at(5)) || !acts[1].At.Equal(at(1)) || !acts[2].At.Equal(at(1)) || !acts[3].At.IsZero() {
		t.Errorf("placement: %v %v %v %v", acts[0].At, acts[1].At, acts[2].At, acts[3].At)
	}
	if acts[1].ReportID != "r1" || *acts[1].StateOfCharge != 40 || acts[2].Current == nil {
		t.Errorf("payload fields not carried: %+v", acts[1])
	}
	a := Analyze(testEvent("a", "b"), acts, at(30), DefaultOptions())
	if v, _ := a.Vehicle("a"); len(v.Series) != 4 || v.StoppedEarly != true {
		t.Errorf("a: start at 10:01 then stop at 10:05 expected, got %v", v.Series)
	}
	if !sameKinds(kinds(a.Anomalies), []AnomalyKind{AnomalyUndated}) || a.Derived != 1 {
		t.Errorf("anomalies %v derived %d, want one undated and one derived", a.Anomalies, a.Derived)
	}
}

func TestSeriesIntegrateAndClip(t *testing.T) {
	s := steps(10, 0, 10, 100, 20, 100, 20, 50)
	tests := []struct {
		from, to float64
		want     float64 // value·hours
	}{
		{0, 10, 0},
		{0, 20, 100.0 / 6},
		{15, 30, 100.0/12 + 50.0/6},
		{30, 90, 50},
		{20, 20, 0},
	}
	for _, tc := range tests {
		if got := s.Integrate(at(tc.from), at(tc.to)); !near(got, tc.want) {
			t.Errorf("Integrate(%v, %v) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
	if got, want := s.Clip(at(15), at(25)), steps(15, 100, 20, 100, 20, 50, 25, 50); !reflect.DeepEqual(got, want) {
		t.Errorf("Clip = %v, want %v", got, want)
	}
	if got := s.Clip(at(25), at(25)); got != nil {
		t.Errorf("empty Clip = %v", got)
	}
	if lo, hi := s.Range(); lo != 0 || hi != 100 {
		t.Errorf("Range = %v, %v", lo, hi)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }
