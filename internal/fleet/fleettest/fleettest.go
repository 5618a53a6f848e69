// Package fleettest builds dispatches for the tests and benchmarks of the
// packages that analyse or draw them: an event at a fixed time, its charge
// actions, and large deterministic fleets.
package fleettest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
)

// T0 is the start of the test event: 2025-03-01 10:00 UTC.
var T0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

// At returns T0 + minutes.
func At(minutes float64) time.Time {
	return T0.Add(time.Duration(minutes * float64(time.Minute)))
}

// F points at v.
func F(v float64) *float64 { return &v }

// Event is a one-hour PowerLevel event at T0 asking 7400 W of each of ids,
// with a 10-minute randomize window.
func Event(ids ...string) client.Event {
	ev := client.Event{
		ID:   "ev-1",
		Name: "evening peak",
		IntervalPeriod: client.IntervalPeriod{
			Start: T0, Duration: time.Hour, RandomizeStart: 10 * time.Minute,
		},
		Payload: client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true},
	}
	for _, id := range ids {
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: id})
	}
	return ev
}

// Start is a Start action of id at T0 + minutes at power W.
func Start(id string, minutes float64, power float64) fleet.Action {
	return fleet.Action{At: At(minutes), ResourceID: id, Type: client.ActionStart, Power: F(power)}
}

// Stop is a Stop action of id at T0 + minutes.
func Stop(id string, minutes float64) fleet.Action {
	return fleet.Action{At: At(minutes), ResourceID: id, Type: client.ActionStop, Power: F(0)}
}

// Steps builds an expected series from (minute, value) pairs.
func Steps(pairs ...float64) fleet.Series {
	var s fleet.Series
	for i := 0; i+1 < len(pairs); i += 2 {
		s = append(s, fleet.Point{T: At(pairs[i]), V: pairs[i+1]})
	}
	return s
}

// Near reports whether a and b agree to nine significant digits.
func Near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

// Kinds lists the anomalies' kinds.
func Kinds(as []fleet.Anomaly) []fleet.AnomalyKind {
	var out []fleet.AnomalyKind
	for _, a := range as {
		out = append(out, a.Kind)
	}
	return out
}

// Big is a two-hour event at T0 targeting vehicles vehicles, with about
// actions Start/Stop actions spread from 15 minutes before the start to 15
// minutes after the end (deterministic: fixed seed).
func Big(vehicles, actions int) (client.Event, []fleet.Action) {
	return BigAt(T0, vehicles, actions)
}

// BigAt is Big with the event starting at base.
func BigAt(base time.Time, vehicles, actions int) (client.Event, []fleet.Action) {
	shift := base.Sub(T0)
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
	out := make([]fleet.Action, 0, actions)
	for i := 0; i < vehicles && len(out) < actions; i++ {
		id := ev.TargetResources[i].ResourceID
		t := At(-15 + rng.Float64()*20)
		for j := 0; j < per && len(out) < actions; j++ {
			if j%2 == 0 {
				out = append(out, Start(id, 0, 3000+rng.Float64()*8000))
			} else {
				out = append(out, Stop(id, 0))
			}
			out[len(out)-1].At = t.Add(shift)
			t = t.Add(time.Duration(rng.Float64() * 2 * float64(150*time.Minute) / float64(per))) // mean gap spreads them over 150 min
		}
	}
	return ev, out
}
