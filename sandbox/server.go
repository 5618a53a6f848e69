package sandbox

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/atomicfile"
)

// Options configure a sandbox.
type Options struct {
	// Token is the bearer token every request must carry. Required.
	Token string
	// Seed makes the seeded account, ids and fleet behaviour deterministic:
	// the same seed and clock give the same answers.
	Seed int64
	// DataFile, when set, persists the store as JSON: it is loaded at start
	// if present (its own seed then wins over Seed) and rewritten atomically
	// after every change.
	DataFile string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives one line per request and background errors; nil
	// discards. Tokens and webhook secrets are never logged.
	Logger *slog.Logger
	// Tick is how often Run advances the fleet; zero means 2 s.
	Tick time.Duration

	// DispatchEvery, when positive, makes Run create a new event this often
	// (and now and then amend or cancel an upcoming one), so webhooks and
	// the fleet's answers flow without anyone pressing a key. Zero is off.
	DispatchEvery time.Duration
	// WebhookClient sends webhooks; nil means a client of its own that does
	// not follow redirects (a webhook answered 3xx is a failed delivery).
	WebhookClient *http.Client
	// WebhookBackoff is the wait before the first retry of a failed webhook;
	// each further retry waits twice as long. Zero means 1 s.
	WebhookBackoff time.Duration
	// WebhookTimeout bounds each delivery attempt; zero means 5 s.
	WebhookTimeout time.Duration
	// Size makes the seeded account larger (Vehicles, Events); zero is the
	// hand-made account of 40 vehicles and 13 events.
	Size Size
	// CreatedStatus is the status of a successful POST that creates an
	// object (reports, resources, subscriptions, the events extension): 0
	// means 200 with the object, the default of the ASP.NET API the sandbox
	// stands in for; 201 tests that clients accept both.
	CreatedStatus int
	// WebhookQueue bounds the notifications waiting per subscription; more
	// are dropped and logged. Zero means 256.
	WebhookQueue int
}

// Server is a running sandbox. Its methods are safe for concurrent use.
type Server struct {
	tokenSum [sha256.Size]byte
	dataFile string
	now      func() time.Time
	log      *slog.Logger
	tick     time.Duration
	handler  http.Handler
	created  int       // status of a successful creating POST
	lists    listCache // encoded list answers

	webhooks      *deliverer
	dispatchEvery time.Duration

	mu      sync.Mutex
	st      state
	pending []chargeAction // planned fleet actions after st.FleetCursor, in time order
	// vehicles indexes st.Resources by resourceId for planning; it is
	// rebuilt when the slice was replaced (state is copy on write).
	vehicles struct {
		of    map[string]int
		first *client.Resource
	}
	// nextDispatch is when Run next dispatches an event (zero when off).
	nextDispatch time.Time

	closeOnce sync.Once
	closed    chan struct{}
}

// New builds a sandbox: loads opts.DataFile if it exists, otherwise seeds a
// fresh account (and writes it there), then lets the fleet catch up with
// the clock so past events carry their reports.
func New(opts Options) (*Server, error) {
	if opts.Token == "" {
		return nil, errors.New("sandbox: a bearer token is required")
	}
	if strings.ContainsAny(opts.Token, " \t\r\n") {
		return nil, errors.New("sandbox: the bearer token must not contain whitespace")
	}
	s := &Server{
		tokenSum: sha256.Sum256([]byte(opts.Token)),
		dataFile: opts.DataFile,
		now:      opts.Now,
		log:      opts.Logger,
		tick:     opts.Tick,
		closed:   make(chan struct{}),
		created:  opts.CreatedStatus,
	}
	if s.created == 0 {
		s.created = http.StatusOK
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.tick <= 0 {
		s.tick = defaultTick
	}
	now := s.now().UTC()
	if opts.DispatchEvery > 0 {
		s.dispatchEvery = opts.DispatchEvery
		s.nextDispatch = now.Add(opts.DispatchEvery)
	}
	s.webhooks = newDeliverer(deliveryOptions{
		client:   opts.WebhookClient,
		backoff:  opts.WebhookBackoff,
		timeout:  opts.WebhookTimeout,
		queueCap: opts.WebhookQueue,
		log:      s.log,
	})

	fresh := true
	if s.dataFile != "" {
		removeStaleTemps(s.dataFile)
		st, found, err := loadState(s.dataFile)
		if err != nil {
			return nil, fmt.Errorf("sandbox: %w", err)
		}
		if found {
			fresh = false
			s.st = st
			if st.Seed != opts.Seed {
				s.log.Info("sandbox: using the seed stored in the data file", "seed", st.Seed, "file", s.dataFile)
			}
		}
	}
	if fresh {
		s.st = seedState(opts.Seed, now, opts.Size)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ev := range s.st.Events {
		s.planLocked(ev)
	}
	n, err := s.advanceLocked(now)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	if fresh && n == 0 && s.dataFile != "" {
		if err := s.commitLocked(s.st); err != nil {
			return nil, fmt.Errorf("sandbox: %w", err)
		}
	}
	s.handler = s.routes()
	if len(s.st.Events)+len(s.st.Resources) >= warmFrom {
		s.warm()
	}
	return s, nil
}

// warmFrom is the account size (events and vehicles) from which the
// events are encoded in the background as soon as the sandbox is made: the
// first dashboard to ask then waits for an encode already under way.
const warmFrom = 10_000

// warm starts encoding the events list, the one a dashboard asks for
// first (it opens on the Events tab).
func (s *Server) warm() {
	entry(&s.lists, "events", s.st.Events)
}

// Handler serves the API. Mount it at the root: paths are /events, ….
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops Run and webhook delivery: attempts in flight are cancelled and
// queued notifications abandoned (each is logged), and Close returns once
// every delivery goroutine has ended. Every change is already saved when its
// request is answered, so there is nothing to flush. Close is idempotent.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.webhooks.close()
	})
	return nil
}

// commitLocked makes next the current state once it is saved. With a data
// file, a change that cannot be written is refused: answering success for
// data a restart would lose is worse than an error.
func (s *Server) commitLocked(next state) error {
	if s.dataFile != "" {
		data, err := encodeState(next)
		if err != nil {
			return fmt.Errorf("encode data file: %w", err)
		}
		if err := atomicfile.WriteBytes(s.dataFile, 0o600, data); err != nil {
			return err
		}
	}
	s.st = next
	return nil
}

// snapshot returns the current state for reading. Its slices are never
// written in place (see state), so they may be used after unlocking.
func (s *Server) snapshot() state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

func (s *Server) clock() time.Time { return s.now().UTC() }
