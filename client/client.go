package client

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Defaults for Options left zero.
const (
	DefaultRequestTimeout = 15 * time.Second
	DefaultMaxAttempts    = 4
	DefaultRetryBudget    = 30 * time.Second
	DefaultUserAgent      = "ecdash-client"
)

// Options configures a Client. Give either Token, or ClientID, ClientSecret
// and TokenURL (OAuth2 client credentials), or neither for a server without auth.
type Options struct {
	// BaseURL is the API root, e.g. https://api.sandbox.voluespark.com/energy-coordination/v1.
	BaseURL string

	// Token is a static bearer token. It is never refreshed, so a 401 is final.
	Token string

	// OAuth2 client credentials. The token is fetched on first use, refreshed
	// shortly before it expires, and fetched again once after a 401.
	ClientID     string
	ClientSecret string
	TokenURL     string
	Scopes       []string

	// HTTPClient sends requests (and token requests); nil means a fresh client
	// on http.DefaultTransport. Its Timeout is left to the caller: each request
	// is bounded by RequestTimeout instead.
	HTTPClient *http.Client

	// RequestTimeout bounds each attempt (default 15 s).
	RequestTimeout time.Duration
	// MaxAttempts bounds the tries of a GET (default 4). Writes are tried once.
	MaxAttempts int
	// RetryBudget bounds the total time spent on a GET including waits (default 30 s).
	RetryBudget time.Duration

	// Observer, when set, is called once per attempt (for a request log). It
	// never receives a header, a body or a query value.
	Observer func(RequestRecord)

	// UserAgent is sent with every request (default "ecdash-client").
	UserAgent string

	// Sleep waits between retries; nil means a timer that stops early when ctx
	// is done. Tests give one that returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for token expiry and the retry budget; nil means time.Now.
	Now func() time.Time
}

// String never shows the token or the client secret.
func (o Options) String() string {
	return fmt.Sprintf("Options{BaseURL:%s Token:%s ClientID:%s ClientSecret:%s TokenURL:%s}",
		o.BaseURL, MaskSecret(o.Token), o.ClientID, MaskSecret(o.ClientSecret), o.TokenURL)
}

// GoString keeps %#v from printing secrets too.
func (o Options) GoString() string { return o.String() }

// Client calls the Energy Coordination API. It is safe for concurrent use.
type Client struct {
	base        *url.URL // no trailing slash
	http        *http.Client
	auth        authorizer
	timeout     time.Duration
	maxAttempts int
	budget      time.Duration
	observe     func(RequestRecord)
	attempts    atomic.Uint64 // RequestRecord IDs
	userAgent   string
	sleep       func(ctx context.Context, d time.Duration) error
	now         func() time.Time
	jitter      func(max time.Duration) time.Duration
	secrets     secretSet // scrubbed from any text a server sends back

	// noReports remembers the server's answer that it does not list
	// reports (ErrNotOffered), so it is asked once per client, not on every
	// poll of every screen.
	noReports atomic.Pointer[Error]
}

var _ API = (*Client)(nil)

// New checks opts and builds a Client. It makes no request.
func New(opts Options) (*Client, error) {
	base, err := parseBaseURL(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:        base,
		http:        opts.HTTPClient,
		timeout:     opts.RequestTimeout,
		maxAttempts: opts.MaxAttempts,
		budget:      opts.RetryBudget,
		observe:     opts.Observer,
		userAgent:   opts.UserAgent,
		sleep:       opts.Sleep,
		now:         opts.Now,
		jitter:      fullJitter,
	}
	switch {
	case c.timeout < 0, c.maxAttempts < 0, c.budget < 0:
		return nil, errors.New("client: RequestTimeout, MaxAttempts and RetryBudget must not be negative")
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	if c.timeout == 0 {
		c.timeout = DefaultRequestTimeout
	}
	if c.maxAttempts == 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	if c.budget == 0 {
		c.budget = DefaultRetryBudget
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.sleep == nil {
		c.sleep = sleepContext
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.auth, err = newAuthorizer(opts, c); err != nil {
		return nil, err
	}
	return c, nil
}

// BaseURL is the API root the client calls.
func (c *Client) BaseURL() string { return c.base.String() }

func parseBaseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("client: a base URL is required, e.g. http://127.0.0.1:8080")
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("client: base URL must be an absolute http or https URL, e.g. http://127.0.0.1:8080")
	}
	if u.User != nil {
		// Never echo it: it may hold a password.
		return nil, errors.New("client: base URL must not contain credentials; use a token or client credentials")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("client: base URL must not have a query or fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// sleepContext waits d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// fullJitter picks a wait uniformly in [0, max] ("full jitter"), so many
// clients retrying after one outage do not come back in step.
func fullJitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(max) + 1))
}

// scrub removes any secret this client holds from text a server sent back.
func (c *Client) scrub(s string) string { return c.secrets.scrub(s) }
