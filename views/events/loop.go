package events

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
)

// loop is background work that re-arms itself: one request at a time,
// each waiting (inside its Run, off the UI goroutine) for its delay, a poke
// or the loop's end before doing the work. Tab.Tick cannot return a
// command, so a view that must refresh on its own keeps a request pending
// rather than a timer; its answer is a CallResultMsg, routed to the Events
// tab by Owner even while another tab is shown.
type loop struct {
	op   string
	id   uint64        // the request in flight; an answer with another id is stale
	wake chan struct{} // buffered: a poke while the work runs wakes the next wait at once
	stop chan struct{}
	once sync.Once
}

func newLoop(op string) *loop {
	return &loop{op: op, wake: make(chan struct{}, 1), stop: make(chan struct{})}
}

// call starts the next request: after delay (0: at once), or earlier on a
// poke, it runs work. It supersedes any request still in flight.
func (l *loop) call(b views.Backend, delay time.Duration, work func(context.Context, client.API) (any, error)) tea.Cmd {
	if b == nil || l.stopped() {
		return nil
	}
	wake, stop := l.wake, l.stop
	id, cmd := b.Call(views.Request{
		Owner: views.Events,
		Op:    l.op,
		Run: func(ctx context.Context, api client.API) (any, error) {
			if err := wait(ctx, delay, wake, stop); err != nil {
				return nil, err
			}
			return work(ctx, api)
		},
	})
	l.id = id
	return cmd
}

// owns reports whether id is the loop's current request.
func (l *loop) owns(id uint64) bool { return l != nil && id != 0 && id == l.id }

// poke makes a waiting request run now (or the next one skip its wait).
func (l *loop) poke() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// close ends the loop: a waiting request returns context.Canceled (which
// the shell does not report) and no further one starts.
func (l *loop) close() {
	l.once.Do(func() { close(l.stop) })
	l.id = 0
}

func (l *loop) stopped() bool {
	select {
	case <-l.stop:
		return true
	default:
		return false
	}
}

// wait returns nil after d, at once for d <= 0 or on a poke, and
// context.Canceled when the loop stops or ctx ends.
func wait(ctx context.Context, d time.Duration, wake, stop <-chan struct{}) error {
	select {
	case <-stop:
		return context.Canceled
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-wake:
	case <-stop:
		return context.Canceled
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}
