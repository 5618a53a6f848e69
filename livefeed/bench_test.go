package livefeed_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

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
