package state

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// Conn is the dashboard's view of the API, worst last.
type Conn int

const (
	ConnOK       Conn = iota
	ConnLoading       // nothing loaded yet, no failure either
	ConnRetrying      // the server answered with an error (5xx, malformed, …)
	ConnOffline       // no answer at all (network)
	ConnAuth          // credentials refused
)

// Classify names the state a failed request leaves the connection in.
func Classify(err error) Conn {
	switch {
	case client.IsAuth(err):
		return ConnAuth
	case client.StatusCode(err) == 0 && client.IsTransient(err):
		return ConnOffline
	}
	return ConnRetrying
}

// Connection aggregates the polled lists: the worst state wins, and the
// retry countdown is the soonest among the lists in that state.
func (p *Polls) Connection(now time.Time, store Store) (Conn, time.Duration) {
	worst, retry, anyLoaded := ConnOK, time.Duration(-1), false
	for _, k := range Polled {
		lp := p.of(k)
		if store.Loaded(k) {
			anyLoaded = true
		}
		if lp.LastErr == nil {
			continue
		}
		st, in := Classify(lp.LastErr), max(lp.RetryAt.Sub(now), 0)
		switch {
		case st > worst:
			worst, retry = st, in
		case st == worst && in < retry:
			retry = in
		}
	}
	if worst == ConnOK && !anyLoaded {
		return ConnLoading, 0
	}
	return worst, retry
}
