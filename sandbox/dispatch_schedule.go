package sandbox

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Shares, in percent of scheduled dispatches, that also amend or cancel an
// upcoming event, so that Update and Delete webhooks flow as well as Create.
const (
	amendPercent  = 25
	cancelPercent = 12
)

// dispatchDue runs the schedule at now: when a dispatch is due it creates an
// event and sometimes also amends or cancels an upcoming one. After a long
// pause of the clock (a laptop asleep) it dispatches once, not once per
// missed interval. It returns the changes made, for logs and tests.
func (s *Server) dispatchDue(now time.Time) ([]eventChange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now = now.UTC()
	if s.dispatchEvery <= 0 || now.Before(s.nextDispatch) {
		return nil, nil
	}
	s.nextDispatch = s.nextDispatch.Add(s.dispatchEvery)
	if !s.nextDispatch.After(now) {
		s.nextDispatch = now.Add(s.dispatchEvery)
	}

	rng := s.dispatchRand()
	ev, err := generateEvent(rng, s.st.Resources, now)
	if err != nil {
		return nil, err
	}
	if ev, err = s.createEventLocked(ev, now); err != nil {
		return nil, err
	}
	changes := []eventChange{{client.OperationCreate, ev}}

	roll := rng.IntN(100)
	if roll >= amendPercent+cancelPercent {
		return changes, nil
	}
	target, ok := pickUpcoming(rng, s.st.Events, now, ev.ID)
	if !ok {
		return changes, nil
	}
	if roll < amendPercent {
		ev, err = s.updateEventLocked(amended(rng, target), now)
		if err != nil {
			return changes, err
		}
		return append(changes, eventChange{client.OperationUpdate, ev}), nil
	}
	if ev, err = s.deleteEventLocked(target.ID, now); err != nil {
		return changes, err
	}
	return append(changes, eventChange{client.OperationDelete, ev}), nil
}

// eventChange is one change the dispatcher made.
type eventChange struct {
	op client.OperationType
	ev client.Event
}

// pickUpcoming chooses an event that has not started (so none of the
// fleet's answer to it has been reported yet), other than except.
func pickUpcoming(rng *rand.Rand, events []client.Event, now time.Time, except string) (client.Event, bool) {
	var candidates []client.Event
	for _, ev := range events {
		if ev.ID != except && ev.IntervalPeriod.Start.After(now) {
			candidates = append(candidates, ev)
		}
	}
	if len(candidates) == 0 {
		return client.Event{}, false
	}
	return candidates[rng.IntN(len(candidates))], true
}

// amended is ev as an operator revises it before it starts: a new target
// value, or a start postponed by 5-15 minutes.
func amended(rng *rand.Rand, ev client.Event) client.Event {
	if rng.IntN(2) == 0 && ev.Payload.HasValue {
		factors := []float64{0.5, 0.75, 1.25, 1.5}
		v := ev.Payload.Value * factors[rng.IntN(len(factors))]
		if ev.Payload.Type == client.PayloadPowerLevel {
			v = math.Round(v/100) * 100
		} else {
			v = math.Round(v)
		}
		ev.Payload.Value = math.Max(v, 1)
		return ev
	}
	ev.IntervalPeriod.Start = ev.IntervalPeriod.Start.Add(time.Duration(5+5*rng.IntN(3)) * time.Minute)
	return ev
}
