package livefeed

import (
	"cmp"
	"maps"
	"net"
	"slices"
	"sync"
	"time"
)

// maxRejectRemotes bounds the distinct remote hosts a RejectSummary tells
// apart in one window; more are counted together.
const maxRejectRemotes = 1024

// RejectReport is one window of rejected deliveries.
type RejectReport struct {
	Window    time.Duration
	Total     int
	ByOutcome map[Outcome]int
	// TopRemotes are the hosts that sent the most, most first (at most 3).
	TopRemotes []RemoteCount
}

// RemoteCount is how many rejected requests one host sent.
type RemoteCount struct {
	Remote string
	Count  int
}

// RejectSummary turns rejected deliveries into one report per window, so
// that a flood of bad signatures costs one log line per window instead of
// one per request. Add is cheap and never blocks on the report.
type RejectSummary struct {
	every time.Duration
	emit  func(RejectReport)

	mu      sync.Mutex
	start   time.Time
	counts  map[Outcome]int
	remotes map[string]int
	total   int
	timer   *time.Timer
}

// NewRejectSummary reports every window that saw a rejection to emit, at
// most once per every.
func NewRejectSummary(every time.Duration, emit func(RejectReport)) *RejectSummary {
	return &RejectSummary{every: every, emit: emit}
}

// Add counts d; the first rejection of a window arms its report.
func (s *RejectSummary) Add(d Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.total == 0 {
		s.start = time.Now()
		s.counts, s.remotes = map[Outcome]int{}, map[string]int{}
		s.timer = time.AfterFunc(s.every, s.Flush)
	}
	s.total++
	s.counts[d.Outcome]++
	host := remoteHost(d.Remote)
	if _, known := s.remotes[host]; known || len(s.remotes) < maxRejectRemotes {
		s.remotes[host]++
	} else {
		s.remotes["(other hosts)"]++
	}
}

// Flush reports the current window now, if it saw anything (Close calls it
// so the last window is not lost).
func (s *RejectSummary) Flush() {
	s.mu.Lock()
	if s.total == 0 {
		s.mu.Unlock()
		return
	}
	s.timer.Stop()
	r := RejectReport{Window: time.Since(s.start), Total: s.total, ByOutcome: s.counts}
	for host, n := range s.remotes {
		r.TopRemotes = append(r.TopRemotes, RemoteCount{host, n})
	}
	s.total, s.counts, s.remotes = 0, nil, nil
	s.mu.Unlock()
	slices.SortFunc(r.TopRemotes, func(a, b RemoteCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Remote, b.Remote))
	})
	r.TopRemotes = r.TopRemotes[:min(len(r.TopRemotes), 3)]
	s.emit(r)
}

// Outcomes lists the report's outcomes, most frequent first.
func (r RejectReport) Outcomes() []Outcome {
	out := slices.Collect(maps.Keys(r.ByOutcome))
	slices.SortFunc(out, func(a, b Outcome) int {
		return cmp.Or(cmp.Compare(r.ByOutcome[b], r.ByOutcome[a]), cmp.Compare(a, b))
	})
	return out
}

// remoteHost drops the port: one sender opens many connections.
func remoteHost(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}
