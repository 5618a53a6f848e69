package fleet_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/fleet/fleettest"
)

func TestAnalyzeEdgeCases(t *testing.T) {
	now := fleettest.At(90) // well after the event: every status is final
	tests := []struct {
		name      string
		ev        client.Event
		actions   []fleet.Action
		fleet     fleet.Series
		vehicles  map[string]fleet.Series
		statuses  map[string]fleet.Status
		anomalies []fleet.AnomalyKind
	}{
		{
			name: "overlapping start and stop of two vehicles",
			ev:   fleettest.Event("a", "b"),
			actions: []fleet.Action{
				fleettest.Start("a", 1, 7000), fleettest.Start("b", 3, 7400), fleettest.Stop("a", 20), fleettest.Stop("b", 50),
			},
			fleet:    fleettest.Steps(1, 0, 1, 7000, 3, 7000, 3, 14400, 20, 14400, 20, 7400, 50, 7400, 50, 0),
			statuses: map[string]fleet.Status{"a": fleet.StatusResponded, "b": fleet.StatusResponded},
		},
		{
			name:    "start and stop at the same instant apply in report order",
			ev:      fleettest.Event("a"),
			actions: []fleet.Action{fleettest.Start("a", 5, 7000), fleettest.Stop("a", 5), fleettest.Start("a", 30, 7400)},
			vehicles: map[string]fleet.Series{
				"a": fleettest.Steps(5, 0, 5, 7000, 5, 7000, 5, 0, 30, 0, 30, 7400),
			},
			statuses: map[string]fleet.Status{"a": fleet.StatusResponded},
		},
		{
			name:      "stop without start is ignored and counted",
			ev:        fleettest.Event("a"),
			actions:   []fleet.Action{fleettest.Stop("a", 5)},
			fleet:     nil,
			statuses:  map[string]fleet.Status{"a": fleet.StatusSilent},
			anomalies: []fleet.AnomalyKind{fleet.AnomalyStopWithoutStart},
		},
		{
			name:      "repeated start replaces the value, second stop is an anomaly",
			ev:        fleettest.Event("a"),
			actions:   []fleet.Action{fleettest.Start("a", 2, 7000), fleettest.Start("a", 5, 5000), fleettest.Stop("a", 30), fleettest.Stop("a", 40)},
			vehicles:  map[string]fleet.Series{"a": fleettest.Steps(2, 0, 2, 7000, 5, 7000, 5, 5000, 30, 5000, 30, 0)},
			statuses:  map[string]fleet.Status{"a": fleet.StatusResponded},
			anomalies: []fleet.AnomalyKind{fleet.AnomalyStopWithoutStart},
		},
		{
			name:     "repeated start with the same value adds no step",
			ev:       fleettest.Event("a"),
			actions:  []fleet.Action{fleettest.Start("a", 2, 7000), fleettest.Start("a", 5, 7000)},
			vehicles: map[string]fleet.Series{"a": fleettest.Steps(2, 0, 2, 7000)},
		},
		{
			name:     "actions outside the interval stay on the timeline",
			ev:       fleettest.Event("a"),
			actions:  []fleet.Action{fleettest.Start("a", -10, 7400), fleettest.Stop("a", 70)},
			fleet:    fleettest.Steps(-10, 0, -10, 7400, 70, 7400, 70, 0),
			statuses: map[string]fleet.Status{"a": fleet.StatusResponded}, // already charging at the start
		},
		{
			name:     "vehicle not targeted is extra and not in the fleet",
			ev:       fleettest.Event("a"),
			actions:  []fleet.Action{fleettest.Start("a", 2, 7400), fleettest.Start("x", 3, 11000)},
			fleet:    fleettest.Steps(2, 0, 2, 7400),
			vehicles: map[string]fleet.Series{"x": fleettest.Steps(3, 0, 3, 11000)},
			statuses: map[string]fleet.Status{"a": fleet.StatusResponded, "x": fleet.StatusExtra},
		},
		{
			name: "null power with current given is derived at 230 V x 3 phases",
			ev:   fleettest.Event("a"),
			actions: []fleet.Action{
				{At: fleettest.At(2), ResourceID: "a", Type: client.ActionStart, Current: fleettest.F(16)},
			},
			fleet: fleettest.Steps(2, 0, 2, 16*690),
		},
		{
			name: "null current with power given, for a CurrentLevel event",
			ev: func() client.Event {
				ev := fleettest.Event("a")
				ev.Payload = client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}
				return ev
			}(),
			actions: []fleet.Action{
				{At: fleettest.At(2), ResourceID: "a", Type: client.ActionStart, Power: fleettest.F(11040)},
			},
			fleet: fleettest.Steps(2, 0, 2, 16),
		},
		{
			name: "start with neither power nor current counts 0 and still responds",
			ev:   fleettest.Event("a"),
			actions: []fleet.Action{
				{At: fleettest.At(2), ResourceID: "a", Type: client.ActionStart},
			},
			fleet:     nil,
			statuses:  map[string]fleet.Status{"a": fleet.StatusResponded},
			anomalies: []fleet.AnomalyKind{fleet.AnomalyNoValue},
		},
		{
			name:      "mixed units are kept as sent and flagged",
			ev:        fleettest.Event("a", "b"),
			actions:   []fleet.Action{fleettest.Start("a", 1, 7400), fleettest.Start("b", 2, 7.4)},
			fleet:     fleettest.Steps(1, 0, 1, 7400, 2, 7400, 2, 7407.4),
			anomalies: []fleet.AnomalyKind{fleet.AnomalySuspectUnit},
		},
		{
			name: "reports arriving out of order are sorted by time",
			ev:   fleettest.Event("a", "b"),
			actions: []fleet.Action{
				fleettest.Stop("b", 50), fleettest.Stop("a", 20), fleettest.Start("b", 3, 7400), fleettest.Start("a", 1, 7000),
			},
			fleet: fleettest.Steps(1, 0, 1, 7000, 3, 7000, 3, 14400, 20, 14400, 20, 7400, 50, 7400, 50, 0),
		},
		{
			name: "unplaceable actions are anomalies, another event's are skipped",
			ev:   fleettest.Event("a"),
			actions: []fleet.Action{
				{ResourceID: "a", Type: client.ActionStart, Power: fleettest.F(7400)},
				{At: fleettest.At(1), Type: client.ActionStart, Power: fleettest.F(7400)},
				{At: fleettest.At(1), ResourceID: "a", Type: "Pause"},
				{At: fleettest.At(1), ResourceID: "a", Type: client.ActionStart, PayloadType: "Other"},
				{At: fleettest.At(1), ResourceID: "a", EventID: "other-event", Type: client.ActionStart, Power: fleettest.F(1)},
			},
			statuses:  map[string]fleet.Status{"a": fleet.StatusSilent},
			anomalies: []fleet.AnomalyKind{fleet.AnomalyUndated, fleet.AnomalyNoResource, fleet.AnomalyUnknownAction, fleet.AnomalyUnknownPayload},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := fleet.Analyze(tc.ev, tc.actions, now, fleet.DefaultOptions())
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
			if got := fleettest.Kinds(a.Anomalies); !sameKinds(got, tc.anomalies) {
				t.Errorf("anomalies = %v, want %v", a.Anomalies, tc.anomalies)
			}
		})
	}
}

// sameSeries compares series point by point (nil and empty are the same).
func sameSeries(got, want fleet.Series) bool {
	return len(got) == len(want) && (len(got) == 0 || reflect.DeepEqual(got, want))
}

// sameKinds compares anomaly kinds as multisets (order follows time).
func sameKinds(got, want []fleet.AnomalyKind) bool {
	if len(got) != len(want) {
		return false
	}
	count := map[fleet.AnomalyKind]int{}
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
	ev := fleettest.Event("a", "b", "c")
	sorted := []fleet.Action{
		fleettest.Start("a", 1, 7000), fleettest.Start("b", 3, 7400), fleettest.Start("c", 20, 3000),
		fleettest.Stop("a", 20), fleettest.Start("a", 25, 6000), fleettest.Stop("b", 50), fleettest.Stop("c", 59),
	}
	reversed := make([]fleet.Action, len(sorted))
	for i, x := range sorted {
		reversed[len(sorted)-1-i] = x
	}
	want := fleet.Analyze(ev, sorted, fleettest.At(45), fleet.DefaultOptions())
	got := fleet.Analyze(ev, reversed, fleettest.At(45), fleet.DefaultOptions())
	if !reflect.DeepEqual(got.Fleet, want.Fleet) || !reflect.DeepEqual(got.Counts, want.Counts) ||
		got.Compliance != want.Compliance {
		t.Errorf("reversed input changed the result:\n got %+v %+v\nwant %+v %+v", got.Fleet, got.Counts, want.Fleet, want.Counts)
	}
}

func TestStatuses(t *testing.T) {
	// Window: start 10:00, randomize 10 min, grace 5 min → deadline 10:15; end 11:00.
	tests := []struct {
		name    string
		actions []fleet.Action
		now     time.Time
		status  fleet.Status
		first   time.Time
		early   bool
	}{
		{"before the event everything is pending", []fleet.Action{fleettest.Start("a", -5, 7400)}, fleettest.At(-1), fleet.StatusPending, time.Time{}, false},
		{"no start before the deadline is pending", nil, fleettest.At(14), fleet.StatusPending, time.Time{}, false},
		{"no start by the deadline is silent", nil, fleettest.At(15), fleet.StatusSilent, time.Time{}, false},
		{"start inside the randomize window responded", []fleet.Action{fleettest.Start("a", 7, 7400)}, fleettest.At(30), fleet.StatusResponded, fleettest.At(7), false},
		{"start inside the grace responded", []fleet.Action{fleettest.Start("a", 15, 7400)}, fleettest.At(30), fleet.StatusResponded, fleettest.At(15), false},
		{"start after the deadline is late", []fleet.Action{fleettest.Start("a", 16, 7400)}, fleettest.At(30), fleet.StatusLate, fleettest.At(16), false},
		{"start after the end is silent", []fleet.Action{fleettest.Start("a", 61, 7400)}, fleettest.At(90), fleet.StatusSilent, time.Time{}, false},
		{"already charging at the start responded", []fleet.Action{fleettest.Start("a", -20, 7400)}, fleettest.At(30), fleet.StatusResponded, fleettest.At(-20), false},
		{"charging that stopped before the start does not count", []fleet.Action{fleettest.Start("a", -20, 7400), fleettest.Stop("a", -1)}, fleettest.At(30), fleet.StatusSilent, time.Time{}, false},
		{"stop before the end is stopped early", []fleet.Action{fleettest.Start("a", 2, 7400), fleettest.Stop("a", 40)}, fleettest.At(90), fleet.StatusResponded, fleettest.At(2), true},
		{"stopped and restarted is not early", []fleet.Action{fleettest.Start("a", 2, 7400), fleettest.Stop("a", 40), fleettest.Start("a", 41, 7400)}, fleettest.At(90), fleet.StatusResponded, fleettest.At(2), false},
		{"stop at exactly the end is on time", []fleet.Action{fleettest.Start("a", 2, 7400), fleettest.Stop("a", 60)}, fleettest.At(90), fleet.StatusResponded, fleettest.At(2), false},
		{"stopped while the event runs is already early", []fleet.Action{fleettest.Start("a", 2, 7400), fleettest.Stop("a", 20)}, fleettest.At(30), fleet.StatusResponded, fleettest.At(2), true},
		{"late and stopped early", []fleet.Action{fleettest.Start("a", 30, 7400), fleettest.Stop("a", 45)}, fleettest.At(90), fleet.StatusLate, fleettest.At(30), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := fleet.Analyze(fleettest.Event("a"), tc.actions, tc.now, fleet.DefaultOptions())
			v := a.Vehicles[0]
			if v.Status != tc.status || !v.FirstStart.Equal(tc.first) || v.StoppedEarly != tc.early {
				t.Errorf("got %s first=%v early=%v, want %s first=%v early=%v",
					v.Status, v.FirstStart, v.StoppedEarly, tc.status, tc.first, tc.early)
			}
		})
	}
}

func TestGraceIsConfigurable(t *testing.T) {
	acts := []fleet.Action{fleettest.Start("a", 12, 7400)}
	opts := fleet.DefaultOptions()
	opts.Grace = 0
	if v := fleet.Analyze(fleettest.Event("a"), acts, fleettest.At(30), opts).Vehicles[0]; v.Status != fleet.StatusLate {
		t.Errorf("grace 0: status %s, want late", v.Status)
	}
	opts.Grace = 2 * time.Minute
	if v := fleet.Analyze(fleettest.Event("a"), acts, fleettest.At(30), opts).Vehicles[0]; v.Status != fleet.StatusResponded {
		t.Errorf("grace 2m: status %s, want responded", v.Status)
	}
}

func TestCounts(t *testing.T) {
	ev := fleettest.Event("a", "b", "c", "d", "a") // duplicate target counted once
	acts := []fleet.Action{
		fleettest.Start("a", 3, 7400),                           // responded
		fleettest.Start("b", 20, 7400), fleettest.Stop("b", 40), // late, stopped early
		fleettest.Start("x", 5, 7400), // extra
	}
	a := fleet.Analyze(ev, acts, fleettest.At(90), fleet.DefaultOptions())
	want := fleet.Counts{Targeted: 4, Responded: 1, Late: 1, Silent: 2, StoppedEarly: 1, Extra: 1}
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
	ev := fleettest.Event("a", "b")
	acts := []fleet.Action{fleettest.Start("a", 0, 7400), fleettest.Start("b", 30, 7400)}
	c := fleet.Analyze(ev, acts, fleettest.At(45), fleet.DefaultOptions()).Compliance
	want := fleet.Compliance{Unit: "kWh", Delivered: 7.4, Target: 11.1, Percent: 200.0 / 3, HasPercent: true, Elapsed: 45 * time.Minute}
	if c.Unit != want.Unit || !fleettest.Near(c.Delivered, want.Delivered) || !fleettest.Near(c.Target, want.Target) ||
		!fleettest.Near(c.Percent, want.Percent) || c.HasPercent != want.HasPercent || c.Elapsed != want.Elapsed {
		t.Errorf("compliance = %+v, want %+v", c, want)
	}

	// After the end the elapsed part is the whole hour, and charging outside
	// the interval is not counted: a runs 09:50–11:10 → 7.4 kWh of 14.8 kWh.
	acts = []fleet.Action{fleettest.Start("a", -10, 7400), fleettest.Stop("a", 70)}
	c = fleet.Analyze(ev, acts, fleettest.At(120), fleet.DefaultOptions()).Compliance
	if !fleettest.Near(c.Delivered, 7.4) || !fleettest.Near(c.Target, 14.8) || !fleettest.Near(c.Percent, 50) || c.Elapsed != time.Hour {
		t.Errorf("after the end: %+v, want 7.4 of 14.8 kWh, 50 %%, 1h", c)
	}
}

func TestComplianceCurrentInAmpereHours(t *testing.T) {
	// CurrentLevel 16 A for one vehicle; it draws 16 A for 30 of 60 min → 8 Ah of 16 Ah.
	ev := fleettest.Event("a")
	ev.Payload = client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}
	acts := []fleet.Action{{At: fleettest.At(0), ResourceID: "a", Type: client.ActionStart, Current: fleettest.F(16)}, fleettest.Stop("a", 30)}
	c := fleet.Analyze(ev, acts, fleettest.At(60), fleet.DefaultOptions()).Compliance
	if c.Unit != "Ah" || !fleettest.Near(c.Delivered, 8) || !fleettest.Near(c.Target, 16) || !fleettest.Near(c.Percent, 50) {
		t.Errorf("compliance = %+v, want 8 of 16 Ah, 50 %%", c)
	}
}

func TestComplianceUndefined(t *testing.T) {
	ev := fleettest.Event("a")
	if c := fleet.Analyze(ev, nil, fleettest.At(-5), fleet.DefaultOptions()).Compliance; c.HasPercent || c.Elapsed != 0 {
		t.Errorf("before the start: %+v, want no percent", c)
	}
	ev.Payload.HasValue = false
	if c := fleet.Analyze(ev, []fleet.Action{fleettest.Start("a", 0, 7400)}, fleettest.At(30), fleet.DefaultOptions()).Compliance; c.HasPercent || !fleettest.Near(c.Delivered, 3.7) {
		t.Errorf("without target value: %+v, want 3.7 kWh delivered and no percent", c)
	}
	ev = fleettest.Event("a")
	ev.IntervalPeriod.Start = time.Time{}
	a := fleet.Analyze(ev, []fleet.Action{fleettest.Start("a", 0, 7400)}, fleettest.At(30), fleet.DefaultOptions())
	if a.Compliance.HasPercent || a.Vehicles[0].Status != fleet.StatusUnknown || !sameKinds(fleettest.Kinds(a.Anomalies), []fleet.AnomalyKind{fleet.AnomalyNoInterval}) {
		t.Errorf("without start: %+v %s %v", a.Compliance, a.Vehicles[0].Status, a.Anomalies)
	}
}

func TestActionsFromReports(t *testing.T) {
	reports := []client.Report{
		{ID: "r2", EventID: "ev-1", CreatedDateTime: fleettest.At(5), Payloads: []client.VehicleChargeActionPayload{
			{PayloadType: client.ReportPayloadVehicleChargeAction, ResourceID: "a", ActionType: client.ActionStop},
		}},
		{ID: "r1", EventID: "ev-1", Payloads: []client.VehicleChargeActionPayload{
			{ResourceID: "a", ActionType: client.ActionStart, Power: fleettest.F(7400), StateOfCharge: fleettest.F(40)},
			{ResourceID: "b", ActionType: client.ActionStart, Current: fleettest.F(16)},
		}},
		{ID: "r3", EventID: "ev-1", Payloads: []client.VehicleChargeActionPayload{
			{ResourceID: "c", ActionType: client.ActionStart, Power: fleettest.F(7400)},
		}},
	}
	acts := fleet.ActionsFromReports(reports, map[string]time.Time{"r1": fleettest.At(1)})
	if len(acts) != 4 {
		t.Fatalf("got %d actions, want 4", len(acts))
	}
	if !acts[0].At.Equal(fleettest.At(5)) || !acts[1].At.Equal(fleettest.At(1)) || !acts[2].At.Equal(fleettest.At(1)) || !acts[3].At.IsZero() {
		t.Errorf("placement: %v %v %v %v", acts[0].At, acts[1].At, acts[2].At, acts[3].At)
	}
	if acts[1].ReportID != "r1" || *acts[1].StateOfCharge != 40 || acts[2].Current == nil {
		t.Errorf("payload fields not carried: %+v", acts[1])
	}
	a := fleet.Analyze(fleettest.Event("a", "b"), acts, fleettest.At(30), fleet.DefaultOptions())
	if v, _ := a.Vehicle("a"); len(v.Series) != 4 || v.StoppedEarly != true {
		t.Errorf("a: start at 10:01 then stop at 10:05 expected, got %v", v.Series)
	}
	if !sameKinds(fleettest.Kinds(a.Anomalies), []fleet.AnomalyKind{fleet.AnomalyUndated}) || a.Derived != 1 {
		t.Errorf("anomalies %v derived %d, want one undated and one derived", a.Anomalies, a.Derived)
	}
}

func TestSeriesIntegrateAndClip(t *testing.T) {
	s := fleettest.Steps(10, 0, 10, 100, 20, 100, 20, 50)
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
		if got := s.Integrate(fleettest.At(tc.from), fleettest.At(tc.to)); !fleettest.Near(got, tc.want) {
			t.Errorf("Integrate(%v, %v) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
	if got, want := s.Clip(fleettest.At(15), fleettest.At(25)), fleettest.Steps(15, 100, 20, 100, 20, 50, 25, 50); !reflect.DeepEqual(got, want) {
		t.Errorf("Clip = %v, want %v", got, want)
	}
	if got := s.Clip(fleettest.At(25), fleettest.At(25)); got != nil {
		t.Errorf("empty Clip = %v", got)
	}
	if lo, hi := s.Range(); lo != 0 || hi != 100 {
		t.Errorf("Range = %v, %v", lo, hi)
	}
}
