package ui

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/views"
)

// maxLiveFetches is how many events one batch may fetch one by one; a bigger
// burst refreshes the whole list once instead of sending a request per event.
const maxLiveFetches = 8

// liveFetch tracks the GetEvent request in flight per event id (an answer
// to an older request for the same event is superseded and dropped), and
// whether a burst asked for the event list while one was already in flight.
type liveFetch struct {
	inflight map[string]uint64
	wantList bool
}

func newLiveFetch() liveFetch { return liveFetch{inflight: map[string]uint64{}} }

// liveEventMsg is the answer to a GetEvent the live feed started.
type liveEventMsg struct {
	id      uint64
	eventID string
	ev      client.Event
	err     error
}

// announcedRecord is a live record that announces an event, with the
// event it carries (decoded off the UI loop) and what it changes in the
// event the dashboard holds (described before it is applied).
type announcedRecord struct {
	rec    livefeed.Record
	event  decodedEvent
	change eventChange
}

// eventChange is what a notification changes in an event, said once for
// the toast and for the Feed's Changed column.
type eventChange struct {
	toast   string // "✎ event changed: 03-04 19:45 Morning peak: 6 A → 5 A" ("": nothing to say)
	changed string // "6 A → 5 A", "new", "deleted" ("": nothing the dashboard shows)
}

// describeAnnounced is what a says against the event the dashboard holds.
func (m *Model) describeAnnounced(a announcedRecord) eventChange {
	id, op, loc := a.rec.Summary.EventID, a.rec.Summary.Operation, m.ctx.Location
	old, known := state.EventByID(m.cache, id)
	if op == client.OperationDelete {
		if !known {
			return eventChange{changed: "deleted"}
		}
		return eventChange{"✖ event deleted: " + present.EventLabel(old.Name, old.ID, old.IntervalPeriod.Start, loc), "deleted"}
	}
	ev := a.event.ev
	if a.event.err != nil || (ev.ID != "" && ev.ID != id) {
		return eventChange{}
	}
	ev.ID = id
	label := present.EventLabel(ev.Name, ev.ID, ev.IntervalPeriod.Start, loc)
	switch {
	case !known && op == client.OperationUpdate:
		return eventChange{toast: "✎ event changed: " + label} // the dashboard did not know it before
	case !known:
		toast := "✚ new event: " + label
		if t := present.Target(ev.Payload); t != "" {
			toast += " · " + t
		}
		return eventChange{toast, "new"}
	}
	changes := strings.Join(present.EventChanges(old, ev, loc), ", ")
	if changes == "" {
		return eventChange{}
	}
	return eventChange{"✎ event changed: " + label + ": " + changes, changes}
}

// applyAnnounced shows live notifications in the Events tab at once (from
// the event the body carries, when it does), raises the toast of what they
// changed and fetches the authoritative events from the API.
func (m *Model) applyAnnounced(recs []announcedRecord) tea.Cmd {
	if len(recs) == 0 {
		return nil
	}
	now := m.ctx.Now()
	stamp := m.newID()
	var ids, news []string
	seen := map[string]bool{}
	for _, a := range recs {
		id := a.rec.Summary.EventID
		if a.change.toast != "" {
			news = append(news, a.change.toast)
		}
		switch a.rec.Summary.Operation {
		case client.OperationDelete:
			m.cache.LiveDelete(id, stamp, now)
		default:
			ev, err := a.event.ev, a.event.err
			if err == nil && (ev.ID == "" || ev.ID == id) {
				ev.ID = id
				m.cache.LiveUpsert(ev, stamp, now)
			} else {
				m.cache.LiveTouch(id, now)
			}
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	m.syncAll()
	return tea.Batch(m.alert(news, "tab 5", now), m.fetchAnnounced(ids))
}

// fetchAnnounced asks the API for the events a batch announced: one GetEvent
// each for a few, one list refresh for a burst.
func (m *Model) fetchAnnounced(ids []string) tea.Cmd {
	if m.opts.API == nil {
		return nil
	}
	if len(ids) > maxLiveFetches {
		return m.refreshEventsAfterLive()
	}
	cmds := make([]tea.Cmd, 0, len(ids))
	for _, id := range ids {
		cmds = append(cmds, m.fetchEvent(id))
	}
	return tea.Batch(cmds...)
}

// refreshEventsAfterLive refreshes the event list; when one is in flight
// already (requested before the burst), its answer triggers the refresh.
func (m *Model) refreshEventsAfterLive() tea.Cmd {
	if m.polls.Busy(state.Events) {
		m.live.wantList = true
		return nil
	}
	return m.refreshNow(state.Events)
}

// liveListDue is called when an event list arrives: the refresh a burst
// asked for while that list was in flight starts now.
func (m *Model) liveListDue() tea.Cmd {
	if !m.live.wantList {
		return nil
	}
	m.live.wantList = false
	return func() tea.Msg { return views.RefreshMsg{Kind: state.Events} }
}

// fetchEvent starts a GetEvent for id, superseding any in flight for it.
func (m *Model) fetchEvent(id string) tea.Cmd {
	rid := m.newID()
	m.live.inflight[id] = rid
	api, base := m.opts.API, m.base
	return func() tea.Msg {
		ev, err := api.GetEvent(base, id)
		return liveEventMsg{id: rid, eventID: id, ev: ev, err: err}
	}
}

// onLiveEvent applies an authoritative event, unless superseded.
func (m *Model) onLiveEvent(msg liveEventMsg) tea.Cmd {
	if m.live.inflight[msg.eventID] != msg.id {
		return nil // a newer request for this event is in flight
	}
	delete(m.live.inflight, msg.eventID)
	now := m.ctx.Now()
	changed := false
	switch {
	case msg.err == nil:
		if msg.ev.ID == "" {
			msg.ev.ID = msg.eventID
		}
		changed = m.cache.LiveFetched(msg.ev, msg.id, now)
	case client.IsNotFound(msg.err):
		changed = m.cache.LiveGone(msg.eventID, msg.id, now)
	case errors.Is(msg.err, context.Canceled):
	default:
		m.noteError("GetEvent", msg.err)
	}
	if changed {
		m.syncAll()
	}
	return nil
}

// dirtyTabs are tabs whose Sync was deferred because they were hidden: a
// burst of notifications rebuilds only the tab on screen.
type dirtyTabs map[state.Kind]bool

// syncAll lets the tabs catch up with the store after any change: the one
// on screen now, the others when they are shown. Every tab may read every
// list (the Events tab's compliance column reads reports, the dispatch
// screen resources), and each compares the store's versions with those it
// last built from, so one that nothing concerns does little.
func (m *Model) syncAll() {
	for _, k := range state.Kinds {
		if k != m.active {
			m.dirty[k] = true
		}
	}
	delete(m.dirty, m.active)
	m.tabs[m.active].Sync(m.cache)
}

// syncIfDirty runs a deferred Sync; switchTab calls it.
func (m *Model) syncIfDirty(kind state.Kind) {
	if m.dirty[kind] {
		delete(m.dirty, kind)
		m.tabs[kind].Sync(m.cache)
	}
}
