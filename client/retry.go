package client

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff between GET retries: full jitter over an exponentially growing
// window, unless the server said when to come back (Retry-After).
const (
	backoffBase = 500 * time.Millisecond
	backoffCap  = 8 * time.Second
)

// retryableStatus are the answers after which the same GET may succeed.
var retryableStatus = map[int]bool{
	http.StatusTooManyRequests:    true,
	http.StatusBadGateway:         true,
	http.StatusServiceUnavailable: true,
	http.StatusGatewayTimeout:     true,
}

// retryWait decides whether cl is tried again after err (its tries-th try)
// and how long to wait first. Only GETs are retried: a write that failed in
// transit may have been applied, and repeating it could apply it twice. It
// gives up when MaxAttempts is reached, when ctx is done, or when the wait
// would pass RetryBudget (a Retry-After beyond the budget ends the retries
// rather than being cut short: the server asked not to be called sooner).
func (c *Client) retryWait(ctx context.Context, cl call, err error, tries int, start time.Time) (time.Duration, bool) {
	if cl.method != http.MethodGet || tries >= c.maxAttempts || ctx.Err() != nil {
		return 0, false
	}
	var e *Error
	if !errors.As(err, &e) {
		return 0, false
	}
	var retryAfter time.Duration
	var hasRetryAfter bool
	switch {
	case retryableStatus[e.StatusCode]:
		retryAfter, hasRetryAfter = e.retryAfter, e.hasRetryAfter
	case e.StatusCode == 0 && !isTokenError(e) && transientCause(e.Err):
	default:
		return 0, false
	}
	wait := retryAfter
	if !hasRetryAfter {
		wait = c.jitter(min(backoffCap, backoffBase<<(tries-1)))
	}
	if c.now().Sub(start)+wait > c.budget {
		return 0, false
	}
	return wait, true
}

func isTokenError(err error) bool {
	var te *TokenError
	return errors.As(err, &te)
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP-date
// (RFC 9110 §10.2.3); a date in the past means now.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second) // beyond any budget anyway; avoid overflow
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
