package ui

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"time"

	"github.com/ecdash/ecdash/livefeed"
)

// RelayFeed follows an ecdash relay over websocket (livefeed.Follow),
// reconnecting and resuming on its own.
type RelayFeed struct {
	opts livefeed.FollowOptions
	host string
	now  func() time.Time

	mu    sync.Mutex
	state livefeed.State
	err   error
}

// NewRelayFeed follows the relay opts describe. opts.OnState is replaced:
// the status bar shows the state.
func NewRelayFeed(opts livefeed.FollowOptions) *RelayFeed {
	host := opts.URL
	if u, err := url.Parse(opts.URL); err == nil && u.Host != "" {
		host = u.Host // never the query or userinfo
	}
	return &RelayFeed{opts: opts, host: host, now: time.Now, state: livefeed.State{Phase: livefeed.PhaseConnecting}}
}

// Start connects in the background. The relay replays what it retains (the
// Feed tab keeps the newest), then streams live. Records the relay received
// before Start count as history.
func (f *RelayFeed) Start(ctx context.Context, _ int) (<-chan livefeed.Update, func(livefeed.Record) bool, error) {
	start := f.now()
	opts := f.opts
	opts.OnState = f.setState
	out := make(chan livefeed.Update, 256)
	go func() {
		err := livefeed.Follow(ctx, opts, out)
		if err != nil && !errors.Is(err, context.Canceled) {
			f.mu.Lock()
			f.err = err
			f.mu.Unlock()
		}
	}()
	return out, func(r livefeed.Record) bool { return !r.Received.Before(start) }, nil
}

func (f *RelayFeed) setState(s livefeed.State) {
	f.mu.Lock()
	f.state = s
	f.mu.Unlock()
}

// State is the connection's last reported state.
func (f *RelayFeed) State() livefeed.State {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state
}

// Status names the relay host and its connection state.
func (f *RelayFeed) Status() FeedStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := FeedStatus{Source: "relay " + f.host}
	switch f.state.Phase {
	case livefeed.PhaseConnected:
	case livefeed.PhaseBackingOff:
		st.State, st.Problem = "reconnecting in "+f.state.RetryIn.Round(time.Second).String(), true
	default:
		st.State, st.Problem = string(f.state.Phase), f.state.Phase != livefeed.PhaseConnecting
	}
	if f.err != nil {
		st.Err = oneLine(f.err.Error())
	}
	return st
}
