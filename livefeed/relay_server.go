package livefeed

import (
	"errors"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// RelayOptions configures a RelayServer; zero durations take the defaults.
type RelayOptions struct {
	// Token is the relay token viewers must present as a bearer token.
	Token string
	// AllowedOrigins lists the browser origins (scheme://host[:port]) that may
	// connect; requests without an Origin header (non-browser clients such
	// as ecdash) are always allowed.
	AllowedOrigins []string
	// SendBuffer is how many messages a viewer may fall behind the stream
	// before it is disconnected to resume later (default 512).
	SendBuffer int
	// WriteWait bounds each write to a viewer (default 10 s).
	WriteWait time.Duration
	// PongWait is how long a viewer may stay silent (no pong) before it is
	// dropped (default 60 s); pings go out every PingPeriod (default 9/10 of it).
	PongWait   time.Duration
	PingPeriod time.Duration
}

func (o RelayOptions) withDefaults() RelayOptions {
	if o.SendBuffer <= 0 {
		o.SendBuffer = 512
	}
	if o.WriteWait <= 0 {
		o.WriteWait = 10 * time.Second
	}
	if o.PongWait <= 0 {
		o.PongWait = 60 * time.Second
	}
	if o.PingPeriod <= 0 || o.PingPeriod >= o.PongWait {
		o.PingPeriod = o.PongWait * 9 / 10
	}
	return o
}

// RelayStats counts a relay's viewers.
type RelayStats struct {
	Viewers         int    // connected now
	Connections     uint64 // accepted since start
	SlowDisconnects uint64 // viewers dropped for lagging or a write timeout
}

// RelayServer serves the journal over websocket at DefaultFeedPath to any
// number of dashboards: each viewer is replayed what it missed, then
// follows live. It is an http.Handler.
type RelayServer struct {
	store    *Store
	fan      *fanout // the one live reader of the stream, for every viewer
	opts     RelayOptions
	upgrader websocket.Upgrader

	mu      sync.Mutex
	viewers map[*viewer]struct{}
	closed  bool

	connections, slow atomic.Uint64
}

// NewRelayServer serves store's records to viewers that present opts.Token.
func NewRelayServer(store *Store, opts RelayOptions) (*RelayServer, error) {
	if store == nil {
		return nil, errors.New("relay needs a feed store")
	}
	if opts.Token == "" {
		return nil, errors.New("relay needs a relay token (--relay-token)")
	}
	s := &RelayServer{store: store, fan: newFanout(store), opts: opts.withDefaults(), viewers: map[*viewer]struct{}{}}
	s.upgrader = websocket.Upgrader{
		ReadBufferSize:  1024,
		WriteBufferSize: 32 << 10,
		// The origin was checked before upgrading, with a 403 that says why.
		CheckOrigin: func(*http.Request) bool { return true },
	}
	return s, nil
}

// Stats counts viewers.
func (s *RelayServer) Stats() RelayStats {
	s.mu.Lock()
	n := len(s.viewers)
	s.mu.Unlock()
	return RelayStats{Viewers: n, Connections: s.connections.Load(), SlowDisconnects: s.slow.Load()}
}

// Close disconnects every viewer (they will reconnect elsewhere or later)
// and refuses new ones.
func (s *RelayServer) Close() {
	s.mu.Lock()
	s.closed = true
	for v := range s.viewers {
		v.stopOnce.Do(func() { close(v.stop) })
	}
	s.mu.Unlock()
	s.fan.close()
}

func (s *RelayServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "the feed is a websocket: GET with Upgrade", http.StatusMethodNotAllowed)
		return
	}
	if !originAllowed(r, s.opts.AllowedOrigins) {
		http.Error(w, "origin not allowed", http.StatusForbidden)
		return
	}
	if !bearerMatches(r, s.opts.Token) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ecdash relay"`)
		http.Error(w, "relay token missing or wrong", http.StatusUnauthorized)
		return
	}
	after, err := parseAfter(r.URL.Query().Get("after"))
	if err != nil {
		http.Error(w, "after must be a sequence number", http.StatusBadRequest)
		return
	}
	v := &viewer{s: s, stop: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "relay is shutting down", http.StatusServiceUnavailable)
		return
	}
	s.viewers[v] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.viewers, v)
		s.mu.Unlock()
	}()

	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	s.connections.Add(1)
	v.conn = conn
	v.serve(after, r.URL.Query().Get("journal"))
}

func parseAfter(s string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseUint(s, 10, 64)
}
