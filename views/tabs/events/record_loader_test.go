package events

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/internal/state"
)

// appendSent records r as a report this ecdash sent and the server took.
func appendSent(t *testing.T, rec *sentreports.Record, r client.Report) {
	t.Helper()
	req := client.ReportRequest{EventID: r.EventID, Name: r.Name, Payloads: r.Payloads}
	bare := r
	bare.Payloads = nil // the v1 answer carries none
	if err := rec.Append(sentreports.NewEntry("http://127.0.0.1:1", req, r.CreatedDateTime, bare, nil)); err != nil {
		t.Fatal(err)
	}
}

// TestListReadsTheLocalRecord: against a server that cannot list reports,
// the compliance column comes from the record of reports sent, re-read
// when the file changes.
func TestListReadsTheLocalRecord(t *testing.T) {
	rec, err := sentreports.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range testReports()[:1] {
		appendSent(t, rec, r)
	}
	now := t0
	ctx, _ := newTestContext(&fakeAPI{}, &now)
	ctx.SentReports = rec
	tb := newTab(ctx)
	tb.SetSize(140, 6)
	tb.Sync(&fakeStore{events: []client.Event{testEvent()}, offered: false,
		loaded: map[state.Kind]bool{state.Events: true, state.Reports: true}})
	row := func() string { return strings.Split(tb.View(), "\n")[1] }
	if !strings.Contains(row(), "—") {
		t.Errorf("before the record is read: %q", row())
	}

	var pending tea.Cmd
	look := func(cmd tea.Cmd) {
		t.Helper()
		tb.record.poke() // the next look runs at once instead of after recordEvery
		next := tb.Update(cmd())
		if next == nil {
			t.Fatal("the look at the record did not re-arm")
		}
		pending = next
	}
	start := tb.Init()
	if start == nil || tb.Init() != nil {
		t.Fatal("Init must start the look at the record, once")
	}
	look(start)
	if !regexp.MustCompile(`% 1/6 +5 `).MatchString(row()) {
		t.Errorf("after reading the record: %q", row())
	}
	look(pending) // the file did not change
	for _, r := range testReports()[1:] {
		appendSent(t, rec, r)
	}
	look(pending)
	if !regexp.MustCompile(`30% 3/6 +3 `).MatchString(row()) {
		t.Errorf("after the record grew: %q", row())
	}
}
