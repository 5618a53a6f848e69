package ui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
)

// errReadOnly refuses a mutating request in read-only mode.
var errReadOnly = errors.New("refused: the dashboard is read-only (--readonly)")

// backend runs views' Requests against the API. It is only called from
// inside Update (views call it while handling a message), so it may touch
// the model.
type backend struct{ m *Model }

// Call stamps req with a fresh id and returns the command that runs it.
// Requests are never retried here: the client retries safe reads itself,
// and a mutation must not be repeated behind the operator's back.
func (b backend) Call(req views.Request) (uint64, tea.Cmd) {
	id := b.m.newID()
	if req.Mutating && b.m.ctx.ReadOnly {
		return id, func() tea.Msg { return req.Answer(id, nil, errReadOnly) }
	}
	api, base := b.m.opts.API, b.m.base
	if api == nil {
		return id, func() tea.Msg { return req.Answer(id, nil, state.ErrNoAPI) }
	}
	return id, func() tea.Msg {
		v, err := req.Run(base, api)
		return req.Answer(id, v, err)
	}
}

// onCallResult notes a failure in the status bar and routes the answer to
// the tab that asked; the tab drops it if it has moved on.
func (m *Model) onCallResult(msg views.Answer) tea.Cmd {
	_, owner, op := msg.Asked()
	if err := msg.Failed(); err != nil && !errors.Is(err, context.Canceled) {
		m.noteError(op, err)
	}
	if int(owner) < 0 || int(owner) >= len(m.tabs) {
		return nil
	}
	return m.tabs[owner].Update(msg)
}
