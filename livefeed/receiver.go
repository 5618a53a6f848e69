package livefeed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// DefaultListenAddr is where the receiver listens unless --listen says
	// otherwise: loopback, so nothing is exposed by accident.
	DefaultListenAddr = "127.0.0.1:8787"
	// DefaultWebhookPath is the receiver's path.
	DefaultWebhookPath = "/webhook"
	// DefaultMaxBodyBytes is the body size limit (413 above).
	DefaultMaxBodyBytes = 1 << 20
)

// ReceiverOptions configures a Receiver.
type ReceiverOptions struct {
	// Secrets are the webhook secrets a signature may be made with (several
	// during a rotation). At least one is required.
	Secrets [][]byte
	// MaxBodyBytes is the body limit (default 1 MiB).
	MaxBodyBytes int64
	// OnDelivery, when set, is told the outcome of every request, for logs.
	// It never receives a secret or a body. It must not block.
	OnDelivery func(Delivery)
}

// Outcome classifies a request to the receiver.
type Outcome string

const (
	OutcomeAccepted         Outcome = "accepted"           // 200, journaled
	OutcomeDuplicate        Outcome = "duplicate"          // 200, seen before
	OutcomeBadMethod        Outcome = "method not allowed" // 405
	OutcomeTooLarge         Outcome = "too large"          // 413
	OutcomeUnreadable       Outcome = "unreadable body"    // 400
	OutcomeMissingSignature Outcome = "missing signature"  // 401
	OutcomeBadSignature     Outcome = "bad signature"      // 401
	OutcomeNotObject        Outcome = "not a JSON object"  // 400
	OutcomeJournalError     Outcome = "journal error"      // 500/503
)

// Delivery describes one request, for OnDelivery.
type Delivery struct {
	Outcome Outcome
	Status  int
	Seq     uint64 // journal seq (accepted and duplicate)
	Bytes   int
	Remote  string
	Summary Summary // set once the body verified
	Err     error
}

// ReceiverStats counts requests by outcome since the receiver started.
type ReceiverStats struct {
	ByOutcome map[Outcome]int
	// LastDelivery is when the last verified notification (new or
	// duplicate) was answered 200; zero before the first.
	LastDelivery time.Time
}

// Receiver is the webhook endpoint: an http.Handler that verifies, decodes,
// deduplicates and journals notifications, answering 200 only once a
// notification is durable. Mount it at DefaultWebhookPath.
type Receiver struct {
	store   *Store
	secrets atomic.Pointer[[][]byte]
	limit   int64
	onDel   func(Delivery)

	mu       sync.Mutex
	counts   map[Outcome]int
	lastGood time.Time
}

// NewReceiver builds a receiver writing to store.
func NewReceiver(store *Store, opts ReceiverOptions) (*Receiver, error) {
	if store == nil {
		return nil, errors.New("receiver needs a feed store")
	}
	r := &Receiver{store: store, limit: opts.MaxBodyBytes, onDel: opts.OnDelivery, counts: map[Outcome]int{}}
	if r.limit <= 0 {
		r.limit = DefaultMaxBodyBytes
	}
	if err := r.SetSecrets(opts.Secrets); err != nil {
		return nil, err
	}
	return r, nil
}

// SetSecrets replaces the accepted webhook secrets (e.g. when the dashboard
// subscribes itself with a new one). At least one non-empty secret is required.
func (r *Receiver) SetSecrets(secrets [][]byte) error {
	var keep [][]byte
	for _, s := range secrets {
		if len(s) > 0 {
			keep = append(keep, append([]byte(nil), s...))
		}
	}
	if len(keep) == 0 {
		return errors.New("receiver needs at least one webhook secret (--webhook-secret or ECDASH_WEBHOOK_SECRET)")
	}
	r.secrets.Store(&keep)
	return nil
}

// Stats counts requests by outcome.
func (r *Receiver) Stats() ReceiverStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := make(map[Outcome]int, len(r.counts))
	for k, v := range r.counts {
		m[k] = v
	}
	return ReceiverStats{ByOutcome: m, LastDelivery: r.lastGood}
}

func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	d := r.handle(w, req)
	d.Remote = req.RemoteAddr
	r.mu.Lock()
	r.counts[d.Outcome]++
	if d.Status == http.StatusOK {
		r.lastGood = time.Now()
	}
	r.mu.Unlock()
	if r.onDel != nil {
		r.onDel(d)
	}
}

func (r *Receiver) handle(w http.ResponseWriter, req *http.Request) Delivery {
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return reply(w, http.StatusMethodNotAllowed, OutcomeBadMethod, "only POST is accepted")
	}
	if req.ContentLength > r.limit {
		w.Header().Set("Connection", "close")
		return reply(w, http.StatusRequestEntityTooLarge, OutcomeTooLarge, fmt.Sprintf("body exceeds %d bytes", r.limit))
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, r.limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return reply(w, http.StatusRequestEntityTooLarge, OutcomeTooLarge, fmt.Sprintf("body exceeds %d bytes", r.limit))
		}
		d := reply(w, http.StatusBadRequest, OutcomeUnreadable, "could not read the body")
		d.Err = err
		return d
	}
	sig := req.Header.Get(SignatureHeader)
	if sig == "" {
		d := reply(w, http.StatusUnauthorized, OutcomeMissingSignature, "missing "+SignatureHeader)
		d.Bytes = len(body)
		return d
	}
	if _, ok := Verify(*r.secrets.Load(), body, sig); !ok {
		d := reply(w, http.StatusUnauthorized, OutcomeBadSignature, SignatureHeader+" does not match the body")
		d.Bytes = len(body)
		return d
	}
	summary, err := DecodeSummary(body)
	if err != nil {
		d := reply(w, http.StatusBadRequest, OutcomeNotObject, "body is not a JSON object")
		d.Bytes = len(body)
		return d
	}
	seq, dup, err := r.store.Append(req.Context(), Record{
		Body: body, Signature: sig, Verified: true, Summary: summary, Key: DedupeKey(summary, body), Received: time.Now(),
	})
	if err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrClosed) {
			status = http.StatusServiceUnavailable
		}
		d := reply(w, status, OutcomeJournalError, "notification could not be stored; retry later")
		d.Err, d.Bytes, d.Summary = err, len(body), summary
		return d
	}
	outcome := OutcomeAccepted
	if dup {
		outcome = OutcomeDuplicate
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	resp, _ := json.Marshal(struct {
		Seq       uint64 `json:"seq"`
		Duplicate bool   `json:"duplicate"`
	}{seq, dup})
	w.Write(append(resp, '\n'))
	return Delivery{Outcome: outcome, Status: http.StatusOK, Seq: seq, Bytes: len(body), Summary: summary}
}

func reply(w http.ResponseWriter, status int, o Outcome, msg string) Delivery {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(msg)+1))
	w.WriteHeader(status)
	io.WriteString(w, msg+"\n")
	return Delivery{Outcome: o, Status: status}
}
