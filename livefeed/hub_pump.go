package livefeed

import "errors"

// errUnsubscribed stops a catch-up read when the subscription ends.
var errUnsubscribed = errors.New("subscription ended")

// run is the subscription's own goroutine: it reads from the journal while
// behind, then switches to the live queue exactly at the journal's durable
// end, so the consumer gets every record once, in order.
func (s *Subscription) run(after uint64) {
	defer close(s.out)
	last := after
	for {
		s.h.mu.Lock()
		if s.closed {
			s.h.mu.Unlock()
			return
		}
		live, q := s.live, s.queue
		s.queue, s.queueBytes = nil, 0
		s.h.mu.Unlock()

		if !live {
			var ok bool
			if last, ok = s.catchUp(last); !ok {
				return
			}
			continue
		}
		if len(q) == 0 {
			select {
			case <-s.wake:
			case <-s.done:
				return
			}
			continue
		}
		for _, u := range q {
			if r := u.Record; r != nil {
				if r.Seq <= last {
					continue
				}
				if r.Seq != last+1 {
					s.resync() // never expected; heal from the journal
					break
				}
				last = r.Seq
			}
			if !s.send(u) {
				return
			}
			if u.Record != nil {
				s.last.Store(last)
			}
		}
	}
}

// catchUp delivers records after last from the journal, then goes live if
// nothing newer became durable meanwhile. It returns the new last seq and
// false when the subscription ended.
func (s *Subscription) catchUp(last uint64) (uint64, bool) {
	err := s.h.j.ReadFrom(last, func(r Record) error {
		if !s.send(Update{Record: &r}) {
			return errUnsubscribed
		}
		last = r.Seq
		s.last.Store(last)
		return nil
	})
	if err != nil {
		if !errors.Is(err, errUnsubscribed) {
			s.h.mu.Lock()
			s.closeLocked(err)
			s.h.mu.Unlock()
		}
		return last, false
	}
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	if s.closed {
		return last, false
	}
	// committed only moves under h.mu, so this check and the switch are one
	// step: every later record is published to the live queue.
	if last >= s.h.j.committed.Load() {
		s.live = true
		for seq, n := range s.dups {
			s.queue = append(s.queue, Update{Duplicate: &Duplicate{Seq: seq, Count: n}})
		}
		clear(s.dups)
	}
	return last, true
}

func (s *Subscription) resync() {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	if !s.closed {
		s.fallBehindLocked()
	}
}

func (s *Subscription) send(u Update) bool {
	select {
	case s.out <- u:
		return true
	case <-s.done:
		return false
	}
}
