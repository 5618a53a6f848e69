package fleet_test

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/fleet/fleettest"
)

// TestMomentHandChecked: a one-hour event asking 7.4 kW of each of four
// vehicles (10-minute randomize window, 5-minute grace), seen at 30m.
// a starts at 2m and stops at 20m, b starts at 4m, c at 25m (late), d
// never; e is not targeted. Also a Start of d dated ahead of the clock
// (at 40m): at 30m it has not happened.
func TestMomentHandChecked(t *testing.T) {
	ev := fleettest.Event("a", "b", "c", "d")
	actions := []fleet.Action{
		fleettest.Start("a", 2, 7400), fleettest.Stop("a", 20), fleettest.Start("b", 4, 7000),
		fleettest.Start("c", 25, 3700), fleettest.Start("e", 1, 5000), fleettest.Start("d", 40, 7400),
	}
	now := fleettest.At(30)
	z := fleet.NewAnalyzer(ev, fleet.DefaultOptions())
	z.Add(actions)
	a := z.Analysis(now)
	att := a.NeedsAttention()
	wantAtt := []fleet.Attention{
		{ResourceID: "d", Why: fleet.StatusSilent, Since: fleettest.At(15)},
		{ResourceID: "a", Why: fleet.StatusStoppedEarly, Since: fleettest.At(20)},
	}
	if !reflect.DeepEqual(att, wantAtt) {
		t.Fatalf("attention %+v, want %+v", att, wantAtt)
	}
	whole, _ := z.ComplianceAt(now)
	m := fleet.MomentOf(a, att, 1, whole, now)
	// Delivered to 30m: a 7.4 kW × 18m, b 7 kW × 26m, c 3.7 kW × 5m.
	delivered := (7.4*18 + 7*26 + 3.7*5) / 60
	level := 7000.0 + 3700
	projected := delivered + level/1000*0.5 // 30 minutes left at 10.7 kW
	checks := []struct {
		name      string
		got, want float64
	}{
		{"level", m.Level, level},
		{"target", m.Target, 4 * 7400},
		{"percent", m.Percent, level / (4 * 7400) * 100},
		{"delivered", m.Delivered.Delivered, delivered},
		{"projected", m.Projected, projected},
		{"projected target", m.ProjectedTarget, 4 * 7.4},
		{"projected percent", m.ProjectedPercent, projected / (4 * 7.4) * 100},
		{"expected", m.Ramp.Expected, 4},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if m.Ramp.Started != 3 || !m.Ramp.Done() || m.Counts.Silent != 1 || m.Counts.StoppedEarly != 1 || m.Counts.Late != 1 {
		t.Errorf("ramp %+v counts %+v", m.Ramp, m.Counts)
	}
	if len(m.Attention) != 1 || m.AttentionTotal != 2 || m.Attention[0].ResourceID != "d" {
		t.Errorf("shown %+v of %d", m.Attention, m.AttentionTotal)
	}
	// In the ramp, at 4m: 40% of the window elapsed, 1.6 of 4 expected.
	early := z.Analysis(fleettest.At(4))
	w4, _ := z.ComplianceAt(fleettest.At(4))
	r := fleet.MomentOf(early, nil, 3, w4, fleettest.At(4)).Ramp
	if r.Done() || r.Elapsed != 4*time.Minute || math.Abs(r.Expected-1.6) > 1e-9 || r.Started != 2 {
		t.Errorf("ramp at 4m: %+v", r)
	}
}
