package sandbox

import (
	"context"
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
)

// defaultTick is how often Run lets the fleet catch up with the clock.
const defaultTick = 2 * time.Second

// reportWindow is how far back the fleet's answers are kept as reports:
// older events (a large generated account's history) have none.
const reportWindow = 48 * time.Hour

// planLocked queues the fleet's answer to ev, keeping only the actions after
// the cursor: earlier ones are already reports (they were saved together
// with the cursor). An event created at run time (Dispatch, POST /events,
// the schedule) starts at least a minute after the clock, and so after the
// cursor, which Run keeps at the clock: its whole answer is planned.
func (s *Server) planLocked(ev client.Event) {
	if ev.IntervalPeriod.End().Before(s.clock().Add(-reportWindow)) {
		return // older than the reports a server keeps
	}
	acts := planEvent(s.st.Seed, ev, s.vehicleLocked)
	acts = slices.DeleteFunc(acts, func(a chargeAction) bool { return !a.At.After(s.st.FleetCursor) })
	if len(acts) == 0 {
		return
	}
	s.pending = append(s.pending, acts...)
	sortActions(s.pending)
}

// vehicleLocked is the catalog entry of an enrolled resource, or a typical
// car for a resource id the account does not (or no longer) know.
func (s *Server) vehicleLocked(resourceID string) vehicleModel {
	if len(s.vehicles.of) != len(s.st.Resources) || (len(s.st.Resources) > 0 && s.vehicles.first != &s.st.Resources[0]) {
		s.vehicles.of = make(map[string]int, len(s.st.Resources))
		for i, r := range s.st.Resources {
			s.vehicles.of[r.ResourceID] = i
		}
		if len(s.st.Resources) > 0 {
			s.vehicles.first = &s.st.Resources[0]
		}
	}
	if i, ok := s.vehicles.of[resourceID]; ok {
		md := s.st.Resources[i].Metadata
		return lookupVehicle(md.Brand, md.Model)
	}
	return defaultVehicle
}

// Advance turns every fleet action planned up to now into a report, as if
// each vehicle had posted it at that moment, and saves the result. It
// returns how many reports it added. A clock that goes backwards changes
// nothing. On a failed save nothing changes and the next call retries.
func (s *Server) Advance(now time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.advanceLocked(now.UTC())
}

func (s *Server) advanceLocked(now time.Time) (int, error) {
	if !now.After(s.st.FleetCursor) {
		return 0, nil
	}
	n, _ := slices.BinarySearchFunc(s.pending, now, func(a chargeAction, t time.Time) int {
		if a.At.After(t) {
			return 1
		}
		return -1 // never "equal": find the first action after now
	})
	if n == 0 {
		// Nothing to save: a cursor that is stale on disk only re-plans
		// actions that did not exist in between.
		s.st.FleetCursor = now
		return 0, nil
	}
	next := s.st
	for _, a := range s.pending[:n] {
		name := a.Payload.ResourceID + " " + string(a.Payload.ActionType)
		next.Reports = appended(next.Reports, newReport(&next, a.EventID, a.ProgramID, name, a.At, a.Payload))
	}
	next.FleetCursor = now
	if err := s.commitLocked(next); err != nil {
		return 0, err
	}
	s.pending = s.pending[n:]
	return n, nil
}

// Run drives the sandbox's background work until ctx ends or Close is
// called: every Options.Tick the fleet catches up with the clock and, with
// Options.DispatchEvery, a due dispatch is made. It returns nil when
// stopped; a failed save is logged and retried next tick.
func (s *Server) Run(ctx context.Context) error {
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.closed:
			return nil
		case <-t.C:
			now := s.now()
			if n, err := s.Advance(now); err != nil {
				s.log.Error("sandbox: fleet reports not saved, will retry", "err", err)
			} else if n > 0 {
				s.log.Debug("sandbox: fleet reported", "reports", n)
			}
			changes, err := s.dispatchDue(now)
			if err != nil {
				s.log.Error("sandbox: scheduled dispatch failed", "err", err)
			}
			for _, c := range changes {
				s.log.Info("sandbox: dispatcher changed an event", "operation", c.op, "event", c.ev.ID, "name", c.ev.Name,
					"start", c.ev.IntervalPeriod.Start)
			}
		}
	}
}
