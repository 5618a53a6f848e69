package livefeed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/websocket"
)

// Phase is the relay connection's state, for the dashboard's status bar.
type Phase string

const (
	PhaseConnecting Phase = "connecting"
	PhaseConnected  Phase = "connected"
	PhaseBackingOff Phase = "backing off"
	PhaseAuthFailed Phase = "auth failed"
	PhaseStopped    Phase = "stopped"
)

// State is reported to FollowOptions.OnState at every change.
type State struct {
	Phase Phase
	// Attempt counts connection attempts since the last successful one.
	Attempt int
	// RetryIn is the wait before the next attempt (PhaseBackingOff).
	RetryIn time.Duration
	// Err is why the last connection ended or failed; it never holds the token.
	Err error
	// Journal and LastSeq are what the client holds: pass them back as
	// FollowOptions.Journal and After to resume after a restart.
	Journal string
	LastSeq uint64
	// RelaySeq is the relay journal's newest seq when the current connection
	// began (its hello): records up to it were replayed, later ones are new.
	RelaySeq uint64
	// Reset is true once the relay said its journal was recreated, so
	// sequence numbers started again from 1.
	Reset bool
}

func (s State) String() string {
	switch s.Phase {
	case PhaseBackingOff:
		msg := fmt.Sprintf("relay: backing off %s", s.RetryIn.Round(100*time.Millisecond))
		if s.Err != nil {
			msg += " (" + s.Err.Error() + ")"
		}
		return msg
	case PhaseConnected:
		return fmt.Sprintf("relay: connected (seq %d)", s.LastSeq)
	}
	return "relay: " + string(s.Phase)
}

var (
	// ErrRelayUnauthorized: the relay refused the token (401). Retrying with
	// the same token cannot succeed, so Follow stops.
	ErrRelayUnauthorized = errors.New("relay refused the relay token (401)")
	// ErrRelayForbidden: the relay refused the origin (403).
	ErrRelayForbidden = errors.New("relay refused this client's origin (403)")
)

// FollowOptions configures Follow; zero durations take the defaults.
type FollowOptions struct {
	// URL is the relay's feed, ws[s]://host/feed (http[s] is accepted).
	URL   string
	Token string
	// After and Journal say what the caller already holds.
	After   uint64
	Journal string
	// Secrets, when set, re-verify every body here; Record.Verified is then
	// this client's verdict, not the relay's.
	Secrets [][]byte
	// OnState is called (from Follow's goroutine) at every state change.
	OnState func(State)
	// MinBackoff and MaxBackoff bound the reconnect delay (default 500 ms, 30 s).
	MinBackoff, MaxBackoff time.Duration
	// ReadTimeout drops a connection that has been silent this long, pings
	// included (default 75 s; the relay pings every 54 s).
	ReadTimeout time.Duration
	// Dialer defaults to websocket.DefaultDialer.
	Dialer *websocket.Dialer
}

// maxRelayFrame bounds one frame: a 1 MiB body is about 1.4 MiB in base64.
const maxRelayFrame = 16 << 20

// Follow streams the relay's notifications into out, each record exactly
// once and in order, reconnecting with exponential backoff and jitter and
// resuming from the last record it delivered. It returns ctx.Err() when ctx
// ends, or ErrRelayUnauthorized / ErrRelayForbidden when the relay refuses
// it. It closes out when it returns.
func Follow(ctx context.Context, opts FollowOptions, out chan<- Update) error {
	defer close(out)
	base, err := feedURL(opts.URL)
	if err != nil {
		return err
	}
	f := &follower{opts: opts, base: base, out: out, last: opts.After, journal: opts.Journal}
	if f.opts.MinBackoff <= 0 {
		f.opts.MinBackoff = 500 * time.Millisecond
	}
	if f.opts.MaxBackoff < f.opts.MinBackoff {
		f.opts.MaxBackoff = max(30*time.Second, f.opts.MinBackoff)
	}
	if f.opts.ReadTimeout <= 0 {
		f.opts.ReadTimeout = 75 * time.Second
	}
	if f.opts.Dialer == nil {
		f.opts.Dialer = websocket.DefaultDialer
	}
	b := backoff{min: f.opts.MinBackoff, max: f.opts.MaxBackoff}
	for {
		f.report(State{Phase: PhaseConnecting, Attempt: b.attempt + 1})
		connected, err := f.session(ctx)
		if ctx.Err() != nil {
			f.report(State{Phase: PhaseStopped})
			return ctx.Err()
		}
		if errors.Is(err, ErrRelayUnauthorized) || errors.Is(err, ErrRelayForbidden) {
			f.report(State{Phase: PhaseAuthFailed, Err: err})
			return err
		}
		if connected {
			b.reset()
		}
		wait := b.next()
		f.report(State{Phase: PhaseBackingOff, Attempt: b.attempt, RetryIn: wait, Err: err})
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			f.report(State{Phase: PhaseStopped})
			return ctx.Err()
		case <-t.C:
		}
	}
}

type follower struct {
	opts    FollowOptions
	base    *url.URL
	out     chan<- Update
	last    uint64
	journal string
	reset   bool
	head    uint64 // the relay's newest seq at the last hello
}

func (f *follower) report(s State) {
	if f.opts.OnState == nil {
		return
	}
	s.Journal, s.LastSeq, s.Reset, s.RelaySeq = f.journal, f.last, f.reset, f.head
	f.opts.OnState(s)
}

// session runs one connection until it ends; connected says the relay
// accepted it (so the backoff starts over).
func (f *follower) session(ctx context.Context) (connected bool, err error) {
	u := *f.base
	q := u.Query()
	q.Set("after", strconv.FormatUint(f.last, 10))
	if f.journal != "" {
		q.Set("journal", f.journal)
	}
	u.RawQuery = q.Encode()
	hdr := http.Header{"Authorization": {"Bearer " + f.opts.Token}}
	conn, resp, err := f.opts.Dialer.DialContext(ctx, u.String(), hdr)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if err != nil {
		if resp != nil {
			switch resp.StatusCode {
			case http.StatusUnauthorized:
				return false, ErrRelayUnauthorized
			case http.StatusForbidden:
				return false, ErrRelayForbidden
			}
			return false, fmt.Errorf("relay answered %s", resp.Status)
		}
		return false, fmt.Errorf("dialing relay: %w", err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	conn.SetReadLimit(maxRelayFrame)
	timeout := f.opts.ReadTimeout
	conn.SetPingHandler(func(data string) error {
		conn.SetReadDeadline(time.Now().Add(timeout))
		conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(10*time.Second))
		return nil
	})

	first := true
	for {
		conn.SetReadDeadline(time.Now().Add(timeout))
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return !first, fmt.Errorf("relay connection lost: %w", err)
		}
		fr, err := decodeFrame(msg)
		if err != nil {
			return !first, err
		}
		if first {
			if fr.hello == nil {
				return false, errors.New("relay did not start with a hello frame")
			}
			first = false
			if fr.hello.Reset && f.last != 0 {
				f.last, f.reset = 0, true
			}
			f.journal, f.head = fr.hello.Journal, fr.hello.LastSeq
			f.report(State{Phase: PhaseConnected})
			continue
		}
		if err := f.deliver(ctx, fr.upd); err != nil {
			return true, err
		}
	}
}

func (f *follower) deliver(ctx context.Context, u Update) error {
	if r := u.Record; r != nil {
		if r.Seq <= f.last {
			return nil // already delivered before a reconnect
		}
		if f.opts.Secrets != nil {
			_, r.Verified = Verify(f.opts.Secrets, r.Body, r.Signature)
		}
	} else if u.Duplicate == nil {
		return nil
	}
	select {
	case f.out <- u:
	case <-ctx.Done():
		return ctx.Err()
	}
	if u.Record != nil {
		f.last = u.Record.Seq
	}
	return nil
}

// feedURL accepts ws, wss, http and https URLs of the relay's feed.
func feedURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("relay URL %q: want ws[s]://host/feed", raw)
	}
	switch u.Scheme {
	case "ws", "wss":
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return nil, fmt.Errorf("relay URL %q: want ws[s]://host/feed", raw)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = DefaultFeedPath
	}
	return u, nil
}
