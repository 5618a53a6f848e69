package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/views"
)

// feedMessages returns what the program would deliver to Update next: the
// re-arming batch command's messages, or one message per update read
// straight from the journal's subscription (the baseline).
func feedMessages(b *testing.B, m *Model, local *livefeed.LocalSource, coalesce bool) func() tea.Msg {
	if coalesce {
		cmd := m.startFeed()
		return func() tea.Msg {
			msg := cmd()
			cmd = m.awaitFeed() // what onFeedBatch re-arms with (no API: nothing else)
			return msg
		}
	}
	updates, live, err := local.Start(m.base, 0)
	if err != nil {
		b.Fatal(err)
	}
	m.feed.live = live
	m.tabs[state.Feed].Update(views.FeedSourceMsg{Source: local.Status().Source})
	return func() tea.Msg {
		u, ok := <-updates
		if !ok {
			b.Fatal("feed ended")
		}
		if u.Duplicate != nil {
			return feedBatchMsg{batch: livefeed.Batch{Duplicates: map[uint64]int{u.Duplicate.Seq: u.Duplicate.Count}}}
		}
		return feedBatchMsg{batch: livefeed.Batch{Records: []livefeed.Record{*u.Record}}}
	}
}
