package ui

import (
	"strconv"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
)

// connState is the dashboard's view of the API, worst last.
type connState int

const (
	connOK       connState = iota
	connLoading            // nothing loaded yet, no failure either
	connRetrying           // the server answered with an error (5xx, malformed, …)
	connOffline            // no answer at all (network)
	connAuth               // credentials refused
)

// classify names the state a failed request leaves the connection in.
func classify(err error) connState {
	switch {
	case client.IsAuth(err):
		return connAuth
	case client.StatusCode(err) == 0 && client.IsTransient(err):
		return connOffline
	}
	return connRetrying
}

// connection aggregates the polled lists: the worst state wins, and the
// retry countdown is the soonest among the lists in that state.
func (m *Model) connection() (connState, time.Duration) {
	now := m.ctx.Now()
	worst, retry, anyLoaded := connOK, time.Duration(-1), false
	for _, k := range views.Polled {
		lp := m.polls[k]
		if m.cache.Loaded(k) {
			anyLoaded = true
		}
		if lp.lastErr == nil {
			continue
		}
		st, in := classify(lp.lastErr), max(lp.retryAt.Sub(now), 0)
		switch {
		case st > worst:
			worst, retry = st, in
		case st == worst && in < retry:
			retry = in
		}
	}
	if worst == connOK && !anyLoaded {
		return connLoading, 0
	}
	return worst, retry
}

// connText renders the state for the status bar.
func connText(st connState, retry time.Duration) string {
	in := "now"
	if retry > 0 {
		in = "in " + strconv.Itoa(int((retry+time.Second-1)/time.Second)) + " s"
	}
	switch st {
	case connLoading:
		return "○ connecting…"
	case connRetrying:
		return "▲ retrying " + in
	case connOffline:
		return "✗ offline · retrying " + in
	case connAuth:
		return "✗ auth failed"
	}
	return "● ok"
}
