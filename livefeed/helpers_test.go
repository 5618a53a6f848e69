package livefeed

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

var testSecret = []byte("test-secret-0123456789abcdef")

// openTestStore opens an embedded store in a fresh directory.
func openTestStore(t testing.TB) *Store {
	t.Helper()
	j, err := OpenStore(context.Background(), StoreOptions{Dir: t.TempDir(), Profile: "test"})
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

// sandboxBody is a notification in the sandbox's envelope.
func sandboxBody(i int) []byte {
	return fmt.Appendf(nil, `{"notificationId":"n-%06d","operationType":"Create","eventPayloadType":"PowerLevel","notificationSentUtc":"2025-01-02T03:04:05Z","eventId":"ev-%06d","event":{"id":"ev-%06d","name":"dispatch %d","modificationDateTime":"2025-01-02T03:04:05Z","payload":{"payloadType":"PowerLevel","targetPower":7000}}}`+"\n", i, i, i, i)
}

func newReceiverServer(t testing.TB, j *Store) (*Receiver, *httptest.Server) {
	t.Helper()
	r, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{testSecret}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv
}

// post delivers body signed with sig (or unsigned when sig is "").
func post(ctx context.Context, c *http.Client, url string, body []byte, sig string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set(SignatureHeader, sig)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// readAll returns every record in the store.
func readAll(t testing.TB, j *Store) []Record {
	t.Helper()
	var out []Record
	if err := j.ReadFrom(testCtx(t), 0, func(r Record) error { out = append(out, r); return nil }); err != nil {
		t.Fatalf("ReadFrom: %v", err)
	}
	return out
}

// readFeed returns every record in the store and, per record, the repeat
// deliveries noted for it.
func readFeed(t testing.TB, j *Store) ([]Record, map[uint64]int) {
	t.Helper()
	var recs []Record
	dups := map[uint64]int{}
	end := j.LastSeq()
	if end == 0 {
		return nil, dups
	}
	err := j.read(testCtx(t), 0, end, true, func(u Update, _, _ uint64) bool {
		if u.Record != nil {
			recs = append(recs, *u.Record)
			dups[u.Record.Seq] = u.Record.Duplicates
		} else if u.Duplicate != nil {
			dups[u.Duplicate.Seq] = max(dups[u.Duplicate.Seq], u.Duplicate.Count)
		}
		return true
	})
	if err != nil {
		t.Fatalf("reading the store: %v", err)
	}
	return recs, dups
}

// testCtx bounds a test so a bug hangs for at most a minute, never forever.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func newServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// appendMany stores notifications from..from+n-1 from 16 goroutines; seq
// order follows the store's.
func appendMany(t testing.TB, j *Store, from, n int) {
	t.Helper()
	next := make(chan int)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range next {
				body := sandboxBody(i)
				s, _ := DecodeSummary(body)
				if _, _, err := j.Append(context.Background(), Record{Body: body, Signature: Sign(testSecret, body), Verified: true, Summary: s}); err != nil {
					t.Errorf("Append: %v", err)
				}
			}
		})
	}
	for i := from; i < from+n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
