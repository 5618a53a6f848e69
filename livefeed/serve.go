package livefeed

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// Defaults of ServerOptions: generous for a webhook sender on the far side
// of the internet, short enough that a connection nobody uses is not held.
const (
	DefaultMaxConns     = 256
	DefaultHeaderTime   = 10 * time.Second
	DefaultBodyTime     = 15 * time.Second
	DefaultIdleTimeout  = 30 * time.Second
	DefaultWriteTimeout = 30 * time.Second
)

// ServerOptions bound what one client can hold of the receiver and relay.
type ServerOptions struct {
	// MaxConns caps the open connections (relay viewers included). At the
	// cap, a new connection first evicts the oldest one that has no request
	// in progress (idle, or still sending its headers); when there is none,
	// it is refused (closed at once). 0: DefaultMaxConns.
	MaxConns int
	// HeaderTimeout bounds reading a request's headers; BodyTimeout reading
	// a webhook's body (the receiver sets it per request, so websocket
	// viewers are not cut); IdleTimeout how long a keep-alive connection
	// waits for its next request. 0: the defaults.
	HeaderTimeout, BodyTimeout, IdleTimeout time.Duration
}

func (o ServerOptions) withDefaults() ServerOptions {
	if o.MaxConns <= 0 {
		o.MaxConns = DefaultMaxConns
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = DefaultHeaderTime
	}
	if o.BodyTimeout <= 0 {
		o.BodyTimeout = DefaultBodyTime
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	return o
}

// Server serves the receiver (and relay) on a listener with bounded
// connections and deadlines at every stage.
type Server struct {
	HTTP   *http.Server
	limits *connLimiter
}

// NewServer builds a server for h. Serve it with Serve.
func NewServer(h http.Handler, opts ServerOptions) *Server {
	opts = opts.withDefaults()
	lim := &connLimiter{max: opts.MaxConns, conns: map[net.Conn]*connInfo{}}
	srv := &http.Server{
		Handler:           withBodyDeadline(h, opts.BodyTimeout),
		ReadHeaderTimeout: opts.HeaderTimeout,
		IdleTimeout:       opts.IdleTimeout,
		WriteTimeout:      DefaultWriteTimeout,
		ConnState:         lim.setState,
	}
	return &Server{HTTP: srv, limits: lim}
}

// Serve accepts on ln until the server is shut down.
func (s *Server) Serve(ln net.Listener) error {
	return s.HTTP.Serve(&limitListener{Listener: ln, lim: s.limits})
}

// Shutdown stops accepting and waits for requests in progress (not for
// hijacked websocket connections: Close ends those).
func (s *Server) Shutdown(ctx context.Context) error { return s.HTTP.Shutdown(ctx) }

// Close closes every connection at once.
func (s *Server) Close() error { return s.HTTP.Close() }

// Conns reports the open connections and how many were refused or evicted
// at the cap since the start.
func (s *Server) Conns() (open, refused, evicted int) { return s.limits.counts() }

// withBodyDeadline gives each request BodyTimeout to send its body, on top
// of the header timeout. A websocket upgrade clears it (gorilla/websocket
// resets the connection's deadlines), so viewers are not affected.
func withBodyDeadline(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(d))
		h.ServeHTTP(w, r)
	})
}

// connInfo is what the limiter knows of one connection.
type connInfo struct {
	since time.Time
	state http.ConnState
}

// connLimiter counts the open connections and picks one to evict at the cap.
type connLimiter struct {
	max int

	mu               sync.Mutex
	conns            map[net.Conn]*connInfo
	refused, evicted int
}

// admit registers c, evicting an idle or header-less connection at the cap;
// false means c must be refused.
func (l *connLimiter) admit(c net.Conn) bool {
	l.mu.Lock()
	var victim net.Conn
	if len(l.conns) >= l.max {
		if victim = l.oldestEvictable(); victim == nil {
			l.refused++
			l.mu.Unlock()
			return false
		}
		delete(l.conns, victim)
		l.evicted++
	}
	l.conns[c] = &connInfo{since: time.Now(), state: http.StateNew}
	l.mu.Unlock()
	if victim != nil {
		victim.Close() // outside the lock: Close releases through it
	}
	return true
}

// oldestEvictable is the connection with nothing in progress that has
// waited longest: idle keep-alives and those that never sent a request.
func (l *connLimiter) oldestEvictable() net.Conn {
	var victim net.Conn
	var since time.Time
	for c, in := range l.conns {
		if in.state != http.StateNew && in.state != http.StateIdle {
			continue
		}
		if victim == nil || in.since.Before(since) {
			victim, since = c, in.since
		}
	}
	return victim
}

func (l *connLimiter) setState(c net.Conn, st http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if in, ok := l.conns[c]; ok {
		in.state = st
		in.since = time.Now()
	}
}

func (l *connLimiter) release(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.conns, c)
}

func (l *connLimiter) counts() (open, refused, evicted int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns), l.refused, l.evicted
}

// limitListener admits each accepted connection through the limiter; a
// refused one is closed before a byte is read.
type limitListener struct {
	net.Listener
	lim *connLimiter
}

func (ll *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := ll.Listener.Accept()
		if err != nil {
			return nil, err
		}
		tc := &trackedConn{Conn: c, lim: ll.lim}
		if ll.lim.admit(tc) {
			return tc, nil
		}
		c.Close()
	}
}

// trackedConn leaves the limiter when closed, by whoever closes it (the
// HTTP server, a websocket viewer after a hijack, or an eviction).
type trackedConn struct {
	net.Conn
	lim  *connLimiter
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() { c.lim.release(c) })
	return c.Conn.Close()
}
