package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/sandbox"
)

// walkClock is the fake clock of the model and the sandbox.
type walkClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *walkClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *walkClock) advance(d time.Duration) { c.advanceTo(c.Now().Add(d)) }

func (c *walkClock) advanceTo(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
}

// walkFeed is a live feed whose batches the walker makes up.
type walkFeed struct {
	status livefeed.SourceStatus
	seq    uint64 // the last record's
}

func (f *walkFeed) Start(ctx context.Context, _ int) (<-chan livefeed.Update, func(livefeed.Record) bool, error) {
	ch := make(chan livefeed.Update)
	go func() {
		<-ctx.Done()
		close(ch)
	}()
	f.status = livefeed.SourceStatus{Source: "webhook 127.0.0.1:8787"}
	return ch, func(r livefeed.Record) bool { return r.Seq%5 != 0 }, nil
}

func (f *walkFeed) Status() livefeed.SourceStatus { return f.status }

// walkTransport answers the client in process: the sandbox behind
// sandbox.Chaos, whose faults the walk chooses, and now and then a list
// answer with hostile objects added.
type walkTransport struct {
	next    http.Handler // the sandbox
	handler http.Handler // the sandbox behind Chaos
	mu      sync.Mutex
	fault   sandbox.Fault
	left    int      // requests the fault still applies to
	hostile byte     // >0: the next list answer gets hostile objects of this flavour
	sent    []string // every request the client sent: "METHOD /path sha256(body)"
}

// chaos replaces the walk's chosen faults by ecdash sandbox --chaos: a
// share of all requests fail at random (rate 0 turns it off).
func (t *walkTransport) chaos(rate float64, seed uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handler = sandbox.Chaos(t.next, sandbox.ChaosOptions{Pick: t.pick})
	t.fault, t.left = sandbox.FaultNone, 0
	if rate > 0 {
		t.handler = sandbox.Chaos(t.next, sandbox.ChaosOptions{Rate: rate, Seed: seed, MaxDelay: 5 * time.Millisecond})
	}
}

// spoilNext makes the next request fail with f.
func (t *walkTransport) spoilNext(f sandbox.Fault) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fault, t.left = f, 1
}

// spoilMany makes every request fail with f until chaos or spoilNext changes it.
func (t *walkTransport) spoilMany(f sandbox.Fault) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fault, t.left = f, 1<<30
}

// sentCount is how many requests were sent with method to path.
func (t *walkTransport) sentCount(method, path string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, s := range t.sent {
		if strings.HasPrefix(s, method+" "+path+" ") {
			n++
		}
	}
	return n
}

// spoil sets the next answers' fault: a chaos fault for n requests, or
// hostile objects in the next list.
func (t *walkTransport) spoil(kind, n byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch faults := sandbox.Faults; {
	case int(kind)%8 < len(faults):
		t.fault, t.left = faults[int(kind)%8], 1+int(n)%4
		if t.fault == sandbox.FaultSlow {
			t.fault = sandbox.FaultServerError // a walk never waits
		}
	default:
		t.hostile = 1 + n
	}
}

func (t *walkTransport) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.hostile > 0 {
		return fmt.Sprintf("hostile list %d", t.hostile)
	}
	return fmt.Sprintf("%v × %d", t.fault, t.left)
}

func (t *walkTransport) pick(*http.Request) sandbox.Fault {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.left == 0 {
		return sandbox.FaultNone
	}
	t.left--
	return t.fault
}

func (t *walkTransport) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	rec := httptest.NewRecorder()
	defer func() {
		if r := recover(); r != nil {
			if r != http.ErrAbortHandler {
				panic(r)
			}
			resp, err = nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, io.ErrUnexpectedEOF) // a dropped connection
		}
	}()
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	t.mu.Lock()
	t.sent = append(t.sent, fmt.Sprintf("%s %s %x", req.Method, req.URL.Path, sha256.Sum256(body)))
	handler := t.handler
	t.mu.Unlock()
	handler.ServeHTTP(rec, req)
	resp = rec.Result()
	t.mu.Lock()
	hostile := t.hostile
	if hostile > 0 && req.Method == http.MethodGet && resp.StatusCode == http.StatusOK {
		t.hostile = 0
	}
	t.mu.Unlock()
	if hostile > 0 && req.Method == http.MethodGet && resp.StatusCode == http.StatusOK {
		resp = withHostile(resp, req.URL.Path, hostile)
	}
	resp.Request = req
	return resp, nil
}
