package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"

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

// pullLog renders the current snapshot for the overlay.
func (m *Model) pullLog() {
	if m.reqlog == nil {
		m.logLines = []string{"The request log is not connected: the client was built without the dashboard's observer."}
		return
	}
	recs := m.reqlog.Snapshot()
	lines := make([]string, 0, len(recs)+1)
	if len(recs) == 0 {
		lines = append(lines, "no requests yet")
	}
	now := m.ctx.Now()
	for _, r := range recs {
		lines = append(lines, formatRecord(r, now, m.ctx.Location))
	}
	m.logLines = lines
}

// formatRecord is one log line: time, method, path, status, duration, try,
// error; a request in flight shows "…" and how long it has waited so far.
func formatRecord(r client.RequestRecord, now time.Time, loc *time.Location) string {
	status := "---"
	switch {
	case r.InFlight:
		status = " … "
		r.Duration = max(now.Sub(r.At), 0)
	case r.Status != 0:
		status = fmt.Sprintf("%3d", r.Status)
	}
	at := "--:--:--"
	if !r.At.IsZero() {
		at = r.At.In(loc).Format("15:04:05")
	}
	line := fmt.Sprintf("%s  %-6s %-28s %s %7s  try %d", at, r.Method, r.Path, status,
		r.Duration.Round(time.Millisecond), max(r.Attempt, 1))
	if r.InFlight {
		line += "  in flight"
	}
	if r.Err != nil {
		line += "  " + oneLine(r.Err.Error())
	}
	return line
}

// logView draws the request log in the content area: a title, then the
// newest records that fit, exactly height lines.
func (m *Model) logView(width, height int) string {
	lines := make([]string, 0, height)
	lines = append(lines, m.styles.title.Paint(ansi.Truncate(" Request log (newest first) · esc closes", width, "…")))
	for _, l := range m.logLines {
		if len(lines) == height {
			break
		}
		lines = append(lines, m.styles.text.Paint(ansi.Truncate(" "+l, width, "…")))
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:height], "\n")
}
