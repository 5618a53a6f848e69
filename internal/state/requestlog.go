package state

import (
	"cmp"
	"slices"
	"sync"

	"github.com/ecdash/ecdash/client"
)

// DefaultRequestLogSize is how many requests NewRequestLog keeps when asked for 0.
const DefaultRequestLogSize = 200

// RequestLog is a bounded ring of the client's recent requests. The client's
// Observer runs on HTTP goroutines, so Observe only takes a mutex and copies
// the record; the dashboard pulls a snapshot from inside its Update (on the
// clock tick while the log is open). Nothing here ever blocks on the UI.
type RequestLog struct {
	mu       sync.Mutex
	buf      []client.RequestRecord
	next     int
	n        int
	inflight map[uint64]client.RequestRecord // started, not ended
}

// NewRequestLog returns a ring holding the last size records.
func NewRequestLog(size int) *RequestLog {
	if size <= 0 {
		size = DefaultRequestLogSize
	}
	return &RequestLog{buf: make([]client.RequestRecord, size), inflight: map[uint64]client.RequestRecord{}}
}

// Observe records one request; pass it as client.Options.Observer. An
// attempt in flight is held apart until it ends (the client bounds how many
// run at once, so the map stays small).
func (l *RequestLog) Observe(r client.RequestRecord) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r.InFlight {
		l.inflight[r.ID] = r
		return
	}
	delete(l.inflight, r.ID)
	l.buf[l.next] = r
	l.next = (l.next + 1) % len(l.buf)
	l.n = min(l.n+1, len(l.buf))
}

// Snapshot returns the requests in flight, oldest first, then the records
// held, newest first.
func (l *RequestLog) Snapshot() []client.RequestRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]client.RequestRecord, 0, len(l.inflight)+l.n)
	for _, r := range l.inflight {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b client.RequestRecord) int { return cmp.Compare(a.ID, b.ID) })
	for i := range l.n {
		out = append(out, l.buf[(l.next-1-i+len(l.buf))%len(l.buf)])
	}
	return out
}
