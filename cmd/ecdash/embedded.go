package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/ecdash/ecdash/sandbox"
)

// sandboxConfig is how to run an embedded sandbox.
type sandboxConfig struct {
	Addr     string // host:port; port 0 picks a free one
	Token    string // "" generates one
	DataFile string // "" keeps data in memory
	Seed     int64
	Logger   *slog.Logger
	// DispatchEvery makes the sandbox create an event this often (0: off).
	DispatchEvery time.Duration
	// Chaos is the share of requests answered with an injected fault (0: none).
	Chaos float64
	// ChaosSlow bounds the delay of a slow answer (0: the sandbox's 3 s).
	ChaosSlow time.Duration
	// CreatedStatus answers a successful POST (0: 200, as the real API does).
	CreatedStatus int
	// Size makes the account larger (zero: the hand-made one).
	Size sandbox.Size
}

// runningSandbox is a sandbox serving on a loopback port. BaseURL and Token
// are all a client (or the dashboard) needs to talk to it.
type runningSandbox struct {
	BaseURL string
	Token   string
	Seed    int64
	Chaos   float64
	Addr    net.Addr

	srv     *sandbox.Server
	http    *http.Server
	served  chan error // the HTTP server's result
	stopRun context.CancelFunc
	ran     chan struct{} // closed when the background simulation returns
}

// startSandbox starts the sandbox server and its background fleet simulation.
// Stop must be called to flush its data file.
func startSandbox(cfg sandboxConfig) (*runningSandbox, error) {
	if cfg.Token == "" {
		cfg.Token = newToken()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	srv, err := sandbox.New(sandbox.Options{Token: cfg.Token, Seed: cfg.Seed, DataFile: cfg.DataFile, Logger: cfg.Logger,
		DispatchEvery: cfg.DispatchEvery, CreatedStatus: cfg.CreatedStatus, Size: cfg.Size})
	if err != nil {
		return nil, err
	}
	handler := srv.Handler()
	if cfg.Chaos > 0 {
		log := cfg.Logger
		handler = sandbox.Chaos(handler, sandbox.ChaosOptions{Rate: cfg.Chaos, Seed: uint64(cfg.Seed), MaxDelay: cfg.ChaosSlow,
			OnFault: func(r *http.Request, f sandbox.Fault) {
				log.Info("chaos", "method", r.Method, "path", r.URL.Path, "fault", f.String())
			}})
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	rs := &runningSandbox{
		BaseURL: "http://" + dialAddr(ln.Addr()),
		Token:   cfg.Token,
		Seed:    cfg.Seed,
		Chaos:   cfg.Chaos,
		Addr:    ln.Addr(),
		srv:     srv,
		http:    &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute},
		served:  make(chan error, 1),
		ran:     make(chan struct{}),
	}
	go func() { rs.served <- rs.http.Serve(ln) }()
	runCtx, cancel := context.WithCancel(context.Background())
	rs.stopRun = cancel
	go func() {
		defer close(rs.ran)
		_ = srv.Run(runCtx) // it logs its own failures and returns nil when stopped
	}()
	return rs, nil
}

// wait blocks until ctx ends (Ctrl-C) or the HTTP server fails.
func (rs *runningSandbox) wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return nil
	case err := <-rs.served:
		rs.served <- err // let Stop see it too
		return fmt.Errorf("sandbox: %w", err)
	}
}

// Stop finishes in-flight requests (for up to 5 s), stops the simulation and
// closes the sandbox, which writes its data file.
func (rs *runningSandbox) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	errHTTP := rs.http.Shutdown(ctx)
	rs.stopRun()
	<-rs.ran
	errClose := rs.srv.Close()
	if errHTTP != nil {
		errHTTP = fmt.Errorf("sandbox: stopping the HTTP server: %w", errHTTP)
	}
	if errClose != nil {
		errClose = fmt.Errorf("sandbox: %w", errClose)
	}
	return errors.Join(errHTTP, errClose)
}

// dialAddr is the address a client should dial: a server listening on all
// interfaces is reached through loopback.
func dialAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}

// newToken is a random bearer token for a sandbox started without one.
func newToken() string { return "sbx_" + rand.Text() }
