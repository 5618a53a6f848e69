package sandbox

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Webhook delivery defaults; see the Options of the same names.
const (
	defaultWebhookBackoff = time.Second
	defaultWebhookTimeout = 5 * time.Second
	defaultWebhookQueue   = 256
	// webhookAttempts is the first try plus the API's 3 retries.
	webhookAttempts = 4
)

// delivery is one notification for one subscription, with everything needed
// to send it taken when the event changed: a later edit of the subscription
// does not alter a notification already on its way.
type delivery struct {
	subscriptionID string
	url            string
	secret         []byte
	notificationID string
	body           []byte
}

// deliveryEnd is how a delivery ended.
type deliveryEnd int

const (
	endDelivered deliveryEnd = iota // answered 200
	endGaveUp                       // every attempt failed
	endAbandoned                    // stopped by Close first
)

// deliveryResult is how a delivery ended, for tests.
type deliveryResult struct {
	notificationID string
	subscriptionID string
	attempts       int
	end            deliveryEnd
}

type deliveryOptions struct {
	client   *http.Client
	backoff  time.Duration
	timeout  time.Duration
	queueCap int
	log      *slog.Logger
}

// deliverer posts notifications asynchronously, so that no API request ever
// waits on a webhook. Each subscription has its own lane: a bounded queue
// and at most one goroutine, which exists only while the lane has work. So
// a slow or dead receiver, retries and backoff included, delays only its own
// notifications, which it receives in the order the changes happened; the
// goroutines are bounded by the number of subscriptions.
type deliverer struct {
	client    *http.Client
	ownClient bool // made here, so its idle connections are closed here
	backoff   time.Duration
	timeout   time.Duration
	queueCap  int
	log       *slog.Logger
	// done, when set (by tests, before the first send), hears how every
	// delivery ended.
	done func(deliveryResult)

	ctx    context.Context // ended by close: aborts attempts and backoff waits
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	lanes  map[string]*lane // by subscription id; only lanes with work
	closed bool
}

// lane is one subscription's queue.
type lane struct {
	queue []delivery
}

func newDeliverer(o deliveryOptions) *deliverer {
	d := &deliverer{
		client:   o.client,
		backoff:  o.backoff,
		timeout:  o.timeout,
		queueCap: o.queueCap,
		log:      o.log,
		lanes:    map[string]*lane{},
	}
	if d.client == nil {
		d.client = &http.Client{
			Transport:     http.DefaultTransport.(*http.Transport).Clone(),
			CheckRedirect: noRedirects,
		}
		d.ownClient = true
	}
	if d.backoff <= 0 {
		d.backoff = defaultWebhookBackoff
	}
	if d.timeout <= 0 {
		d.timeout = defaultWebhookTimeout
	}
	if d.queueCap <= 0 {
		d.queueCap = defaultWebhookQueue
	}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	return d
}

// noRedirects makes a 3xx the answer: the API wants a 200 from the URL it
// was given, and following a redirect would turn the POST into a GET.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// enqueue hands deliveries to their lanes and returns at once. A full lane
// drops the notification (logged): the event stays readable from GET /events.
func (d *deliverer) enqueue(ds ...delivery) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, x := range ds {
		if d.closed {
			d.log.Warn("sandbox: webhook not sent, the sandbox is closing",
				"notificationId", x.notificationID, "subscription", x.subscriptionID)
			continue
		}
		l := d.lanes[x.subscriptionID]
		if l == nil {
			l = &lane{}
			d.lanes[x.subscriptionID] = l
			d.wg.Add(1)
			go d.drain(x.subscriptionID, l)
		}
		if len(l.queue) >= d.queueCap {
			d.log.Warn("sandbox: webhook dropped, the subscription's queue is full",
				"notificationId", x.notificationID, "subscription", x.subscriptionID, "queued", len(l.queue))
			continue
		}
		l.queue = append(l.queue, x)
	}
}

// drain sends a lane's notifications one after another until the lane is
// empty, then removes it, all under the lock so that enqueue never adds to
// a lane whose goroutine has ended.
func (d *deliverer) drain(subID string, l *lane) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		if len(l.queue) == 0 || d.closed {
			left := l.queue
			l.queue = nil
			delete(d.lanes, subID)
			d.mu.Unlock()
			for _, x := range left {
				d.finish(x, 0, endAbandoned)
			}
			return
		}
		x := l.queue[0]
		l.queue = l.queue[1:]
		d.mu.Unlock()
		d.send(x)
	}
}

// close cancels attempts in flight and backoff waits, abandons what is
// queued, and waits for every lane's goroutine to end.
func (d *deliverer) close() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	d.cancel()
	d.wg.Wait()
	if d.ownClient {
		d.client.CloseIdleConnections()
	}
}

// finish reports how a delivery ended; an abandoned one is logged here,
// the others where they end.
func (d *deliverer) finish(x delivery, attempts int, end deliveryEnd) {
	if end == endAbandoned {
		d.log.Warn("sandbox: webhook abandoned, the sandbox is closing",
			"method", http.MethodPost, "url", redactedURL(x.url), "attempts", attempts,
			"notificationId", x.notificationID, "subscription", x.subscriptionID)
	}
	if d.done != nil {
		d.done(deliveryResult{notificationID: x.notificationID, subscriptionID: x.subscriptionID, attempts: attempts, end: end})
	}
}
