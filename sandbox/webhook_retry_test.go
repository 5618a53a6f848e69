package sandbox

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRetriesWaitLongerEachTime(t *testing.T) {
	// The waits are observed through the retry log lines, not timed.
	var logs logBuffer
	s := newTestServer(t, func(o *Options) { o.WebhookBackoff = time.Millisecond; o.Logger = logs.logger() })
	results := watchDeliveries(s)
	hook := newHookReceiver(t, 500)
	subscribe(t, s, hook.url, "s", `[]`, `[]`)
	if _, err := s.Dispatch(context.Background()); err != nil {
		t.Fatal(err)
	}
	results.wait(t, 1)
	var waits []string
	for _, m := range regexp.MustCompile(`retryIn=(\S+)`).FindAllStringSubmatch(logs.String(), -1) {
		waits = append(waits, m[1])
	}
	if want := []string{"1ms", "2ms", "4ms"}; !slices.Equal(waits, want) {
		t.Fatalf("waits %v, want %v", waits, want)
	}
}

func TestDeadReceiverDoesNotBlockOthers(t *testing.T) {
	s := newTestServer(t, func(o *Options) {
		o.WebhookTimeout = time.Hour // the hanging receiver holds its attempt until Close
		o.WebhookBackoff = time.Hour // and the refused one waits to retry until Close
	})
	results := watchDeliveries(s)
	hangURL, entered := hangingReceiver(t)
	subscribe(t, s, hangURL, "hang", `[]`, `[]`)
	subscribe(t, s, refusedURL(t), "dead", `[]`, `[]`)
	live := newHookReceiver(t)
	subscribe(t, s, live.url, "live", `[]`, `[]`)

	const n = 3
	for range n {
		if _, err := s.Dispatch(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-entered:
	case <-time.After(waitLimit):
		t.Fatal("the hanging receiver got nothing")
	}
	// every notification reaches the live receiver while the hanging one
	// still holds its first and the dead one waits to retry
	for range n {
		live.next(t)
	}
	for _, r := range results.wait(t, n) {
		if r.end != endDelivered {
			t.Fatalf("live delivery %+v", r)
		}
	}

	closed := make(chan struct{})
	go func() { _ = s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(waitLimit):
		t.Fatal("Close did not return while a receiver hung")
	}
	// the other 2·n were abandoned, in flight or queued, and every lane ended
	ended := results.wait(t, 2*n)
	for _, r := range ended {
		if r.end != endAbandoned {
			t.Fatalf("after Close: %+v", r)
		}
	}
	s.webhooks.mu.Lock()
	lanes := len(s.webhooks.lanes)
	s.webhooks.mu.Unlock()
	if lanes != 0 {
		t.Fatalf("%d lanes left after Close", lanes)
	}
	// after Close nothing is sent
	s.mu.Lock()
	_, err := s.createEventLocked(s.st.Events[0], s.clock())
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if got := results.total(); got != 3*n {
		t.Fatalf("%d results after a change past Close, want %d", got, 3*n)
	}
}

func TestFullQueueDropsAndLogs(t *testing.T) {
	var logs logBuffer
	s := newTestServer(t, func(o *Options) {
		o.WebhookQueue = 1
		o.WebhookTimeout = time.Hour
		o.Logger = logs.logger()
	})
	results := watchDeliveries(s)
	hangURL, entered := hangingReceiver(t)
	subscribe(t, s, hangURL, "hang", `[]`, `[]`)
	if _, err := s.Dispatch(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-entered // the first is in flight; the lane's queue is empty again
	for range 2 {
		if _, err := s.Dispatch(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(logs.String(), "queue is full") {
		t.Fatalf("no drop logged:\n%s", logs.String())
	}
	_ = s.Close()
	if got := len(results.wait(t, 2)); got != 2 || results.total() != 2 {
		t.Fatalf("%d results, want 2 (in flight and queued; the third was dropped)", results.total())
	}
}

func TestWebhookLogsHoldNoSecrets(t *testing.T) {
	const (
		secret     = "whsec-must-not-leak-42"
		queryToken = "qtok-must-not-leak-43"
	)
	var logs logBuffer
	s := newTestServer(t, func(o *Options) { o.WebhookBackoff = time.Millisecond; o.Logger = logs.logger() })
	results := watchDeliveries(s)
	failing := newHookReceiver(t, 500)
	subscribe(t, s, failing.url+"?token="+queryToken+"#frag-"+queryToken, secret, `[]`, `[]`)
	subscribe(t, s, refusedURL(t)+"?token="+queryToken, secret, `[]`, `[]`)
	ok := newHookReceiver(t)
	subscribe(t, s, ok.url+"?token="+queryToken, secret, `[]`, `[]`)

	rec := call(t, s, http.MethodPost, "/events", "")
	mustStatus(t, rec, http.StatusOK)
	results.wait(t, 3)
	if r := ok.next(t); r.query != "token="+queryToken {
		t.Fatalf("the receiver got query %q: the URL must be used as given", r.query)
	}
	out := logs.String()
	if strings.Count(out, "giving up") != 2 || !strings.Contains(out, "/webhook") || !strings.Contains(out, "500 Internal Server Error") ||
		!strings.Contains(out, "connection refused") {
		t.Fatalf("the failures are not logged as expected:\n%s", out)
	}
	for _, leak := range []string{secret, queryToken, testToken} {
		if strings.Contains(out, leak) {
			t.Fatalf("log holds %q:\n%s", leak, out)
		}
	}
}

func TestRedactedURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://relay.example.com/hook?token=abc":       "https://relay.example.com/hook",
		"http://user:pw@127.0.0.1:8787/webhook#x":        "http://127.0.0.1:8787/webhook",
		"https://h.example/a/b%2Fc?x=1&y=2":              "https://h.example/a/b%2Fc",
		"http://[::1]:9/p":                               "http://[::1]:9/p",
		"://not a url?token=secret":                      "(unparsable URL)",
		"https://hooks.example.com/services/T0/B0?k=zzz": "https://hooks.example.com/services/T0/B0",
	} {
		if got := redactedURL(in); got != want {
			t.Errorf("redactedURL(%q) = %q, want %q", in, got, want)
		}
	}
}
