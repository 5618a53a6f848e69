package ui

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
	"github.com/ecdash/ecdash/views"
)

// burstSize is the burst the live-feed benchmark sends.
const burstSize = 10_000

// BenchmarkFeedBurst sends 10,000 notifications through a real receiver and
// journal into the dashboard model (Feed tab on screen, 120×36), and
// compares the shell's coalescing (one Batcher message per 50 ms tick) with
// one message per notification, each followed by Update and View as
// tea.Program does. It reports View() calls and the latency from just before
// each POST to the model having applied it. Run it once per variant:
//
//	go test ./ui -run '^$' -bench BenchmarkFeedBurst -benchtime 1x
func BenchmarkFeedBurst(b *testing.B) {
	b.Run("coalesced", func(b *testing.B) { benchBurst(b, true) })
	b.Run("one-message-each", func(b *testing.B) { benchBurst(b, false) })
}

func benchBurst(b *testing.B, coalesce bool) {
	var lat livefeedtest.Latencies
	viewCalls, msgs := 0, 0
	for b.Loop() {
		srv, local := localFeedServer(b)
		m := New(feedOptions(nil, local))
		m.Update(sizeMsg(testWidth, testHeight))
		m.switchTab(state.Feed)

		sent := make([]time.Time, burstSize)
		ctx, cancel := context.WithCancel(context.Background())
		posted := make(chan error, 1)
		go func() {
			posted <- srv.PostRange(ctx, 0, burstSize, 16, func(i int, at time.Time) { sent[i] = at })
		}()

		next := feedMessages(b, m, local, coalesce)
		applied := 0
		for applied < burstSize {
			msg := next()
			m.Update(msg)
			now := time.Now()
			m.View()
			viewCalls++
			msgs++
			if fb, ok := msg.(feedBatchMsg); ok {
				for _, r := range fb.batch.Records {
					if i, ok := livefeedtest.Index(r.Summary); ok {
						lat.Add(now.Sub(sent[i]))
					}
				}
				applied += len(fb.batch.Records)
			}
		}
		if err := <-posted; err != nil {
			b.Fatal(err)
		}
		cancel()
		if feedRows(m) != burstSize {
			b.Fatalf("%d rows, want %d", feedRows(m), burstSize)
		}
		m.Shutdown()
	}
	b.ReportMetric(float64(viewCalls)/float64(b.N), "views/op")
	b.ReportMetric(float64(msgs)/float64(b.N), "msgs/op")
	lat.Report(b, "post-to-model-")
}

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
