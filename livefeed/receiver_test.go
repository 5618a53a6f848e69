package livefeed

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestReceiverStatusCodes(t *testing.T) {
	j := openTestStore(t)
	var mu sync.Mutex
	var seen []Delivery
	r, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{testSecret}, MaxBodyBytes: 1024, OnDelivery: func(d Delivery) {
		mu.Lock()
		seen = append(seen, d)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	big := []byte(`{"pad":"` + strings.Repeat("x", 2000) + `"}`)
	tests := []struct {
		name    string
		method  string
		body    []byte
		sig     string
		chunked bool // hide the length so the limit is found while reading
		want    int
		outcome Outcome
	}{
		{"accepted", http.MethodPost, sandboxBody(1), Sign(testSecret, sandboxBody(1)), false, 200, OutcomeAccepted},
		{"duplicate", http.MethodPost, sandboxBody(1), Sign(testSecret, sandboxBody(1)), false, 200, OutcomeDuplicate},
		{"GET", http.MethodGet, nil, "", false, 405, OutcomeBadMethod},
		{"PUT", http.MethodPut, sandboxBody(2), Sign(testSecret, sandboxBody(2)), false, 405, OutcomeBadMethod},
		{"too large by Content-Length", http.MethodPost, big, Sign(testSecret, big), false, 413, OutcomeTooLarge},
		{"too large while reading", http.MethodPost, big, Sign(testSecret, big), true, 413, OutcomeTooLarge},
		{"missing signature", http.MethodPost, sandboxBody(3), "", false, 401, OutcomeMissingSignature},
		{"wrong signature", http.MethodPost, sandboxBody(3), Sign([]byte("other"), sandboxBody(3)), false, 401, OutcomeBadSignature},
		{"signed array", http.MethodPost, []byte(`[1,2]`), Sign(testSecret, []byte(`[1,2]`)), false, 400, OutcomeNotObject},
		{"signed garbage", http.MethodPost, []byte(`{"a":`), Sign(testSecret, []byte(`{"a":`)), false, 400, OutcomeNotObject},
		{"unsigned garbage is 401, not 400", http.MethodPost, []byte(`{"a":`), "", false, 401, OutcomeMissingSignature},
		{"signed unknown shape is kept", http.MethodPost, []byte(`{"what":"ever"}`), Sign(testSecret, []byte(`{"what":"ever"}`)), false, 200, OutcomeAccepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body = bytes.NewReader(tt.body)
			req := httptest.NewRequest(tt.method, DefaultWebhookPath, body)
			if tt.chunked {
				req.ContentLength = -1
			}
			if tt.sig != "" {
				req.Header.Set(SignatureHeader, tt.sig)
			}
			w := httptest.NewRecorder()
			r.ServeHTTP(w, req)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d (%s)", w.Code, tt.want, w.Body.String())
			}
			if tt.want == 405 && w.Header().Get("Allow") != http.MethodPost {
				t.Errorf("405 without Allow: POST")
			}
			mu.Lock()
			last := seen[len(seen)-1]
			mu.Unlock()
			if last.Outcome != tt.outcome {
				t.Errorf("outcome %q, want %q", last.Outcome, tt.outcome)
			}
		})
	}
	recs := readAll(t, j)
	if len(recs) != 2 || recs[1].Summary.Kind != KindUnknown {
		t.Fatalf("journal holds %d records; want the sandbox one and the unknown-shape one", len(recs))
	}
	st := r.Stats()
	if st.ByOutcome[OutcomeBadSignature] != 1 || st.ByOutcome[OutcomeAccepted] != 2 || st.LastDelivery.IsZero() {
		t.Errorf("stats = %+v", st)
	}
}

func TestReceiverNeedsASecret(t *testing.T) {
	j := openTestStore(t)
	if _, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{nil, {}}}); err == nil {
		t.Error("a receiver without secrets would accept nothing; want an error")
	}
}

// TestReceiverConcurrentRetries: 1,000 notifications each delivered 4 times
// concurrently give exactly 1,000 records in the store and 1,000 distinct
// records to a subscriber, each with 3 repeats noted.
func TestReceiverConcurrentRetries(t *testing.T) {
	t.Parallel()
	const n, copies, workers = 1000, 4, 32
	j := openTestStore(t)
	_, srv := newReceiverServer(t, j)
	sub := j.Subscribe(0)
	defer sub.Close()

	deliveries := make([]int, 0, n*copies)
	for i := range n {
		for range copies {
			deliveries = append(deliveries, i)
		}
	}
	rand.Shuffle(len(deliveries), func(a, b int) { deliveries[a], deliveries[b] = deliveries[b], deliveries[a] })

	ctx := testCtx(t)
	work := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range work {
				body := sandboxBody(i)
				code, err := post(ctx, srv.Client(), srv.URL, body, Sign(testSecret, body))
				if err != nil || code != 200 {
					errs <- fmt.Errorf("notification %d: status %d, err %v", i, code, err)
					return
				}
			}
		})
	}
	for _, i := range deliveries {
		work <- i
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("a delivery was not answered 200: %v", err)
	}
	recs, dups := readFeed(t, j)
	if len(recs) != n {
		t.Fatalf("the store holds %d records, want %d", len(recs), n)
	}
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.Summary.NotificationID] = true
		if dups[r.Seq] != copies-1 {
			t.Fatalf("record %d has %d repeats noted, want %d", r.Seq, dups[r.Seq], copies-1)
		}
	}
	if len(ids) != n {
		t.Fatalf("%d distinct notifications journaled, want %d", len(ids), n)
	}

	got, last, seen := 0, uint64(0), map[uint64]int{}
	for got < n || len(seen) < n || !allAtLeast(seen, copies-1) {
		select {
		case u, ok := <-sub.Updates():
			if !ok {
				t.Fatalf("subscription ended: %v", sub.Err())
			}
			if u.Record != nil {
				got++
				if u.Record.Seq <= last {
					t.Fatalf("the subscription delivered seq %d after %d", u.Record.Seq, last)
				}
				last = u.Record.Seq
			} else {
				seen[u.Duplicate.Seq] = max(seen[u.Duplicate.Seq], u.Duplicate.Count)
			}
		case <-ctx.Done():
			t.Fatalf("the subscription delivered %d records and %d duplicate counts, want %d of each", got, len(seen), n)
		}
	}
}

func allAtLeast(m map[uint64]int, v int) bool {
	for _, c := range m {
		if c < v {
			return false
		}
	}
	return true
}
