package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/views"
)

// feedRun is the shell's side of the live feed.
type feedRun struct {
	src     livefeed.Source
	batcher *livefeed.Batcher
	live    func(livefeed.Record) bool
	status  livefeed.SourceStatus // refreshed once a second and after each batch
	newest  time.Time             // the newest Received among the records applied
	ended   bool
	batches int // batches applied, for tests and benchmarks
}

// feedBatchMsg carries one coalesced batch of the live feed.
type feedBatchMsg struct{ batch livefeed.Batch }

// decodedEvent is a record's embedded event, or why it could not be read.
type decodedEvent struct {
	ev  client.Event
	err error
}

// decodeAnnounced decodes the event a record announces (nil when it
// announces none, or a deletion): the Batcher's Prepare, run off the UI
// loop as records arrive.
func decodeAnnounced(r livefeed.Record) any {
	if !livefeed.AnnouncesEvent(r.Summary) || r.Summary.Operation == client.OperationDelete {
		return nil
	}
	ev, err := r.Event()
	return decodedEvent{ev, err}
}

// feedEndedMsg says the live feed's source stopped.
type feedEndedMsg struct{}

// startFeed starts the source and the batcher, and returns the command that
// waits for the first batch. Without a source it does nothing.
func (m *Model) startFeed() tea.Cmd {
	f := &m.feed
	if f.src == nil || f.batcher != nil {
		return nil
	}
	updates, live, err := f.src.Start(m.base, m.opts.FeedHistory)
	f.status = f.src.Status()
	m.tabs[state.Feed].Update(views.FeedSourceMsg{Source: f.status.Source})
	if err != nil {
		f.ended = true
		m.noteError("live feed", err)
		return nil
	}
	f.live = live
	f.batcher = livefeed.NewBatcher(updates, livefeed.BatcherOptions{Frame: m.opts.FeedFrame, Prepare: decodeAnnounced})
	return m.awaitFeed()
}

// awaitFeed is the re-arming command: it blocks until the batcher hands out
// the next batch. Exactly one is outstanding at a time, so a burst costs one
// message (and one redraw) per tick, never one per notification.
func (m *Model) awaitFeed() tea.Cmd {
	b := m.feed.batcher
	return func() tea.Msg {
		batch, ok := b.Next()
		if !ok {
			return feedEndedMsg{}
		}
		return feedBatchMsg{batch: batch}
	}
}

// onFeedBatch applies a batch to the Feed tab and, for live notifications
// about events, to the Events tab; then it re-arms.
func (m *Model) onFeedBatch(msg feedBatchMsg) tea.Cmd {
	f := &m.feed
	recs := msg.batch.Records
	live := make([]bool, len(recs))
	changed := make([]string, len(recs))
	announced := make([]announcedRecord, 0, len(recs))
	for i, r := range recs {
		live[i] = f.live == nil || f.live(r)
		if r.Received.After(f.newest) {
			f.newest = r.Received
		}
		if live[i] && livefeed.AnnouncesEvent(r.Summary) {
			var d decodedEvent
			switch {
			case i < len(msg.batch.Prepared):
				d, _ = msg.batch.Prepared[i].(decodedEvent)
			case r.Summary.Operation != client.OperationDelete:
				d.ev, d.err = r.Event() // a batch made elsewhere (tests): decode here
			}
			a := announcedRecord{rec: r, event: d}
			a.change = m.describeAnnounced(a) // against the event as the dashboard holds it, before it is applied
			changed[i] = a.change.changed
			announced = append(announced, a)
		}
	}
	m.tabs[state.Feed].Update(views.FeedMsg{Batch: msg.batch, Live: live, Changed: changed})
	f.batches++
	f.status = f.src.Status()
	return tea.Batch(m.applyAnnounced(announced), m.awaitFeed())
}

// onFeedEnded notes that the source stopped (the journal closed, the relay
// refused the token); the Feed tab keeps what it has.
func (m *Model) onFeedEnded() tea.Cmd {
	m.feed.ended = true
	if m.feed.src != nil {
		m.feed.status = m.feed.src.Status()
	}
	if m.base.Err() == nil {
		msg := "live feed stopped"
		if e := m.feed.status.Err; e != "" {
			msg += ": " + e
		}
		m.lastErr = oneLine(msg)
	}
	return nil
}

// feedText is the status bar's live-feed segment, e.g.
// "⇄ webhook 127.0.0.1:8787 · last webhook 12 s ago".
func (m *Model) feedText() string {
	text := "⇄ " + m.feed.status.Source + m.feedState()
	if last := m.lastWebhook(); !last.IsZero() {
		return text + " · last webhook " + present.Staleness(last, m.ctx.Now())
	}
	return text + " · no webhook yet"
}

// feedShort is feedText for a narrow bar: "⇄ 12 s ago", "⇄ stopped".
func (m *Model) feedShort() string {
	text := "⇄" + m.feedState()
	if last := m.lastWebhook(); !last.IsZero() {
		return text + " " + present.Staleness(last, m.ctx.Now())
	}
	return text + " none yet"
}

// feedState is the source's state and whether it stopped, each after a space.
func (m *Model) feedState() string {
	text := ""
	if st := m.feed.status.State; st != "" {
		text += " " + st
	}
	if m.feed.ended {
		text += " stopped"
	}
	return text
}

// lastWebhook is when the newest notification arrived (zero: none yet).
func (m *Model) lastWebhook() time.Time {
	last := m.feed.status.LastDelivery
	if m.feed.newest.After(last) {
		last = m.feed.newest
	}
	return last
}

// feedProblem says the feed segment should be drawn as a warning.
func (m *Model) feedProblem() bool { return m.feed.status.Problem || m.feed.ended }

// refreshFeedStatus runs once a second.
func (m *Model) refreshFeedStatus() {
	if m.feed.src != nil && m.feed.batcher != nil {
		m.feed.status = m.feed.src.Status()
	}
}
