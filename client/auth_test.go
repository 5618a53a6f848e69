package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testClientID     = "partner-42"
	testClientSecret = "cs-9f8e7d6c5b4a+SECRET/="
)

// tokenEndpoint is an httptest OAuth2 token endpoint issuing tok-1, tok-2, …
type tokenEndpoint struct {
	srv       *httptest.Server
	issued    atomic.Int32
	expiresIn int
	fail      func(w http.ResponseWriter) bool // answers instead of issuing when it returns true
}

func newTokenEndpoint(t *testing.T, expiresIn int) *tokenEndpoint {
	te := &tokenEndpoint{expiresIn: expiresIn}
	te.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.Method != http.MethodPost ||
			r.PostForm.Get("grant_type") != "client_credentials" ||
			r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testClientSecret {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"error":"invalid_client","error_description":"form was %s"}`, r.PostForm.Encode())
			return
		}
		if te.fail != nil && te.fail(w) {
			return
		}
		n := te.issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"access_token": fmt.Sprintf("tok-%d", n), "token_type": "Bearer", "expires_in": te.expiresIn,
		})
	}))
	t.Cleanup(te.srv.Close)
	return te
}

// apiServer accepts the bearer tokens accept says are good and records which
// token each request carried.
type apiServer struct {
	srv    *httptest.Server
	mu     sync.Mutex
	tokens []string
}

func newAPIServer(t *testing.T, accept func(tok string) bool) *apiServer {
	a := &apiServer{}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		a.mu.Lock()
		a.tokens = append(a.tokens, tok)
		a.mu.Unlock()
		if !accept(tok) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"title":"Unauthorized","status":401,"detail":"invalid token"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			_, _ = w.Write([]byte(`{"id":"r1","resourceId":"veh-1"}`))
			return
		}
		_, _ = w.Write([]byte(`[]`))
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *apiServer) seen() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.tokens...)
}

// fakeClock is a settable clock for token expiry.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func ccClient(t *testing.T, api *apiServer, te *tokenEndpoint, clock *fakeClock) *Client {
	t.Helper()
	opts := Options{
		BaseURL: api.srv.URL, ClientID: testClientID, ClientSecret: testClientSecret, TokenURL: te.srv.URL + "/connect/token",
		Sleep: func(ctx context.Context, d time.Duration) error { return nil },
	}
	if clock != nil {
		opts.Now = clock.Now
	}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientCredentialsTokenIsFetchedOnceAndReused(t *testing.T) {
	te := newTokenEndpoint(t, 3600)
	api := newAPIServer(t, func(tok string) bool { return tok == "tok-1" })
	c := ccClient(t, api, te, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ListEvents(ctxT(t))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if te.issued.Load() != 1 {
		t.Errorf("%d tokens fetched for 8 concurrent calls, want 1", te.issued.Load())
	}
}

func TestClientCredentialsTokenIsRefreshedBeforeExpiry(t *testing.T) {
	te := newTokenEndpoint(t, 3600)
	api := newAPIServer(t, func(tok string) bool { return true })
	clock := &fakeClock{now: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	c := ccClient(t, api, te, clock)
	call := func() {
		t.Helper()
		if _, err := c.ListResources(ctxT(t)); err != nil {
			t.Fatal(err)
		}
	}
	call()
	clock.Advance(58 * time.Minute) // still outside the one-minute margin
	call()
	if te.issued.Load() != 1 {
		t.Fatalf("refetched too early: %d tokens", te.issued.Load())
	}
	clock.Advance(90 * time.Second) // 59.5 min: inside the margin, not yet expired
	call()
	if te.issued.Load() != 2 {
		t.Fatalf("not refreshed before expiry: %d tokens", te.issued.Load())
	}
	got := api.seen()
	if want := []string{"tok-1", "tok-1", "tok-2"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("tokens used %v, want %v", got, want)
	}
}

func TestShortLivedTokensAreRenewedAtHalfLife(t *testing.T) {
	te := newTokenEndpoint(t, 60) // as long as the margin: must not be refetched on every call
	api := newAPIServer(t, func(tok string) bool { return true })
	clock := &fakeClock{now: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	c := ccClient(t, api, te, clock)
	for range 3 {
		if _, err := c.ListEvents(ctxT(t)); err != nil {
			t.Fatal(err)
		}
	}
	if te.issued.Load() != 1 {
		t.Errorf("%d tokens for 3 quick calls", te.issued.Load())
	}
	clock.Advance(31 * time.Second)
	if _, err := c.ListEvents(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if te.issued.Load() != 2 {
		t.Errorf("%d tokens after half-life", te.issued.Load())
	}
}

func TestA401FetchesANewTokenAndRetriesOnce(t *testing.T) {
	te := newTokenEndpoint(t, 3600)
	// The server revoked tok-1 (e.g. rotated keys) before it expired.
	api := newAPIServer(t, func(tok string) bool { return tok == "tok-2" })
	c := ccClient(t, api, te, nil)
	if _, err := c.ListEvents(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if got := api.seen(); strings.Join(got, ",") != "tok-1,tok-2" {
		t.Errorf("tokens used %v", got)
	}
}

// TestA401OnAWriteIsNotResent: a write is never sent twice by the client;
// the revoked token is dropped, so the next write carries a fresh one.
func TestA401OnAWriteIsNotResent(t *testing.T) {
	te := newTokenEndpoint(t, 3600)
	api := newAPIServer(t, func(tok string) bool { return tok == "tok-2" })
	c := ccClient(t, api, te, nil)
	_, err := c.CreateResource(ctxT(t), ResourceRequest{ResourceID: "veh-1"})
	if StatusCode(err) != 401 {
		t.Fatalf("err = %v, want the 401", err)
	}
	if got := api.seen(); strings.Join(got, ",") != "tok-1" {
		t.Fatalf("tokens used %v, want one POST", got)
	}
	if _, err := c.CreateResource(ctxT(t), ResourceRequest{ResourceID: "veh-1"}); err != nil {
		t.Fatal(err)
	}
	if got := api.seen(); strings.Join(got, ",") != "tok-1,tok-2" {
		t.Errorf("tokens used %v: the second write should carry a fresh token", got)
	}
}

func TestA401IsRetriedOnlyOnce(t *testing.T) {
	te := newTokenEndpoint(t, 3600)
	api := newAPIServer(t, func(tok string) bool { return false })
	c := ccClient(t, api, te, nil)
	_, err := c.ListEvents(ctxT(t))
	if !IsAuth(err) || StatusCode(err) != 401 {
		t.Fatalf("err = %v", err)
	}
	if n := len(api.seen()); n != 2 || te.issued.Load() != 2 {
		t.Errorf("%d API requests and %d tokens, want 2 and 2", n, te.issued.Load())
	}
}

func TestAStaticTokenIsNeverRetriedOn401(t *testing.T) {
	api := newAPIServer(t, func(tok string) bool { return false })
	c, err := New(Options{BaseURL: api.srv.URL, Token: "static-token-value"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListEvents(ctxT(t))
	if !IsAuth(err) || len(api.seen()) != 1 {
		t.Errorf("err = %v after %d requests", err, len(api.seen()))
	}
	if err.Error() != "GET /events: 401 Unauthorized: invalid token" {
		t.Errorf("message %q", err)
	}
}

func TestTokenEndpointFailuresNeverShowTheSecret(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(w http.ResponseWriter) bool
		secret    string // the client secret to configure
		transient bool
		want      string
	}{
		{
			name:   "wrong secret, endpoint echoes the form",
			secret: "wrong-" + testClientSecret,
			want:   "ListEvents GET /events: token endpoint 127.0.0.1",
		},
		{
			name:   "500 whose body quotes the secret",
			secret: testClientSecret,
			fail: func(w http.ResponseWriter) bool {
				w.WriteHeader(500)
				_, _ = w.Write([]byte("boom: client_secret=" + testClientSecret))
				return true
			},
			transient: true,
			want:      "500 Internal Server Error",
		},
		{
			name:   "error_description quoting the secret",
			secret: testClientSecret,
			fail: func(w http.ResponseWriter) bool {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(400)
				_, _ = w.Write([]byte(`{"error":"invalid_scope","error_description":"scope not allowed for ` + testClientSecret + `"}`))
				return true
			},
			want: "invalid_scope: scope not allowed for [redacted]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te := newTokenEndpoint(t, 3600)
			te.fail = tt.fail
			api := newAPIServer(t, func(string) bool { return true })
			c, err := New(Options{BaseURL: api.srv.URL, ClientID: testClientID, ClientSecret: tt.secret, TokenURL: te.srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListEvents(ctxT(t))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			t.Logf("message: %s", msg)
			if strings.Contains(msg, testClientSecret) || strings.Contains(msg, "cs-9f8e") || strings.Contains(fmt.Sprintf("%+v %#v", err, err), testClientSecret) {
				t.Errorf("secret leaked: %s", msg)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("message %q lacks %q", msg, tt.want)
			}
			if !IsAuth(err) || IsTransient(err) != tt.transient {
				t.Errorf("IsAuth=%v IsTransient=%v for %v", IsAuth(err), IsTransient(err), err)
			}
			if len(api.seen()) != 0 {
				t.Error("the API was called without a token")
			}
		})
	}
}

func TestTokenEndpointDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tokenURL := "http://" + l.Addr().String() + "/connect/token"
	l.Close()
	api := newAPIServer(t, func(string) bool { return true })
	c, err := New(Options{BaseURL: api.srv.URL, ClientID: testClientID, ClientSecret: testClientSecret, TokenURL: tokenURL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetEvent(ctxT(t), "e1")
	if !IsAuth(err) || !IsTransient(err) || strings.Contains(err.Error(), testClientSecret) {
		t.Errorf("err = %v (auth %v, transient %v)", err, IsAuth(err), IsTransient(err))
	}
	if !strings.HasPrefix(err.Error(), "GetEvent GET /events/e1: token endpoint ") {
		t.Errorf("message %q", err)
	}
}
