package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

// liveModel is a sized model on a fixed feed, with history applied.
func liveModel(t *testing.T, status livefeed.SourceStatus, recs ...livefeed.Record) *Model {
	t.Helper()
	feed := &fixedFeed{updates: make(chan livefeed.Update), status: status, history: func(livefeed.Record) bool { return false }}
	m := New(feedOptions(newLiveAPI(), feed))
	t.Cleanup(m.Shutdown)
	m.Update(sizeMsg(testWidth, testHeight))
	m.startFeed()
	m.Update(feedBatchMsg{batch: livefeed.Batch{Records: recs, Duplicates: map[uint64]int{2: 3}}})
	return m
}

func goldenRecords() []livefeed.Record {
	ops := []client.OperationType{client.OperationCreate, client.OperationUpdate, client.OperationCreate, client.OperationDelete}
	var out []livefeed.Record
	for i, op := range ops {
		r := *record(uint64(i+1), livefeedtest.Notification(i+1, op)).Record
		r.Received = testNow.Add(time.Duration(i-4) * time.Minute)
		out = append(out, r)
	}
	out[2].Verified = false // shown, flagged
	return out
}

func TestGoldenFeedLive(t *testing.T) {
	m := liveModel(t, livefeed.SourceStatus{Source: "webhook 127.0.0.1:8787", LastDelivery: testNow.Add(-12 * time.Second)}, goldenRecords()...)
	press(m, "5")
	screen := m.View()
	for _, want := range []string{"⇄ webhook 127.0.0.1:8787 · last webhook 12 s ago", "dispatch 4", "✗", "4 notifications"} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q", want)
		}
	}
	requireGolden(t, screen)
}

func TestGoldenFeedBody(t *testing.T) {
	m := liveModel(t, livefeed.SourceStatus{Source: "webhook 127.0.0.1:8787"}, goldenRecords()...)
	press(m, "5", "enter")
	requireGolden(t, m.View())
}

func TestFeedStatusSegment(t *testing.T) {
	tests := []struct {
		name   string
		status livefeed.SourceStatus
		newest time.Time
		ended  bool
		want   string
	}{
		{"no delivery yet", livefeed.SourceStatus{Source: "webhook 127.0.0.1:8787"}, time.Time{}, false, "⇄ webhook 127.0.0.1:8787 · no webhook yet"},
		{"receiver's last delivery", livefeed.SourceStatus{Source: "webhook 127.0.0.1:8787", LastDelivery: testNow.Add(-12 * time.Second)}, time.Time{}, false, "last webhook 12 s ago"},
		{"newest record wins", livefeed.SourceStatus{Source: "relay r.example", LastDelivery: testNow.Add(-time.Hour)}, testNow.Add(-3 * time.Minute), false, "⇄ relay r.example · last webhook 3 min ago"},
		{"relay state", livefeed.SourceStatus{Source: "relay r.example", State: "reconnecting in 4s", Problem: true}, time.Time{}, false, "⇄ relay r.example reconnecting in 4s · no webhook yet"},
		{"stopped", livefeed.SourceStatus{Source: "relay r.example", State: "auth failed", Problem: true}, time.Time{}, true, "⇄ relay r.example auth failed stopped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(testOptions(newLiveAPI()))
			m.Update(sizeMsg(testWidth, testHeight))
			m.feed = feedRun{src: &fixedFeed{status: tt.status}, status: tt.status, newest: tt.newest, ended: tt.ended}
			if got := m.statusBar(); !strings.Contains(got, tt.want) {
				t.Errorf("status bar %q lacks %q", got, tt.want)
			}
		})
	}
	m := New(testOptions(newLiveAPI()))
	m.Update(sizeMsg(testWidth, testHeight))
	if got := m.statusBar(); !strings.Contains(got, "⇄ polling only (webhooks: tab 5)") {
		t.Errorf("no live feed configured, and the bar does not say the data comes from polling only: %q", got)
	}
}
