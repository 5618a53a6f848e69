package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

// P4's load: 10,000 notifications posted at 1,000 a second.
const (
	p4Total = 10_000
	p4Rate  = 1_000
)

// BenchmarkP4WebhookToModel is the P4: 10,000 signed notifications
// POSTed over loopback at 1,000 a second through the real receiver and
// journal into the dashboard (Feed tab on screen, 120×36), each message
// followed by Update and View as tea.Program does. It reports the latency
// from just before each POST to the model having applied and drawn it,
// and the most View calls within any one frame (1/60 s).
//   - ecdash: the shell's Batcher: a notification after a quiet frame at
//     once, the rest of a burst at the frame's end, event JSON decoded
//     off the UI loop.
//   - baseline: one message per notification.
func BenchmarkP4WebhookToModel(b *testing.B) {
	b.Run("ecdash", func(b *testing.B) { benchPaced(b, true) })
	b.Run("baseline", func(b *testing.B) { benchPaced(b, false) })
}

func benchPaced(b *testing.B, coalesce bool) {
	var lat, arrive livefeedtest.Latencies
	maxPerFrame, views := 0, 0
	for b.Loop() {
		srv, local := localFeedServer(b)
		m := New(feedOptions(nil, local))
		m.Update(sizeMsg(testWidth, testHeight))
		m.switchTab(state.Feed)

		sent := make([]atomic.Int64, p4Total)
		ctx, cancel := context.WithCancel(context.Background())
		posted := make(chan error, 1)
		go func() {
			posted <- srv.PostPaced(ctx, p4Total, p4Rate, 8, func(i int, at time.Time) { sent[i].Store(at.UnixNano()) })
		}()

		next := feedMessages(b, m, local, coalesce)
		var drawn []time.Time
		for applied := 0; applied < p4Total; {
			msg := next()
			got := time.Now()
			if fb, ok := msg.(feedBatchMsg); ok {
				for _, r := range fb.batch.Records {
					if i, ok := livefeedtest.Index(r.Summary); ok {
						arrive.Add(got.Sub(time.Unix(0, sent[i].Load())))
					}
				}
			}
			m.Update(msg)
			m.View()
			now := time.Now()
			drawn = append(drawn, now)
			if fb, ok := msg.(feedBatchMsg); ok {
				for _, r := range fb.batch.Records {
					if i, ok := livefeedtest.Index(r.Summary); ok {
						lat.Add(now.Sub(time.Unix(0, sent[i].Load())))
					}
				}
				applied += len(fb.batch.Records)
			}
		}
		if err := <-posted; err != nil {
			b.Fatal(err)
		}
		cancel()
		if feedRows(m) != p4Total {
			b.Fatalf("%d rows, want %d", feedRows(m), p4Total)
		}
		m.Shutdown()
		views += len(drawn)
		maxPerFrame = max(maxPerFrame, mostWithin(drawn, livefeed.DefaultFrame))
	}
	b.ReportMetric(float64(views)/float64(b.N), "views/op")
	b.ReportMetric(float64(maxPerFrame), "max-views/frame")
	lat.Report(b, "post-to-model-")
	arrive.Report(b, "post-to-message-")
}

// mostWithin is the largest number of times (in order) that fall within
// one span of each other: the most views any one frame saw.
func mostWithin(times []time.Time, span time.Duration) int {
	most, lo := 0, 0
	for hi := range times {
		for times[hi].Sub(times[lo]) >= span {
			lo++
		}
		most = max(most, hi-lo+1)
	}
	return most
}
