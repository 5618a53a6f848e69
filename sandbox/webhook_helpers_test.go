package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// waitLimit only keeps a broken test from hanging; nothing is timed against it.
const waitLimit = 20 * time.Second

// loopbackOnlyClient sends webhooks only to loopback addresses, so that no
// test ever reaches the network, whatever URL a subscription names.
func loopbackOnlyClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	dialer := &net.Dialer{}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("test webhook client: refusing non-loopback address %s", host)
		}
		return dialer.DialContext(ctx, network, addr)
	}
	tr.Proxy = nil
	return &http.Client{Transport: tr, CheckRedirect: noRedirects}
}

// hookRequest is one webhook a test receiver got.
type hookRequest struct {
	body   []byte
	header http.Header
	path   string
	query  string
}

// hookReceiver is a loopback webhook endpoint. It answers each request with
// the next status of its script (the last one repeats) and hands every
// request to got.
type hookReceiver struct {
	url   string
	got   chan hookRequest
	count atomic.Int64
}

func newHookReceiver(t *testing.T, script ...int) *hookReceiver {
	t.Helper()
	if len(script) == 0 {
		script = []int{http.StatusOK}
	}
	h := &hookReceiver{got: make(chan hookRequest, 1024)}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		n := int(h.count.Add(1))
		h.got <- hookRequest{body: body, header: r.Header.Clone(), path: r.URL.Path, query: r.URL.RawQuery}
		w.WriteHeader(script[min(n, len(script))-1])
	}))
	t.Cleanup(ts.Close)
	h.url = ts.URL + "/webhook"
	return h
}

// next waits for the receiver's next request.
func (h *hookReceiver) next(t *testing.T) hookRequest {
	t.Helper()
	select {
	case r := <-h.got:
		return r
	case <-time.After(waitLimit):
		t.Fatalf("no webhook arrived at %s", h.url)
		return hookRequest{}
	}
}

// hangingReceiver accepts webhooks and never answers until the client gives
// up (or the test ends). entered hears of each request that arrived.
func hangingReceiver(t *testing.T) (url string, entered chan struct{}) {
	t.Helper()
	release := make(chan struct{})
	entered = make(chan struct{}, 1024)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { close(release) }) // runs first: lets ts.Close finish
	return ts.URL + "/hang", entered
}

// refusedURL is a loopback URL where nothing listens.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/dead"
}

// resultLog collects how deliveries ended; install it before the first
// event change.
type resultLog struct {
	mu  sync.Mutex
	all []deliveryResult
	ch  chan deliveryResult
}

func watchDeliveries(s *Server) *resultLog {
	l := &resultLog{ch: make(chan deliveryResult, 1024)}
	s.webhooks.done = func(r deliveryResult) {
		l.mu.Lock()
		l.all = append(l.all, r)
		l.mu.Unlock()
		l.ch <- r
	}
	return l
}

// wait returns the next n results.
func (l *resultLog) wait(t *testing.T, n int) []deliveryResult {
	t.Helper()
	out := make([]deliveryResult, 0, n)
	for len(out) < n {
		select {
		case r := <-l.ch:
			out = append(out, r)
		case <-time.After(waitLimit):
			t.Fatalf("%d of %d deliveries ended", len(out), n)
		}
	}
	return out
}

func (l *resultLog) total() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.all)
}

// subscribe creates a subscription through the API and returns its id.
func subscribe(t *testing.T, s *Server, url, secret string, payloadTypes, operations string) string {
	t.Helper()
	body := fmt.Sprintf(`{"webhookUrl":%q,"webhookSecret":%q,"eventPayloadTypes":%s,"operationTypes":%s}`, url, secret, payloadTypes, operations)
	rec := call(t, s, http.MethodPost, "/subscriptions", body)
	mustStatus(t, rec, http.StatusOK)
	var sub struct{ ID string }
	decodeInto(t, rec, &sub)
	return sub.ID
}

func decodeNotification(t *testing.T, body []byte, n *notification) {
	t.Helper()
	if err := json.Unmarshal(body, n); err != nil {
		t.Fatalf("webhook body %s: %v", body, err)
	}
}
