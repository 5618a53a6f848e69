package livefeed_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

var benchSecret = []byte("bench-secret-0123456789abcdef012")

// verifyOnly is the baseline receiver: read the body within the limit,
// check the HMAC, answer 200. No decoding, dedupe or journal.
func verifyOnly(secrets [][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, livefeed.DefaultMaxBodyBytes))
		if err != nil {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			return
		}
		if _, ok := livefeed.Verify(secrets, body, r.Header.Get(livefeed.SignatureHeader)); !ok {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// BenchmarkReceiver compares the full receiver (verify, decode, dedupe,
// journal with group-committed fsync) with a handler that only verifies the
// HMAC, under 16 concurrent deliveries per core; journal-serial delivers one
// at a time, so every delivery pays its own fsync (group commit's baseline).
func BenchmarkReceiver(b *testing.B) {
	var counter atomic.Int64
	deliver := func(b *testing.B, h http.Handler) {
		body := livefeedtest.Notification(int(counter.Add(1)), client.OperationCreate)
		req := httptest.NewRequest(http.MethodPost, livefeed.DefaultWebhookPath, bytes.NewReader(body))
		req.Header.Set(livefeed.SignatureHeader, livefeed.Sign(benchSecret, body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	parallel := func(b *testing.B, h http.Handler) {
		b.SetParallelism(16)
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				deliver(b, h)
			}
		})
	}
	journaled := func(b *testing.B, drive func(*testing.B, http.Handler)) {
		j, err := livefeed.OpenJournal(b.TempDir(), "bench", livefeed.JournalOptions{})
		if err != nil {
			b.Fatal(err)
		}
		defer j.Close()
		r, err := livefeed.NewReceiver(j, livefeed.ReceiverOptions{Secrets: [][]byte{benchSecret}})
		if err != nil {
			b.Fatal(err)
		}
		drive(b, r)
		b.ReportMetric(float64(j.Stats().Syncs)/float64(b.N), "fsyncs/op")
	}
	b.Run("verify-only", func(b *testing.B) {
		parallel(b, verifyOnly([][]byte{benchSecret}))
	})
	b.Run("journal", func(b *testing.B) {
		journaled(b, parallel)
	})
	b.Run("journal-serial", func(b *testing.B) {
		journaled(b, func(b *testing.B, h http.Handler) {
			b.ReportAllocs()
			for b.Loop() {
				deliver(b, h)
			}
		})
	})
}

// feedModel stands in for the Feed tab: it keeps every row and renders the
// 30 newest with per-cell styling, as a windowed table view would.
type feedModel struct {
	rows  []livefeed.Record
	dups  map[uint64]int
	views int
	out   int // bytes rendered, so the work is not optimised away
}

func (m *feedModel) apply(r livefeed.Record) { m.rows = append(m.rows, r) }

func (m *feedModel) view() {
	m.views++
	var sb strings.Builder
	sb.WriteString("\x1b[1mRECEIVED             OP      EVENT          NAME             TYPE        DUP\x1b[0m\n")
	for i := max(0, len(m.rows)-30); i < len(m.rows); i++ {
		r := m.rows[i]
		cells := []string{r.Received.Format(time.DateTime), string(r.Summary.Operation), r.Summary.EventID,
			r.Summary.EventName, r.Summary.PayloadType, fmt.Sprint(r.Duplicates + m.dups[r.Seq])}
		for _, c := range cells {
			fmt.Fprintf(&sb, "\x1b[38;5;252m%-16.16s\x1b[0m ", c)
		}
		sb.WriteByte('\n')
	}
	fmt.Fprintf(&sb, "\x1b[7m %d notifications \x1b[0m", len(m.rows))
	m.out += sb.Len()
}

// BenchmarkFeedBatching delivers 10,000 signed notifications over loopback
// HTTP (16 senders) through the receiver and journal into a feed model,
// either coalesced by a Batcher (one model update and view per 50 ms tick)
// or one message and view per notification, and reports the views and the
// POST-to-rendered latency.
func BenchmarkFeedBatching(b *testing.B) {
	const n = 10_000
	for _, mode := range []string{"coalesced", "one-each"} {
		b.Run(mode, func(b *testing.B) {
			var lat livefeedtest.Latencies
			views := 0
			for range b.N {
				srv := livefeedtest.NewServer(b)
				sent := make([]atomic.Int64, n)
				sub := srv.Journal.Hub().Subscribe(srv.Journal.LastSeq(), livefeed.SubscribeOptions{})
				m := &feedModel{dups: map[uint64]int{}}
				seen := func(r livefeed.Record, at time.Time) {
					if i, ok := livefeedtest.Index(r.Summary); ok {
						lat.Add(at.Sub(time.Unix(0, sent[i].Load())))
					}
				}
				done := make(chan struct{})
				go func() {
					defer close(done)
					if mode == "coalesced" {
						bt := livefeed.NewBatcher(sub.Updates(), livefeed.BatcherOptions{})
						for len(m.rows) < n {
							batch, ok := bt.Next()
							if !ok {
								return
							}
							for _, r := range batch.Records {
								m.apply(r)
							}
							for s, c := range batch.Duplicates {
								m.dups[s] = c
							}
							m.view()
							now := time.Now()
							for _, r := range batch.Records {
								seen(r, now)
							}
						}
						return
					}
					for u := range sub.Updates() {
						if u.Record != nil {
							m.apply(*u.Record)
						}
						m.view()
						if u.Record != nil {
							seen(*u.Record, time.Now())
						}
						if len(m.rows) == n {
							return
						}
					}
				}()
				err := srv.PostRange(context.Background(), 0, n, 16, func(i int, at time.Time) { sent[i].Store(at.UnixNano()) })
				if err != nil {
					b.Fatal(err)
				}
				<-done
				sub.Close()
				if len(m.rows) != n {
					b.Fatalf("model has %d rows, want %d", len(m.rows), n)
				}
				views += m.views
			}
			b.ReportMetric(float64(views)/float64(b.N), "views/10k")
			lat.Report(b, "")
		})
	}
}
