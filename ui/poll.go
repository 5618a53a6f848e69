package ui

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
)

// pollDueMsg says a list's next poll is due.
type pollDueMsg struct {
	kind state.Kind
	gen  uint64
}

// listResultMsg carries a fetched list, compared with what the cache held
// when it was asked (or the failure), back to Update.
type listResultMsg struct {
	kind    state.Kind
	id      uint64
	fetched state.Fetched
	err     error
}

// fetch starts a request for kind unless one is already in flight (an
// overlapping refresh is dropped: the one in flight will answer).
func (m *Model) fetch(kind state.Kind) tea.Cmd {
	id := m.newID()
	if !m.polls.Begin(kind, id) {
		return nil
	}
	api, base, rec, since := m.opts.API, m.base, m.opts.SentReports, m.cache.Since(kind)
	return func() tea.Msg {
		fetched, err := state.Fetch(base, api, rec, kind, since)
		return listResultMsg{kind: kind, id: id, fetched: fetched, err: err}
	}
}

// schedule arms the next poll of kind after d, superseding any armed before.
func (m *Model) schedule(kind state.Kind, d time.Duration) tea.Cmd {
	return m.opts.After(d, pollDueMsg{kind: kind, gen: m.polls.Arm(kind)})
}

// onPollDue starts the poll the timer was armed for, if still current.
func (m *Model) onPollDue(msg pollDueMsg) tea.Cmd {
	if !m.polls.Due(msg.kind, msg.gen) {
		return nil // superseded by a manual refresh or a newer schedule
	}
	return m.fetch(msg.kind)
}

// refreshNow fetches kind at once; while a request for it is in flight the
// press is dropped (that request answers, and re-arms the timer).
func (m *Model) refreshNow(kind state.Kind) tea.Cmd {
	if m.polls.Busy(kind) {
		return nil
	}
	m.polls.Arm(kind) // the armed timer is now stale: the answer re-arms it
	return m.fetch(kind)
}

// onListResult applies a list, or records the failure and backs off. An
// answer to a request that is no longer the one in flight is dropped.
func (m *Model) onListResult(msg listResultMsg) tea.Cmd {
	if rest := m.afterFirst; len(rest) > 0 {
		m.afterFirst = nil
		cmds := []tea.Cmd{m.onListResult(msg)}
		for _, k := range rest {
			cmds = append(cmds, m.fetch(k))
		}
		return tea.Batch(cmds...)
	}
	if !m.polls.Answer(msg.kind, msg.id) {
		return nil
	}
	now := m.ctx.Now()
	var again tea.Cmd
	switch {
	case msg.err == nil:
		if !m.cache.ApplyPoll(msg.fetched, msg.id, now) {
			// Compared with a list a live deletion has since changed: ask again.
			m.polls.Arm(msg.kind)
			return m.fetch(msg.kind)
		}
		if msg.kind == state.Events {
			again = m.liveListDue()
		}
	case msg.kind == state.Reports && errors.Is(msg.err, client.ErrNotOffered):
		m.cache.SetReportsNotOffered()
	case errors.Is(msg.err, context.Canceled) && m.base.Err() != nil:
		return nil // shutting down
	default:
		delay := m.polls.Failed(msg.kind, msg.err, now)
		m.noteError(msg.kind.String(), msg.err)
		m.cache.SetFailure(msg.kind, oneLine(msg.err.Error()))
		m.syncAll()
		return m.schedule(msg.kind, delay)
	}
	retryNow, retrySoon := m.polls.Succeeded(msg.kind, now)
	if st, _ := m.connection(); st == state.ConnOK {
		m.lastErr = "" // recovered everywhere; the request log keeps the history
	}
	m.syncAll()
	cmds := []tea.Cmd{m.schedule(msg.kind, m.opts.PollInterval), again}
	for _, k := range retryNow {
		cmds = append(cmds, m.refreshNow(k))
	}
	for _, k := range retrySoon {
		cmds = append(cmds, m.schedule(k, m.opts.PollInterval))
	}
	return tea.Batch(cmds...)
}

// connection is the state the status bar shows.
func (m *Model) connection() (state.Conn, time.Duration) {
	return m.polls.Connection(m.ctx.Now(), m.cache)
}
