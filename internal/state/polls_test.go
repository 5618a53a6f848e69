package state

import (
	"errors"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestBackoffGrowsToCapWithJitter(t *testing.T) {
	var prev time.Duration
	for f := 1; f <= 10; f++ {
		lo, hi := Backoff(f, 0), Backoff(f, 0.999999)
		if lo > hi {
			t.Fatalf("failures=%d: jitter 0 gives %v > jitter 1 gives %v", f, lo, hi)
		}
		if f <= 6 && lo <= prev && prev != 0 {
			t.Errorf("failures=%d: %v does not grow past %v", f, lo, prev)
		}
		if hi > RetryCap {
			t.Errorf("failures=%d: %v above the cap %v", f, hi, RetryCap)
		}
		prev = lo
	}
	if got := Backoff(1, 0); got != RetryBase/2 {
		t.Errorf("first retry with no jitter = %v, want %v", got, RetryBase/2)
	}
	if got := Backoff(1000, 0.5); got != RetryCap/2+RetryCap/4 {
		t.Errorf("many failures = %v, want the capped %v", got, RetryCap*3/4)
	}
	if got := Backoff(0, 2); got != RetryBase {
		t.Errorf("out-of-range input = %v, want %v", got, RetryBase)
	}
}

var t0 = time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)

func TestPollsOneRequestAtATime(t *testing.T) {
	p := NewPolls(15*time.Second, func() float64 { return 0.5 })
	if !p.Begin(Events, 1) || p.Begin(Events, 2) {
		t.Fatal("a second request started while one is in flight")
	}
	if p.Answer(Events, 2) {
		t.Error("an answer to a request never started was taken")
	}
	if !p.Answer(Events, 1) || p.Busy(Events) {
		t.Error("the answer to the request in flight was not taken")
	}
	gen := p.Arm(Events)
	if p.Due(Events, gen-1) || !p.Due(Events, gen) {
		t.Error("a stale timer is due, or the current one is not")
	}
}

// An outage, then recovery: the heartbeat list keeps its interval, the
// others back off; the first answer retries the failing ones at once.
func TestPollsRecovery(t *testing.T) {
	p := NewPolls(15*time.Second, func() float64 { return 0.5 })
	offline := &client.Error{Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}
	server := &client.Error{StatusCode: 500, Err: errors.New("boom")}
	for range 6 {
		if d := p.Failed(Heartbeat, server, t0); d > 15*time.Second {
			t.Fatalf("the heartbeat waits %v, more than the poll interval", d)
		}
		p.Failed(Reports, server, t0)
		p.Failed(Resources, offline, t0)
	}
	if d := p.Of(Reports).RetryAt.Sub(t0); d <= 15*time.Second {
		t.Errorf("after 6 failures Reports retries in %v: it should back off beyond the interval", d)
	}
	now, soon := p.Succeeded(Heartbeat, t0)
	if len(soon) != 0 || len(now) != 2 || now[0] != Resources || now[1] != Reports {
		t.Errorf("after the heartbeat recovered: now %v soon %v, want every failing list now", now, soon)
	}

	// A broken endpoint while the API answers: within one interval, no sooner.
	q := NewPolls(15*time.Second, func() float64 { return 0.5 })
	for range 6 {
		q.Failed(Reports, server, t0)
		q.Failed(Resources, offline, t0)
	}
	now, soon = q.Succeeded(Events, t0)
	if len(now) != 1 || now[0] != Resources || len(soon) != 1 || soon[0] != Reports {
		t.Errorf("steady success: now %v soon %v, want the offline list now and the erroring one soon", now, soon)
	}
	if got := q.Of(Reports).RetryAt; !got.Equal(t0.Add(15 * time.Second)) {
		t.Errorf("the erroring list retries at %v", got)
	}
}
