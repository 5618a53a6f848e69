package sandbox

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/ecdash/ecdash/client"
)

// A dispatched event is what an operator would publish at short notice:
// it starts 1-3 minutes after it is created (so the dashboard shows a
// countdown, then the fleet answering), lasts 15-60 minutes, and targets
// 5-20 enrolled vehicles, with a programme, name and target chosen as the
// seed chooses them.

// errNoVehicles is why nothing can be dispatched to an empty account.
var errNoVehicles = errors.New("no enrolled vehicles to target: enroll one with POST /resources first")

// dispatchDurations and dispatchWindows are what an operator picks from.
var (
	dispatchDurations = []time.Duration{15 * time.Minute, 20 * time.Minute, 30 * time.Minute, 45 * time.Minute, time.Hour}
	dispatchWindows   = []time.Duration{0, time.Minute, 2 * time.Minute, 5 * time.Minute}
)

// Dispatch creates a new event now, as the dispatcher does on its schedule:
// it is stored, announced to matching subscriptions by webhook, and answered
// by the fleet as the clock passes. It returns the event as stored.
func (s *Server) Dispatch(ctx context.Context) (client.Event, error) {
	ev, _, err := s.dispatchWith(ctx, nil)
	return ev, err
}

// dispatchWith creates a generated event with the overrides of a POST
// /events body, if any, validated under the same lock as the creation so
// that the targets they name are still enrolled. Invalid overrides create
// nothing and come back as field errors.
func (s *Server) dispatchWith(ctx context.Context, body *object) (client.Event, fieldErrors, error) {
	if err := ctx.Err(); err != nil {
		return client.Event{}, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	var o dispatchOverrides
	if body != nil {
		var errs fieldErrors
		if o, errs = parseDispatchRequest(*body, s.st.Resources, now); len(errs) > 0 {
			return client.Event{}, errs, nil
		}
	}
	ev, err := generateEvent(s.dispatchRand(), s.st.Resources, now)
	if err != nil {
		return client.Event{}, nil, fmt.Errorf("sandbox: dispatch: %w", err)
	}
	o.apply(&ev, s.st.Resources)
	ev, err = s.createEventLocked(ev, now)
	if err != nil {
		return client.Event{}, nil, fmt.Errorf("sandbox: dispatch: %w", err)
	}
	s.log.Info("sandbox: event dispatched", "event", ev.ID, "name", ev.Name, "start", ev.IntervalPeriod.Start)
	return ev, nil, nil
}

// dispatchRand draws a dispatch's choices from the seed and the number of
// ids handed out so far, which grows with every change and is saved with
// the data: the same seed and sequence of clock values give the same
// events, and a restarted sandbox does not repeat itself.
func (s *Server) dispatchRand() *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "dispatch/%d", s.st.NextID)
	return seedRand(s.st.Seed, h.Sum64())
}

// generateEvent makes a plausible short-notice event. Its id and times of
// creation are set when it is stored.
func generateEvent(rng *rand.Rand, resources []client.Resource, now time.Time) (client.Event, error) {
	if len(resources) == 0 {
		return client.Event{}, errNoVehicles
	}
	start := ceilMinute(now.UTC().Add(time.Minute + time.Duration(rng.IntN(2))*time.Minute))
	prog := programAt(start, rng.IntN(100) < 25, rng)
	pt := client.PayloadPowerLevel
	if rng.IntN(2) == 0 {
		pt = client.PayloadCurrentLevel
	}
	targets := pickTargets(rng, resources, 5+rng.IntN(16))
	priority := prog.priority
	return client.Event{
		Name:              prog.name,
		Priority:          &priority,
		ProgramID:         prog.id,
		TargetResources:   targets,
		ReportDescriptors: chargeActionDescriptor(targets),
		IntervalPeriod: client.IntervalPeriod{
			Start:          start,
			Duration:       dispatchDurations[rng.IntN(len(dispatchDurations))],
			RandomizeStart: dispatchWindows[rng.IntN(len(dispatchWindows))],
		},
		Payload: client.EventPayload{Type: pt, Value: prog.target(pt, rng), HasValue: true},
	}, nil
}

// chargeActionDescriptor asks every target for VehicleChargeAction reports.
func chargeActionDescriptor(targets []client.TargetResource) []client.ReportDescriptor {
	ids := make([]string, len(targets))
	for i, t := range targets {
		ids[i] = t.ResourceID
	}
	return []client.ReportDescriptor{{PayloadType: client.ReportPayloadVehicleChargeAction, TargetResources: ids}}
}

// ceilMinute rounds t up to a whole minute, so that countdowns end on one.
func ceilMinute(t time.Time) time.Time {
	if r := t.Truncate(time.Minute); r.Before(t) {
		return r.Add(time.Minute)
	}
	return t
}
