package dispatch

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// t0 is the start of the test event: 2025-03-01 10:00 UTC.
var t0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

// at returns t0 + minutes.
func at(minutes float64) time.Time {
	return t0.Add(time.Duration(minutes * float64(time.Minute)))
}

func f(v float64) *float64 { return &v }

// testEvent is a one-hour PowerLevel event at t0 asking 7400 W of each of
// ids, with a 10-minute randomize window.
func testEvent(ids ...string) client.Event {
	ev := client.Event{
		ID:   "ev-1",
		Name: "evening peak",
		IntervalPeriod: client.IntervalPeriod{
			Start: t0, Duration: time.Hour, RandomizeStart: 10 * time.Minute,
		},
		Payload: client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true},
	}
	for _, id := range ids {
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: id})
	}
	return ev
}

func start(id string, minutes float64, power float64) Action {
	return Action{At: at(minutes), ResourceID: id, Type: client.ActionStart, Power: f(power)}
}

func stop(id string, minutes float64) Action {
	return Action{At: at(minutes), ResourceID: id, Type: client.ActionStop, Power: f(0)}
}

// steps builds an expected series from (minute, value) pairs.
func steps(pairs ...float64) Series {
	var s Series
	for i := 0; i+1 < len(pairs); i += 2 {
		s = append(s, Point{T: at(pairs[i]), V: pairs[i+1]})
	}
	return s
}

func kinds(as []Anomaly) []AnomalyKind {
	var out []AnomalyKind
	for _, a := range as {
		out = append(out, a.Kind)
	}
	return out
}
