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

func openTestJournal(t testing.TB, dir string, opts JournalOptions) *Journal {
	t.Helper()
	j, err := OpenJournal(dir, "test", opts)
	if err != nil {
		t.Fatalf("OpenJournal: %v", err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

// sandboxBody is a notification in the sandbox's envelope.
func sandboxBody(i int) []byte {
	return fmt.Appendf(nil, `{"notificationId":"n-%06d","operationType":"Create","eventPayloadType":"PowerLevel","notificationSentUtc":"2025-01-02T03:04:05Z","eventId":"ev-%06d","event":{"id":"ev-%06d","name":"dispatch %d","modificationDateTime":"2025-01-02T03:04:05Z","payload":{"payloadType":"PowerLevel","targetPower":7000}}}`+"\n", i, i, i, i)
}

func newReceiverServer(t testing.TB, j *Journal) (*Receiver, *httptest.Server) {
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

// readAll returns every record in the journal.
func readAll(t testing.TB, j *Journal) []Record {
	t.Helper()
	var out []Record
	if err := j.ReadFrom(0, func(r Record) error { out = append(out, r); return nil }); err != nil {
		t.Fatalf("ReadFrom: %v", err)
	}
	return out
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

// appendMany journals notifications from..from+n-1 from 16 goroutines, so
// group commit keeps the test fast; seq order follows commit order.
func appendMany(t testing.TB, j *Journal, from, n int) {
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
