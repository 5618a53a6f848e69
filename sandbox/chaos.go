package sandbox

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Fault is one way Chaos spoils an answer.
type Fault int

const (
	FaultNone        Fault = iota
	FaultServerError       // 500 problem+json; the request is not handled
	FaultTooMany           // 429 with Retry-After; the request is not handled
	FaultSlow              // the real answer, after a delay
	FaultDrop              // the connection is closed before any answer; not handled
	FaultTruncated         // handled, and the real answer cut off halfway
	FaultMalformed         // handled, and the real status with a body that is not JSON
)

// Faults lists every fault, for ChaosOptions.Faults and tests.
var Faults = []Fault{FaultServerError, FaultTooMany, FaultSlow, FaultDrop, FaultTruncated, FaultMalformed}

func (f Fault) String() string {
	switch f {
	case FaultNone:
		return "none"
	case FaultServerError:
		return "500"
	case FaultTooMany:
		return "429"
	case FaultSlow:
		return "slow"
	case FaultDrop:
		return "drop"
	case FaultTruncated:
		return "truncated"
	case FaultMalformed:
		return "malformed"
	}
	return "fault(" + strconv.Itoa(int(f)) + ")"
}

// ChaosOptions configure Chaos.
type ChaosOptions struct {
	// Rate is the share of requests spoiled, from 0 (none) to 1 (all).
	Rate float64
	// Seed makes the choice of requests and faults repeatable.
	Seed uint64
	// Faults are drawn from uniformly (nil: all of Faults).
	Faults []Fault
	// MaxDelay bounds a slow answer's delay, drawn uniformly up to it (0: 3 s).
	MaxDelay time.Duration
	// Pick, when set, replaces Rate, Seed and Faults: it names the fault for
	// each request, so a test can spoil exactly the requests it means to.
	Pick func(r *http.Request) Fault
	// OnFault, when set, is told of each spoiled request (for logging).
	OnFault func(r *http.Request, f Fault)
}

// Chaos wraps an API handler with fault injection, so clients can be tested
// against a server that fails the way real ones do. Faults that leave the
// request unhandled (500, 429, drop) are decided before the handler runs;
// truncated and malformed answers come after it, so a POST may be applied
// while its client sees an error: exactly the case where a client must not
// send it again.
func Chaos(next http.Handler, opts ChaosOptions) http.Handler {
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = 3 * time.Second
	}
	faults := opts.Faults
	if len(faults) == 0 {
		faults = Faults
	}
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	pick := opts.Pick
	if pick == nil {
		pick = func(*http.Request) Fault {
			mu.Lock()
			defer mu.Unlock()
			if rng.Float64() >= opts.Rate {
				return FaultNone
			}
			return faults[rng.IntN(len(faults))]
		}
	}
	delay := func() time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return time.Duration(rng.Int64N(int64(opts.MaxDelay))) + 1
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := pick(r)
		if f != FaultNone && opts.OnFault != nil {
			opts.OnFault(r, f)
		}
		switch f {
		case FaultServerError:
			writeProblem(w, r, http.StatusInternalServerError, "", "chaos: an injected server error; nothing was changed", nil)
		case FaultTooMany:
			w.Header().Set("Retry-After", "1")
			writeProblem(w, r, http.StatusTooManyRequests, "", "chaos: an injected rate limit; try again after 1 s", nil)
		case FaultSlow:
			if sleepCtx(r.Context(), delay()) {
				next.ServeHTTP(w, r)
			}
		case FaultDrop:
			panic(http.ErrAbortHandler) // net/http closes the connection without an answer
		case FaultTruncated, FaultMalformed:
			spoilAnswer(w, r, next, f)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// spoilAnswer runs the handler into a buffer, then sends its status and
// headers with a truncated or malformed body.
func spoilAnswer(w http.ResponseWriter, r *http.Request, next http.Handler, f Fault) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	if f == FaultMalformed {
		body = append([]byte(`{"chaos": malformed `), bytes.ReplaceAll(body, []byte(`"`), []byte(`'`))...)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
		return
	}
	// Promise the whole body, send half, then close: the client reads an
	// unexpected EOF.
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body[:len(body)/2])
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
	panic(http.ErrAbortHandler)
}

// sleepCtx waits d or until ctx ends; it reports whether d passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
