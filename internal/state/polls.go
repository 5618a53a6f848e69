package state

import (
	"math/rand/v2"
	"time"
)

// Retry delays after failures: exponential from RetryBase, capped at RetryCap.
const (
	RetryBase = 2 * time.Second
	RetryCap  = 2 * time.Minute
)

// Heartbeat is the list that keeps its poll interval while failing (the
// others back off up to RetryCap): the first of its answers after an
// outage retries every other list, so the dashboard notices a recovery
// within one poll interval without hammering a struggling server.
const Heartbeat = Events

// Poll is the polling state of one list.
type Poll struct {
	Inflight uint64    // id of the request in flight; 0 when none
	Gen      uint64    // generation of the armed timer; a timer of another generation is stale
	Failures int       // consecutive failures
	RetryAt  time.Time // when the next try is due after a failure
	LastErr  error     // the last failure, nil after a success
	Updated  time.Time // when the list last loaded successfully
}

// Polls decides when each list is fetched: one request at a time per
// list, the poll interval after a success, a backoff after a failure, and
// a prompt retry of everything once the API answers again. The shell turns
// its decisions into requests and timers.
type Polls struct {
	interval time.Duration
	jitter   func() float64
	polls    map[Kind]*Poll
}

// NewPolls polls each list every interval; jitter returns a number in
// [0,1) that spreads retry delays (nil: math/rand).
func NewPolls(interval time.Duration, jitter func() float64) *Polls {
	if jitter == nil {
		jitter = rand.Float64
	}
	p := &Polls{interval: interval, jitter: jitter, polls: map[Kind]*Poll{}}
	for _, k := range Polled {
		p.polls[k] = &Poll{}
	}
	return p
}

// Of is kind's state (a zero Poll for a kind that is not polled).
func (p *Polls) Of(kind Kind) Poll { return *p.of(kind) }

func (p *Polls) of(kind Kind) *Poll {
	if lp := p.polls[kind]; lp != nil {
		return lp
	}
	return &Poll{}
}

// Interval is the poll interval after a success.
func (p *Polls) Interval() time.Duration { return p.interval }

// Begin records request id for kind as in flight; false when one already
// is (an overlapping refresh is dropped: the one in flight answers).
func (p *Polls) Begin(kind Kind, id uint64) bool {
	lp := p.polls[kind]
	if lp == nil || lp.Inflight != 0 {
		return false
	}
	lp.Inflight = id
	return true
}

// Busy reports whether a request for kind is in flight.
func (p *Polls) Busy(kind Kind) bool { return p.of(kind).Inflight != 0 }

// Arm supersedes kind's armed timer and returns the generation the next one
// carries.
func (p *Polls) Arm(kind Kind) uint64 {
	lp := p.of(kind)
	lp.Gen++
	return lp.Gen
}

// Due reports whether a timer of generation gen is still kind's current one.
func (p *Polls) Due(kind Kind, gen uint64) bool {
	lp := p.polls[kind]
	return lp != nil && gen == lp.Gen
}

// Answer reports whether id is kind's request in flight, and clears it: an
// answer to any other request was superseded and must be dropped, so a late
// answer never replaces newer data.
func (p *Polls) Answer(kind Kind, id uint64) bool {
	lp := p.polls[kind]
	if lp == nil || id == 0 || id != lp.Inflight {
		return false
	}
	lp.Inflight = 0
	return true
}

// Failed records a failure of kind and returns the delay before its retry.
func (p *Polls) Failed(kind Kind, err error, now time.Time) time.Duration {
	lp := p.of(kind)
	lp.Failures++
	lp.LastErr = err
	delay := Backoff(lp.Failures, p.jitter())
	if kind == Heartbeat {
		delay = min(delay, p.interval)
	}
	lp.RetryAt = now.Add(delay)
	return delay
}

// Succeeded records a success of kind and says which failing lists should
// try again: now (after an outage, since this list had been failing too,
// and any list that got no answer at all, which this answer disproves),
// and soon (within one poll interval: the server keeps answering them with
// an error; no sooner, so a broken endpoint is not hammered). The shell
// fetches the first and re-arms the second with the interval.
func (p *Polls) Succeeded(kind Kind, now time.Time) (retryNow, retrySoon []Kind) {
	lp := p.of(kind)
	recovered := lp.Failures > 0
	lp.Failures, lp.LastErr, lp.RetryAt = 0, nil, time.Time{}
	lp.Updated = now
	for _, k := range Polled {
		o := p.polls[k]
		switch {
		case o.LastErr == nil || o.Inflight != 0:
		case recovered || Classify(o.LastErr) == ConnOffline:
			retryNow = append(retryNow, k)
		case o.RetryAt.After(now.Add(p.interval)):
			o.RetryAt = now.Add(p.interval)
			retrySoon = append(retrySoon, k)
		}
	}
	return retryNow, retrySoon
}

// Backoff is the delay before retry number failures (1-based): RetryBase
// doubled per failure up to RetryCap, of which the upper half is spread by
// jitter in [0,1) so many dashboards do not retry in lockstep.
func Backoff(failures int, jitter float64) time.Duration {
	d := RetryCap
	if failures < 1 {
		failures = 1
	}
	if failures <= 16 {
		d = min(RetryBase<<(failures-1), RetryCap)
	}
	jitter = min(max(jitter, 0), 1)
	return d/2 + time.Duration(jitter*float64(d/2))
}
