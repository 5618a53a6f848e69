package livefeed

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"time"
)

// RelaySource follows an ecdash relay over websocket (Follow),
// reconnecting and resuming on its own.
type RelaySource struct {
	opts FollowOptions
	host string

	mu    sync.Mutex
	state State
	err   error
	// head is the relay's newest seq at the first connection: records up to
	// it are history, later ones arrived while the dashboard ran.
	head      uint64
	hasHead   bool
	resetSeen bool
}

// NewRelaySource follows the relay opts describe. opts.OnState is replaced:
// the status bar shows the state.
func NewRelaySource(opts FollowOptions) *RelaySource {
	host := opts.URL
	if u, err := url.Parse(opts.URL); err == nil && u.Host != "" {
		host = u.Host // never the query or userinfo
	}
	return &RelaySource{opts: opts, host: host, state: State{Phase: PhaseConnecting}}
}

// Start connects in the background. The relay replays what it retains (the
// Feed tab keeps the newest), then streams live. Records the relay held when
// the dashboard first connected count as history; this is decided by
// sequence number, so the two machines' clocks need not agree.
func (f *RelaySource) Start(ctx context.Context, _ int) (<-chan Update, func(Record) bool, error) {
	opts := f.opts
	opts.OnState = f.setState
	out := make(chan Update, 256)
	go func() {
		err := Follow(ctx, opts, out)
		if err != nil && !errors.Is(err, context.Canceled) {
			f.mu.Lock()
			f.err = err
			f.mu.Unlock()
		}
	}()
	return out, f.live, nil
}

// live reports whether r arrived at the relay after the dashboard connected.
func (f *RelaySource) live(r Record) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hasHead && r.Seq > f.head
}

func (f *RelaySource) setState(s State) {
	f.mu.Lock()
	f.state = s
	if s.Phase == PhaseConnected && (!f.hasHead || s.Reset && !f.resetSeen) {
		// The first hello (or the first after the relay's journal was
		// recreated, when seqs restarted) sets what counts as history.
		f.head, f.hasHead, f.resetSeen = s.RelaySeq, true, s.Reset
	}
	f.mu.Unlock()
}

// State is the connection's last reported state.
func (f *RelaySource) State() State {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state
}

// Status names the relay host and its connection state.
func (f *RelaySource) Status() SourceStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := SourceStatus{Source: "relay " + f.host}
	switch f.state.Phase {
	case PhaseConnected:
	case PhaseBackingOff:
		st.State, st.Problem = "reconnecting in "+f.state.RetryIn.Round(time.Second).String(), true
	default:
		st.State, st.Problem = string(f.state.Phase), f.state.Phase != PhaseConnecting
	}
	if f.err != nil {
		st.Err = strings.Join(strings.Fields(f.err.Error()), " ")
	}
	return st
}
