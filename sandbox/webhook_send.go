package sandbox

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	feed "github.com/ecdash/ecdash/livefeed/notification"
)

// maxWebhookAnswer is how much of a receiver's answer is read (and thrown
// away) so that the connection can be reused.
const maxWebhookAnswer = 64 << 10

// send makes up to webhookAttempts attempts, waiting backoff, 2·backoff,
// 4·backoff between them, until one is answered 200. Anything else (another
// status, a timeout, a refused connection) is retried, as the API does.
func (d *deliverer) send(x delivery) {
	wait := d.backoff
	for attempt := 1; ; attempt++ {
		status, err := d.attempt(x)
		if err == nil && status == http.StatusOK {
			d.log.Debug("sandbox: webhook delivered", "method", http.MethodPost, "url", redactedURL(x.url),
				"attempt", attempt, "notificationId", x.notificationID)
			d.finish(x, attempt, endDelivered)
			return
		}
		if d.ctx.Err() != nil {
			d.finish(x, attempt, endAbandoned)
			return
		}
		outcome := describeOutcome(status, err)
		if attempt == webhookAttempts {
			d.log.Warn("sandbox: webhook not delivered, giving up",
				"method", http.MethodPost, "url", redactedURL(x.url), "status", outcome,
				"attempts", attempt, "notificationId", x.notificationID, "subscription", x.subscriptionID)
			d.finish(x, attempt, endGaveUp)
			return
		}
		d.log.Debug("sandbox: webhook failed, will retry",
			"method", http.MethodPost, "url", redactedURL(x.url), "status", outcome,
			"attempt", attempt, "retryIn", wait, "notificationId", x.notificationID)
		t := time.NewTimer(wait)
		select {
		case <-d.ctx.Done():
			t.Stop()
			d.finish(x, attempt, endAbandoned)
			return
		case <-t.C:
		}
		wait *= 2
	}
}

// attempt POSTs the signed body once, within the per-attempt timeout.
func (d *deliverer) attempt(x delivery) (int, error) {
	ctx, cancel := context.WithTimeout(d.ctx, d.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, x.url, bytes.NewReader(x.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "ecdash-sandbox")
	req.Header.Set(feed.SignatureHeader, feed.Sign(x.secret, x.body))
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxWebhookAnswer))
	resp.Body.Close()
	return resp.StatusCode, nil
}

// describeOutcome is a failed attempt for the log: the status, or the
// transport error without the URL that net/http wraps around it (the URL's
// query may hold a token).
func describeOutcome(status int, err error) string {
	if err == nil {
		return strconv.Itoa(status) + " " + http.StatusText(status)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer within the attempt timeout"
	}
	return "error: " + err.Error()
}

// redactedURL is a webhook URL fit for a log: scheme, host and path only,
// never the query or fragment (which may carry a token) or user info.
func redactedURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}).String()
}
