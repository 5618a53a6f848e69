package livefeed_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

var benchSecret = []byte("bench-secret-0123456789abcdef012")

// verifyOnly is the baseline receiver: read the body within the limit,
// check the HMAC, answer 200. No decoding, dedupe or store.
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

// BenchmarkP5Receiver is P5: the full receiver (verify, decode, store on
// the embedded JetStream node with the dedupe key as Nats-Msg-Id, answer
// once acknowledged) against a handler that only verifies the HMAC, both
// under 16 concurrent deliveries per core. store-serial delivers one at a
// time: each delivery waits for its own acknowledgement. jetstream-only is
// the store's floor: publishing and acknowledging alone, which bounds what
// any receiver on it can reach (verify-only's time + jetstream-only's).
func BenchmarkP5Receiver(b *testing.B) {
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
	stored := func(b *testing.B, drive func(*testing.B, http.Handler)) {
		st, err := livefeed.OpenStore(context.Background(), livefeed.StoreOptions{Dir: b.TempDir(), Profile: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		r, err := livefeed.NewReceiver(st, livefeed.ReceiverOptions{Secrets: [][]byte{benchSecret}})
		if err != nil {
			b.Fatal(err)
		}
		drive(b, r)
	}
	b.Run("verify-only", func(b *testing.B) {
		parallel(b, verifyOnly([][]byte{benchSecret}))
	})
	b.Run("store", func(b *testing.B) {
		stored(b, parallel)
	})
	// The store's floor: the same notifications published straight to the
	// embedded JetStream node and acknowledged, with no HTTP, signature or
	// decoding, from the same 16 goroutines per core.
	b.Run("jetstream-only", func(b *testing.B) {
		st, err := livefeed.OpenStore(context.Background(), livefeed.StoreOptions{Dir: b.TempDir(), Profile: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		b.SetParallelism(16)
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := int(counter.Add(1))
				rec := livefeed.Record{Body: livefeedtest.Notification(i, client.OperationCreate), Key: "notification:lf-" + strconv.Itoa(i)}
				if _, _, err := st.Append(context.Background(), rec); err != nil {
					b.Error(err)
				}
			}
		})
	})
	b.Run("store-serial", func(b *testing.B) {
		stored(b, func(b *testing.B, h http.Handler) {
			b.ReportAllocs()
			for b.Loop() {
				deliver(b, h)
			}
		})
	})
}
