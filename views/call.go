package views

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
)

// Request is network work a view asks the shell to run. Views make one
// with Call, which types its answer.
type Request struct {
	Owner    state.Kind // the tab the answer is routed back to
	Op       string     // what it does, for the status line, e.g. "GetEvent"
	Mutating bool       // changes server data: refused in read-only mode, never retried
	// Run does the work off the UI goroutine; Answer turns its outcome (or
	// the shell's refusal: v nil, err set) into the message Owner receives.
	Run    func(ctx context.Context, api client.API) (v any, err error)
	Answer func(id uint64, v any, err error) tea.Msg
}

// Backend runs Requests for views. Call returns the id stamped on the
// answer the returned command eventually produces, so the view can drop an
// answer to a request it has since superseded.
type Backend interface {
	Call(req Request) (id uint64, cmd tea.Cmd)
}

// Result is the answer to Call: Value is what the work returned (its zero
// value when Err is set).
type Result[T any] struct {
	ID    uint64
	Owner state.Kind
	Op    string
	Value T
	Err   error
}

// Answer is any Result, whatever its T: what the shell needs to route it
// and report a failure, and a tab to pass it to whoever asked.
type Answer interface {
	Asked() (id uint64, owner state.Kind, op string)
	Failed() error
}

func (r Result[T]) Asked() (uint64, state.Kind, string) { return r.ID, r.Owner, r.Op }
func (r Result[T]) Failed() error                       { return r.Err }

// ErrNoBackend answers a Call made where no shell runs requests.
var ErrNoBackend = errors.New("no API connection in this view")

// Call asks b to run f for owner: the command answers with a Result[T].
// Without a backend it answers at once with ErrNoBackend (id 0).
func Call[T any](b Backend, owner state.Kind, op string, mutating bool, f func(context.Context, client.API) (T, error)) (uint64, tea.Cmd) {
	answer := func(id uint64, v any, err error) tea.Msg {
		r := Result[T]{ID: id, Owner: owner, Op: op, Err: err}
		if err == nil {
			r.Value, _ = v.(T) // v is what f returned: the one place an answer is asserted
		}
		return r
	}
	if b == nil {
		return 0, func() tea.Msg { return answer(0, nil, ErrNoBackend) }
	}
	return b.Call(Request{
		Owner: owner, Op: op, Mutating: mutating, Answer: answer,
		Run: func(ctx context.Context, api client.API) (any, error) { return f(ctx, api) },
	})
}
