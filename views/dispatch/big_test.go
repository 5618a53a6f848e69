package dispatch

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/themes"
)

// bigFixture is a two-hour event at t0 targeting vehicles vehicles, with
// about actions Start/Stop actions spread from 15 minutes before the start
// to 15 minutes after the end (deterministic: fixed seed).
func bigFixture(vehicles, actions int) (client.Event, []Action) {
	return bigFixtureAt(t0, vehicles, actions)
}

// bigFixtureAt is bigFixture with the event starting at base.
func bigFixtureAt(base time.Time, vehicles, actions int) (client.Event, []Action) {
	shift := base.Sub(t0)
	ev := client.Event{
		ID: "big", Name: "big dispatch",
		IntervalPeriod: client.IntervalPeriod{Start: base, Duration: 2 * time.Hour, RandomizeStart: 15 * time.Minute},
		Payload:        client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true},
	}
	for i := 0; i < vehicles; i++ {
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: fmt.Sprintf("veh-%04d", i)})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	per := max(actions/vehicles, 1)
	out := make([]Action, 0, actions)
	for i := 0; i < vehicles && len(out) < actions; i++ {
		id := ev.TargetResources[i].ResourceID
		t := at(-15 + rng.Float64()*20)
		for j := 0; j < per && len(out) < actions; j++ {
			if j%2 == 0 {
				out = append(out, start(id, 0, 3000+rng.Float64()*8000))
			} else {
				out = append(out, stop(id, 0))
			}
			out[len(out)-1].At = t.Add(shift)
			t = t.Add(time.Duration(rng.Float64() * 2 * float64(150*time.Minute) / float64(per))) // mean gap spreads them over 150 min
		}
	}
	return ev, out
}

// TestDecimationIsInvisible: the M4 decimation pushes far fewer points but
// the picture is identical to pushing every point.
func TestDecimationIsInvisible(t *testing.T) {
	ev, acts := bigFixture(200, 4000)
	a := Analyze(ev, acts, at(100), DefaultOptions())
	for _, keys := range [][]string{nil, {"m"}, {"v"}, {"+", "+", "l"}} {
		views := make([]string, 2)
		for i, all := range []bool{false, true} {
			c := NewChart(themes.Default(), cet)
			c.noDecimate = all
			c.SetSize(160, 40)
			c.SetData(a)
			c.SetNow(at(100))
			for _, k := range keys {
				c.Update(key(k))
			}
			views[i] = c.View()
		}
		if views[0] != views[1] {
			t.Errorf("keys %v: decimated chart differs:\n%s\nfull:\n%s", keys, views[0], views[1])
		}
	}
	if len(a.Fleet) < 4000 {
		t.Fatalf("fixture too small: %d fleet points", len(a.Fleet))
	}
}
