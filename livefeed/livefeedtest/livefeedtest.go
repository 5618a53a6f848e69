// Package livefeedtest helps tests and benchmarks of packages that consume
// the live feed (the dashboard's Feed tab, the sandbox's webhook delivery):
// a real receiver and feed store on a loopback server, signed notifications in
// the sandbox's envelope, and latency percentiles.
package livefeedtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
)

// Server is a receiver writing to an embedded feed store in a temporary
// directory, served on 127.0.0.1. Everything is closed when the test ends.
type Server struct {
	Store    *livefeed.Store
	Receiver *livefeed.Receiver
	Sender   // posts to it
}

// Sender signs and posts notifications to a webhook endpoint, keeping its
// connections as a webhook sender does.
type Sender struct {
	// URL is the webhook endpoint (…/webhook).
	URL    string
	Secret []byte
	client *http.Client
}

// NewSender posts to url, signing with secret.
func NewSender(url string, secret []byte) *Sender {
	// The default transport keeps two idle connections per host, so
	// concurrent posts would dial for each.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	return &Sender{URL: url, Secret: secret, client: &http.Client{Transport: tr, Timeout: time.Minute}}
}

// NewServer starts a Server with a random 32-byte webhook secret.
func NewServer(tb testing.TB) *Server {
	tb.Helper()
	j, err := livefeed.OpenStore(context.Background(), livefeed.StoreOptions{Dir: tb.TempDir(), Profile: "test"})
	if err != nil {
		tb.Fatalf("livefeedtest: %v", err)
	}
	secret := make([]byte, 32)
	rand.Read(secret)
	r, err := livefeed.NewReceiver(j, livefeed.ReceiverOptions{Secrets: [][]byte{secret}})
	if err != nil {
		tb.Fatalf("livefeedtest: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle(livefeed.DefaultWebhookPath, r)
	srv := httptest.NewServer(mux)
	tb.Cleanup(func() {
		srv.Close()
		j.Close()
	})
	snd := NewSender(srv.URL+livefeed.DefaultWebhookPath, secret)
	tb.Cleanup(snd.client.CloseIdleConnections)
	return &Server{Store: j, Receiver: r, Sender: *snd}
}

// Post signs body with the server's secret and delivers it, returning the
// HTTP status.
func (s *Sender) Post(ctx context.Context, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(livefeed.SignatureHeader, livefeed.Sign(s.Secret, body))
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body) // read to the end: the connection is reused
	resp.Body.Close()
	return resp.StatusCode, nil
}

// PostRange delivers Notification(i) for i in [from, from+n) from workers
// goroutines, calling sent(i, t) just before each POST (for latency), and
// returns the first failure.
func (s *Sender) PostRange(ctx context.Context, from, n, workers int, sent func(i int, at time.Time)) error {
	return s.post(ctx, from, n, workers, 0, func(i int, _ time.Time) []byte { return Notification(i, client.OperationCreate) }, sent)
}

// PostPaced posts NotificationSentAt(i) for i in [0, n) at rate per
// second: notification i is due at start + i/rate and goes out then (at
// once when the posts fall behind), by up to workers posts at a time.
// sent is called with each index and the time just before its POST.
func (s *Sender) PostPaced(ctx context.Context, n, rate, workers int, sent func(i int, at time.Time)) error {
	interval := time.Second / time.Duration(max(rate, 1))
	return s.post(ctx, 0, n, workers, interval, func(i int, at time.Time) []byte {
		return NotificationSentAt(i, client.OperationCreate, at)
	}, sent)
}

// post delivers body(i) for i in [from, from+n), the i-th no earlier than
// start + (i-from)×interval, from workers goroutines; the first failure
// stops it.
func (s *Sender) post(ctx context.Context, from, n, workers int, interval time.Duration,
	body func(i int, at time.Time) []byte, sent func(i int, at time.Time)) error {
	due := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for i := range due {
				at := time.Now()
				if sent != nil {
					sent(i, at)
				}
				code, err := s.Post(ctx, body(i, at))
				if err == nil && code != http.StatusOK {
					err = fmt.Errorf("notification %d: status %d", i, code)
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
			}
		})
	}
	start := time.Now()
	var err error
feed:
	for k := range n {
		if wait := time.Until(start.Add(time.Duration(k) * interval)); interval > 0 && wait > 0 {
			time.Sleep(wait)
		}
		select {
		case due <- from + k:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(due)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}

// Notification is a sandbox-envelope body whose notificationId, event id
// and name are derived from i (see Index), carrying the event whole.
func Notification(i int, op client.OperationType) []byte {
	return fmt.Appendf(nil, `{"notificationId":"lf-%08d","operationType":%q,"eventPayloadType":"PowerLevel","notificationSentUtc":"2025-01-02T03:04:05Z","eventId":"ev-%08d","event":{"id":"ev-%08d","name":"dispatch %d","programId":"p1","createdDateTime":"2025-01-02T03:04:05Z","modificationDateTime":"2025-01-02T03:04:05Z","intervalPeriod":{"start":"2025-01-02T04:00:00Z","duration":"01:00:00"},"payload":{"payloadType":"PowerLevel","targetPower":7000},"targetResources":[{"resourceId":"r1","locationId":"l1"}]}}`+"\n", i, op, i, i, i)
}

// NotificationSentAt is Notification(i, op) whose event name also carries
// the time it was sent (see SentAt), for a receiver in another process.
func NotificationSentAt(i int, op client.OperationType, at time.Time) []byte {
	old := fmt.Appendf(nil, `"name":"dispatch %d"`, i)
	return bytes.Replace(Notification(i, op), old, fmt.Appendf(nil, `"name":"dispatch %d sent:%d"`, i, at.UnixNano()), 1)
}

// SentAt recovers the send time from a notification made by
// NotificationSentAt.
func SentAt(s livefeed.Summary) (time.Time, bool) {
	_, v, ok := strings.Cut(s.EventName, " sent:")
	if !ok {
		return time.Time{}, false
	}
	ns, err := strconv.ParseInt(v, 10, 64)
	return time.Unix(0, ns), err == nil
}

// Index recovers i from a notification made by Notification.
func Index(s livefeed.Summary) (int, bool) {
	v, ok := strings.CutPrefix(s.NotificationID, "lf-")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(v)
	return i, err == nil
}

// Latencies collects durations and reports percentiles; safe for
// concurrent use.
type Latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *Latencies) Add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

// Percentile returns the p-th percentile (0 < p <= 100), 0 when empty.
func (l *Latencies) Percentile(p float64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0
	}
	s := slices.Clone(l.d)
	slices.Sort(s)
	k := int(float64(len(s))*p/100+0.5) - 1
	return s[min(max(k, 0), len(s)-1)]
}

// Report adds p50 and p99 in milliseconds to a benchmark.
func (l *Latencies) Report(b *testing.B, prefix string) {
	b.ReportMetric(float64(l.Percentile(50))/float64(time.Millisecond), prefix+"p50-ms")
	b.ReportMetric(float64(l.Percentile(99))/float64(time.Millisecond), prefix+"p99-ms")
}
