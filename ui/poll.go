package ui

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/views"
)

// Retry delays after failures: exponential from retryBase, capped at retryCap.
const (
	retryBase = 2 * time.Second
	retryCap  = 2 * time.Minute
)

// heartbeat is the list that keeps its poll interval while failing (the
// others back off up to retryCap): the first of its answers after an outage
// shortens every other list's wait, so the dashboard notices a recovery
// within one poll interval without hammering a struggling server.
const heartbeat = views.Events

// listPoll is the polling state of one list.
type listPoll struct {
	inflight uint64    // id of the request in flight; 0 when none
	gen      uint64    // generation of the scheduled next poll; a due message of another generation is stale
	failures int       // consecutive failures
	retryAt  time.Time // when the next try is due after a failure
	lastErr  error     // the last failure, nil after a success
	updated  time.Time // when the list last loaded successfully
}

// pollDueMsg says a list's next poll is due.
type pollDueMsg struct {
	kind views.Kind
	gen  uint64
}

// listResultMsg carries a fetched list (or the failure) back to Update.
type listResultMsg struct {
	kind  views.Kind
	id    uint64
	items any
	err   error
}

// backoff is the delay before retry number failures (1-based): retryBase
// doubled per failure up to retryCap, of which the upper half is spread by
// jitter in [0,1) so many dashboards do not retry in lockstep.
func backoff(failures int, jitter float64) time.Duration {
	d := retryCap
	if failures < 1 {
		failures = 1
	}
	if failures <= 16 {
		d = min(retryBase<<(failures-1), retryCap)
	}
	jitter = min(max(jitter, 0), 1)
	return d/2 + time.Duration(jitter*float64(d/2))
}

// fetch starts a request for kind unless one is already in flight (an
// overlapping refresh is dropped: the one in flight will answer).
func (m *Model) fetch(kind views.Kind) tea.Cmd {
	lp := m.polls[kind]
	if lp == nil || lp.inflight != 0 {
		return nil
	}
	id := m.newID()
	lp.inflight = id
	api, base, rec := m.opts.API, m.base, m.opts.SentReports
	return func() tea.Msg {
		items, err := fetchList(base, api, rec, kind)
		return listResultMsg{kind: kind, id: id, items: items, err: err}
	}
}

// errNoAPI answers every request when the dashboard was started without a client.
var errNoAPI = errors.New("no API client configured")

func fetchList(ctx context.Context, api client.API, rec *sentreports.Record, kind views.Kind) (any, error) {
	if api == nil {
		return nil, errNoAPI
	}
	switch kind {
	case views.Events:
		return api.ListEvents(ctx)
	case views.Resources:
		return api.ListResources(ctx)
	case views.Subscriptions:
		return api.ListSubscriptions(ctx)
	case views.Reports:
		return fetchReports(ctx, api, rec)
	}
	return nil, errors.New("not a polled list: " + kind.String())
}

// schedule arms the next poll of kind after d, superseding any armed before.
func (m *Model) schedule(kind views.Kind, d time.Duration) tea.Cmd {
	lp := m.polls[kind]
	lp.gen++
	gen := lp.gen
	return m.opts.After(d, pollDueMsg{kind: kind, gen: gen})
}

// onPollDue starts the poll the timer was armed for, if still current.
func (m *Model) onPollDue(msg pollDueMsg) tea.Cmd {
	lp := m.polls[msg.kind]
	if lp == nil || msg.gen != lp.gen {
		return nil // superseded by a manual refresh or a newer schedule
	}
	return m.fetch(msg.kind)
}

// refreshNow fetches kind at once; while a request for it is in flight the
// press is dropped (that request answers, and re-arms the timer).
func (m *Model) refreshNow(kind views.Kind) tea.Cmd {
	lp := m.polls[kind]
	if lp == nil || lp.inflight != 0 {
		return nil
	}
	lp.gen++ // the armed timer is now stale: the answer re-arms it
	return m.fetch(kind)
}

// onListResult applies a list, or records the failure and backs off. An
// answer to a request that is no longer the one in flight is dropped, so a
// late answer never replaces newer data.
func (m *Model) onListResult(msg listResultMsg) tea.Cmd {
	lp := m.polls[msg.kind]
	if lp == nil || msg.id == 0 || msg.id != lp.inflight {
		return nil
	}
	lp.inflight = 0
	now := m.ctx.Now()
	var again tea.Cmd
	switch {
	case msg.err == nil:
		if evs, ok := msg.items.([]client.Event); ok {
			// Notifications newer than this list stay on top of it.
			msg.items = m.cache.mergeLive(evs, msg.id, now)
			again = m.liveListDue()
		}
		if kr, ok := msg.items.(knownReports); ok {
			m.cache.reportsOff, msg.items = !kr.listed, kr.reports
		}
		m.cache.apply(msg.kind, msg.items, now)
	case msg.kind == views.Reports && errors.Is(msg.err, client.ErrNotOffered):
		m.cache.setReportsNotOffered()
	case errors.Is(msg.err, context.Canceled) && m.base.Err() != nil:
		return nil // shutting down
	default:
		lp.failures++
		lp.lastErr = msg.err
		delay := backoff(lp.failures, m.jitter())
		if msg.kind == heartbeat {
			delay = min(delay, m.opts.PollInterval)
		}
		lp.retryAt = now.Add(delay)
		m.noteError(msg.kind.String(), msg.err)
		m.cache.failures[msg.kind] = oneLine(msg.err.Error())
		m.tabs[msg.kind].Sync(m.cache)
		return m.schedule(msg.kind, delay)
	}
	recovered := lp.failures > 0
	lp.failures, lp.lastErr, lp.retryAt = 0, nil, time.Time{}
	lp.updated = now
	delete(m.cache.failures, msg.kind)
	if st, _ := m.connection(); st == connOK {
		m.lastErr = "" // recovered everywhere; the request log keeps the history
	}
	delete(m.dirty, msg.kind)
	m.tabs[msg.kind].Sync(m.cache)
	if msg.kind == views.Reports {
		m.syncTab(views.Events) // the Events list's compliance column is computed from reports
	}
	return tea.Batch(m.schedule(msg.kind, m.opts.PollInterval), again, m.shortenRetries(now, recovered))
}

// shortenRetries runs when a list has loaded: the API answers, so no other
// list may wait out the rest of a backoff that can last minutes while the
// status bar reports its old failure. After an outage (the list that
// answered had been failing too), and for a list that got no answer at all
// (the answer just disproved "offline"), the retry is at once; a list the
// server keeps answering with an error retries within one poll interval,
// no sooner, so a broken endpoint is not hammered.
func (m *Model) shortenRetries(now time.Time, recovered bool) tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range views.Polled {
		lp := m.polls[k]
		switch {
		case lp.lastErr == nil || lp.inflight != 0:
		case recovered || classify(lp.lastErr) == connOffline:
			cmds = append(cmds, m.refreshNow(k))
		case lp.retryAt.After(now.Add(m.opts.PollInterval)):
			lp.retryAt = now.Add(m.opts.PollInterval)
			cmds = append(cmds, m.schedule(k, m.opts.PollInterval))
		}
	}
	return tea.Batch(cmds...)
}
