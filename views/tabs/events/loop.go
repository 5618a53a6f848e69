package events

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
)

// loop is background work that re-arms itself: one request at a time, the
// next armed when the last one answered and started by the clock (Tick) once
// its delay has passed, or at once after a poke. It holds no timer of its
// own: the shell's one-second tick drives it, so the dashboard has a single
// clock that tests can run forward. Its answers are views.Results routed
// to the Events tab by Owner.
//
// T is what the work returns: its answers are views.Result[T].
type loop[T any] struct {
	op      string
	id      uint64 // the request in flight or last answered; an answer with another id is stale
	work    func(context.Context, client.API) (T, error)
	dueAt   time.Time // when the armed work starts
	poked   bool      // start the armed work (or the next one armed) at the next chance
	stopped bool
}

func newLoop[T any](op string) *loop[T] { return &loop[T]{op: op} }

// call arms work to start after delay: at once (the returned command) when
// delay <= 0 or the loop was poked, otherwise at the first tick at or after
// now+delay. It supersedes work armed before.
func (l *loop[T]) call(ctx *views.Context, delay time.Duration, work func(context.Context, client.API) (T, error)) tea.Cmd {
	if ctx.Backend == nil || l.stopped {
		return nil
	}
	l.work = work
	if delay <= 0 || l.poked {
		return l.start(ctx)
	}
	l.dueAt = ctx.Now().Add(delay)
	return nil
}

// tick starts the armed work when it is due or the loop was poked. A nil
// loop (no local record to look at) does nothing.
func (l *loop[T]) tick(ctx *views.Context) tea.Cmd {
	if l == nil || l.stopped || l.work == nil || ctx.Backend == nil {
		return nil
	}
	if l.poked || !ctx.Now().Before(l.dueAt) {
		return l.start(ctx)
	}
	return nil
}

func (l *loop[T]) start(ctx *views.Context) tea.Cmd {
	work := l.work
	l.work, l.dueAt, l.poked = nil, time.Time{}, false
	id, cmd := views.Call(ctx.Backend, state.Events, l.op, false, work)
	l.id = id
	return cmd
}

// owns reports whether id is the loop's current request.
func (l *loop[T]) owns(id uint64) bool { return l != nil && id != 0 && id == l.id }

// poke makes the armed work start at the next tick (or, while a request is
// in flight, the next work start as soon as it is armed).
func (l *loop[T]) poke() { l.poked = true }

// close ends the loop: nothing armed starts, and an answer still in flight
// is no longer owned.
func (l *loop[T]) close() {
	l.stopped = true
	l.id, l.work = 0, nil
}
