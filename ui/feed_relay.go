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

	mu    sync.Mutex
	state livefeed.State
	err   error
	// head is the relay's newest seq at the first connection: records up to
	// it are history, later ones arrived while the dashboard ran.
	head      uint64
	hasHead   bool
	resetSeen bool
}

// NewRelayFeed follows the relay opts describe. opts.OnState is replaced:
// the status bar shows the state.
func NewRelayFeed(opts livefeed.FollowOptions) *RelayFeed {
	host := opts.URL
	if u, err := url.Parse(opts.URL); err == nil && u.Host != "" {
		host = u.Host // never the query or userinfo
	}
	return &RelayFeed{opts: opts, host: host, state: livefeed.State{Phase: livefeed.PhaseConnecting}}
}

// Start connects in the background. The relay replays what it retains (the
// Feed tab keeps the newest), then streams live. Records the relay held when
// the dashboard first connected count as history; this is decided by
// sequence number, so the two machines' clocks need not agree.
func (f *RelayFeed) Start(ctx context.Context, _ int) (<-chan livefeed.Update, func(livefeed.Record) bool, error) {
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
	return out, f.live, nil
}

// live reports whether r arrived at the relay after the dashboard connected.
func (f *RelayFeed) live(r livefeed.Record) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hasHead && r.Seq > f.head
}

func (f *RelayFeed) setState(s livefeed.State) {
	f.mu.Lock()
	f.state = s
	if s.Phase == livefeed.PhaseConnected && (!f.hasHead || s.Reset && !f.resetSeen) {
		// The first hello (or the first after the relay's journal was
		// recreated, when seqs restarted) sets what counts as history.
		f.head, f.hasHead, f.resetSeen = s.RelaySeq, true, s.Reset
	}
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
