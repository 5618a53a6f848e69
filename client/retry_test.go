package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// failThen answers status (with Retry-After when given) for the first n hits,
// then a valid empty list.
func failThen(n int32, status int, retryAfter string) http.HandlerFunc {
	var seen atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= n {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}
}

// dropConnection closes the connection without any answer.
func dropConnection(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestGETRetriesTransientFailures(t *testing.T) {
	tests := []struct {
		name     string
		handler  http.HandlerFunc
		wantHits int32
		wantOK   bool
		// wantWaits, when set, are the exact waits asked for (Retry-After).
		wantWaits []time.Duration
	}{
		{name: "503 twice then 200", handler: failThen(2, 503, ""), wantHits: 3, wantOK: true},
		{name: "502 then 200", handler: failThen(1, 502, ""), wantHits: 2, wantOK: true},
		{name: "504 then 200", handler: failThen(1, 504, ""), wantHits: 2, wantOK: true},
		{name: "429 with Retry-After seconds", handler: failThen(2, 429, "2"), wantHits: 3, wantOK: true,
			wantWaits: []time.Duration{2 * time.Second, 2 * time.Second}},
		{name: "503 forever stops at MaxAttempts", handler: failThen(100, 503, ""), wantHits: 4},
		{name: "Retry-After beyond the budget ends retries", handler: failThen(100, 503, "120"), wantHits: 1,
			wantWaits: []time.Duration{}},
		{name: "500 is not retried", handler: failThen(100, 500, ""), wantHits: 1},
		{name: "400 is not retried", handler: failThen(100, 400, ""), wantHits: 1},
		{name: "dropped connections are retried", handler: func() http.HandlerFunc {
			var n atomic.Int32
			return func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) <= 2 {
					dropConnection(w, r)
					return
				}
				failThen(0, 0, "")(w, r)
			}
		}(), wantHits: 3, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := countingServer(t, tt.handler)
			c, waits := testClient(t, srv, Options{})
			_, err := c.ListEvents(ctxT(t))
			if (err == nil) != tt.wantOK {
				t.Fatalf("err = %v, want ok=%v", err, tt.wantOK)
			}
			if got := hits.Load(); got != tt.wantHits {
				t.Errorf("server hit %d times, want %d", got, tt.wantHits)
			}
			if len(*waits) != int(tt.wantHits)-1 && tt.wantWaits == nil {
				t.Errorf("waited %d times for %d hits", len(*waits), tt.wantHits)
			}
			if tt.wantWaits != nil && !reflect.DeepEqual(*waits, tt.wantWaits) {
				t.Errorf("waits %v, want %v", *waits, tt.wantWaits)
			}
			for i, w := range *waits {
				if tt.wantWaits == nil && (w < 0 || w > backoffBase<<i) {
					t.Errorf("wait %d = %v outside full-jitter window [0, %v]", i, w, backoffBase<<i)
				}
			}
		})
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	srv, hits := countingServer(t, failThen(1, 503, now.Add(5*time.Second).Format(http.TimeFormat)))
	c, waits := testClient(t, srv, Options{Now: func() time.Time { return now }})
	if _, err := c.ListResources(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 2 || !reflect.DeepEqual(*waits, []time.Duration{5 * time.Second}) {
		t.Errorf("hits %d waits %v", hits.Load(), *waits)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{"30", 30 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"99999999999999999", 24 * time.Hour, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryBudgetBoundsTotalTime(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv, hits := countingServer(t, failThen(100, 503, ""))
	c, _ := testClient(t, srv, Options{
		MaxAttempts: 20,
		RetryBudget: 3 * time.Second,
		Now:         clock,
		Sleep: func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			now = now.Add(d)
			mu.Unlock()
			return nil
		},
	})
	c.jitter = func(max time.Duration) time.Duration { return max } // waits 0.5 s, 1 s, 2 s, ...
	_, err := c.ListEvents(ctxT(t))
	if StatusCode(err) != 503 {
		t.Fatalf("err = %v", err)
	}
	// 0.5 + 1 = 1.5 s fit in 3 s; 1.5 + 2 does not: three tries.
	if hits.Load() != 3 {
		t.Errorf("server hit %d times, want 3", hits.Load())
	}
}

func TestWritesAreNeverRetried(t *testing.T) {
	writes := map[string]func(c *Client) error{
		"CreateReport": func(c *Client) error {
			_, err := c.CreateReport(context.Background(), ReportRequest{EventID: "e"})
			return err
		},
		"CreateResource": func(c *Client) error {
			_, err := c.CreateResource(context.Background(), ResourceRequest{ResourceID: "v"})
			return err
		},
		"UpdateResource": func(c *Client) error {
			_, err := c.UpdateResource(context.Background(), "v", ResourceRequest{ResourceID: "v"})
			return err
		},
		"DeleteResource": func(c *Client) error { return c.DeleteResource(context.Background(), "v") },
		"CreateSubscription": func(c *Client) error {
			_, err := c.CreateSubscription(context.Background(), SubscriptionRequest{WebhookURL: "http://127.0.0.1:9/h"})
			return err
		},
		"UpdateSubscription": func(c *Client) error {
			_, err := c.UpdateSubscription(context.Background(), "s", Subscription{})
			return err
		},
		"DeleteSubscription": func(c *Client) error { return c.DeleteSubscription(context.Background(), "s") },
	}
	failures := map[string]http.HandlerFunc{
		"503":                failThen(100, 503, "1"),
		"429":                failThen(100, 429, "1"),
		"dropped connection": dropConnection,
	}
	for name, write := range writes {
		for fname, fail := range failures {
			t.Run(name+"/"+fname, func(t *testing.T) {
				srv, hits := countingServer(t, fail)
				c, waits := testClient(t, srv, Options{})
				if err := write(c); err == nil {
					t.Fatal("no error")
				}
				if hits.Load() != 1 || len(*waits) != 0 {
					t.Errorf("server hit %d times, waited %v; a write must be sent once", hits.Load(), *waits)
				}
			})
		}
	}
}

func TestRetryStopsWhenContextIsCancelled(t *testing.T) {
	srv, hits := countingServer(t, failThen(100, 503, ""))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _ := testClient(t, srv, Options{
		Sleep: func(ctx context.Context, d time.Duration) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		},
	})
	_, err := c.ListEvents(ctx)
	if !errors.Is(err, context.Canceled) || hits.Load() != 1 || IsTransient(err) {
		t.Errorf("err = %v after %d hits", err, hits.Load())
	}
	if !strings.HasPrefix(err.Error(), "ListEvents GET /events: context canceled") {
		t.Errorf("message %q", err)
	}
}

func TestObserverSeesEveryAttempt(t *testing.T) {
	srv, _ := countingServer(t, failThen(2, 503, "0"))
	var mu sync.Mutex
	var records []RequestRecord
	started := map[uint64]bool{}
	c, _ := testClient(t, srv, Options{Observer: func(r RequestRecord) {
		mu.Lock()
		defer mu.Unlock()
		if r.InFlight {
			started[r.ID] = true
			return
		}
		if !started[r.ID] {
			t.Errorf("attempt %d ended without having started", r.ID)
		}
		records = append(records, r)
	}})
	if _, err := c.ListSubscriptions(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if len(records) != 3 {
		t.Fatalf("%d records", len(records))
	}
	for i, r := range records {
		wantStatus := 503
		if i == 2 {
			wantStatus = 200
		}
		if r.Op != "ListSubscriptions" || r.Method != "GET" || r.Path != "/subscriptions" || r.Attempt != i+1 ||
			r.Status != wantStatus || (r.Err == nil) != (i == 2) || r.At.IsZero() {
			t.Errorf("record %d: %+v", i, r)
		}
	}
}

func TestRequestTimeoutBoundsEachAttempt(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		select { // hold the answer until the client gives up (or the test ends)
		case <-r.Context().Done():
		case <-release:
		}
	})
	// Attempts are counted on the client's side: on a loaded machine a try can
	// time out before the server's handler ever runs.
	var attempts atomic.Int32
	c, _ := testClient(t, srv, Options{RequestTimeout: 50 * time.Millisecond, MaxAttempts: 2,
		Observer: func(r RequestRecord) {
			if !r.InFlight {
				attempts.Add(1)
			}
		}})
	_, err := c.GetSubscription(ctxT(t), "s1")
	if err == nil || !strings.Contains(err.Error(), "GetSubscription GET /subscriptions/s1: no answer within 50ms") {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !IsTransient(err) {
		t.Errorf("classification of %v", err)
	}
	if attempts.Load() != 2 || hits.Load() > 2 {
		t.Errorf("%d tries (%d reached the server), want 2 (a GET that timed out is retried)", attempts.Load(), hits.Load())
	}
}
