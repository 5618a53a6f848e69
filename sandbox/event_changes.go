package sandbox

import (
	"fmt"
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Every change to an event goes through one of these, so that each is saved,
// answered by the fleet and announced to the subscriptions that want it, in
// that order: a webhook never announces a change that a restart would lose.

// createEventLocked stores ev with a fresh id, created and modified now, and
// returns it as stored.
func (s *Server) createEventLocked(ev client.Event, now time.Time) (client.Event, error) {
	next := s.st
	ev.ID = next.newID()
	ev.CreatedDateTime, ev.ModificationDateTime = now, now
	ev.Raw, ev.Problems = nil, nil
	next.Events = insertedByStart(next.Events, ev)
	if err := s.commitAnnouncedLocked(next, client.OperationCreate, ev, now); err != nil {
		return client.Event{}, err
	}
	s.planLocked(ev)
	return ev, nil
}

// updateEventLocked replaces the event with ev's id, modified now, and
// re-plans the fleet's answer to it. Actions already reported stay reports.
func (s *Server) updateEventLocked(ev client.Event, now time.Time) (client.Event, error) {
	i := s.st.eventIndex(ev.ID)
	if i < 0 {
		return client.Event{}, fmt.Errorf("no event with id %s", quote(ev.ID))
	}
	ev.CreatedDateTime = s.st.Events[i].CreatedDateTime
	ev.ModificationDateTime = now
	ev.Raw, ev.Problems = nil, nil
	next := s.st
	next.Events = insertedByStart(removed(next.Events, i), ev)
	if err := s.commitAnnouncedLocked(next, client.OperationUpdate, ev, now); err != nil {
		return client.Event{}, err
	}
	s.unplanLocked(ev.ID)
	s.planLocked(ev)
	return ev, nil
}

// deleteEventLocked removes an event (a cancellation) and the fleet's
// remaining answer to it; reports already received are kept. The Delete
// notification carries the event as it was last known.
func (s *Server) deleteEventLocked(id string, now time.Time) (client.Event, error) {
	i := s.st.eventIndex(id)
	if i < 0 {
		return client.Event{}, fmt.Errorf("no event with id %s", quote(id))
	}
	ev := s.st.Events[i]
	next := s.st
	next.Events = removed(next.Events, i)
	if err := s.commitAnnouncedLocked(next, client.OperationDelete, ev, now); err != nil {
		return client.Event{}, err
	}
	s.unplanLocked(id)
	return ev, nil
}

// commitAnnouncedLocked saves next, with the notification ids it hands out,
// and then queues the webhooks of op on ev, sent at now.
func (s *Server) commitAnnouncedLocked(next state, op client.OperationType, ev client.Event, now time.Time) error {
	deliveries, err := notificationsFor(&next, op, ev, now)
	if err != nil {
		return fmt.Errorf("encode webhook: %w", err)
	}
	if err := s.commitLocked(next); err != nil {
		return err
	}
	s.webhooks.enqueue(deliveries...)
	return nil
}

// unplanLocked forgets the fleet's pending actions for an event.
func (s *Server) unplanLocked(eventID string) {
	s.pending = slices.DeleteFunc(s.pending, func(a chargeAction) bool { return a.EventID == eventID })
}

// insertedByStart returns a copy of events with ev placed after every event
// starting no later than it, keeping the list in start order. It copies
// because inserting shifts elements that readers of the previous state hold.
func insertedByStart(events []client.Event, ev client.Event) []client.Event {
	i := len(events)
	for i > 0 && events[i-1].IntervalPeriod.Start.After(ev.IntervalPeriod.Start) {
		i--
	}
	out := make([]client.Event, 0, len(events)+1)
	out = append(out, events[:i]...)
	out = append(out, ev)
	return append(out, events[i:]...)
}
