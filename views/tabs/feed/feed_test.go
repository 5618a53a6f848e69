package feed

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed/notification"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
)

var now = time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)

func newTab(t *testing.T) (*Tab, *time.Time) {
	t.Helper()
	clock := now
	ctx := &views.Context{Theme: themes.Default(), Now: func() time.Time { return clock }, Location: time.UTC}
	tab := New(ctx)
	tab.SetSize(120, 20)
	tab.SetSource("webhook 127.0.0.1:8787")
	return tab, &clock
}

func item(seq uint64, op, name string, verified, live bool) Item {
	return Item{
		Seq: seq, Received: now.Add(time.Duration(seq) * time.Second), Verified: verified, Live: live,
		Signature: "c2lnbmF0dXJl", Body: []byte(`{"notificationId":"n` + name + `","operationType":"` + op + `"}`),
		Kind: "sandbox", NotificationID: "n" + name, Operation: op, EventID: "ev-" + name, EventName: name, PayloadType: "PowerLevel",
	}
}

func TestApplyShowsNewestFirstWithDuplicates(t *testing.T) {
	tab, _ := newTab(t)
	tab.Apply([]Item{item(1, "Create", "alpha", true, false), item(2, "Update", "beta", true, false)}, nil)
	tab.Apply([]Item{item(3, "Delete", "gamma", true, false)}, map[uint64]int{1: 3, 2: 1, 99: 4})
	tab.Apply(nil, map[uint64]int{1: 2}) // an older count never lowers the newest

	if shown, total := tab.Counts(); shown != 3 || total != 3 {
		t.Fatalf("counts %d/%d, want 3/3", shown, total)
	}
	got := map[string]int{}
	for _, it := range tab.Items() {
		got[it.EventName] = it.Duplicates
	}
	if got["alpha"] != 3 || got["beta"] != 1 || got["gamma"] != 0 {
		t.Errorf("duplicate counts %v", got)
	}
	view := tab.View()
	g, b, a := strings.Index(view, "gamma"), strings.Index(view, "beta"), strings.Index(view, "alpha")
	if g < 0 || b < 0 || a < 0 || !(g < b && b < a) {
		t.Errorf("rows are not newest first:\n%s", view)
	}
	if !strings.Contains(view, Verified) {
		t.Errorf("no verified mark:\n%s", view)
	}
}

// markOf is the mark column of the row whose sequence number is seq.
func markOf(t *testing.T, tab *Tab, seq string) string {
	t.Helper()
	for _, l := range strings.Split(tab.View(), "\n") {
		if f := strings.Fields(l); len(f) > 0 && strings.HasSuffix(strings.TrimSpace(l), " "+seq) {
			return l[:1]
		}
	}
	t.Fatalf("no row %s in\n%s", seq, tab.View())
	return ""
}

func TestMarks(t *testing.T) {
	tab, clock := newTab(t)
	tab.Apply([]Item{item(1, "Create", "history", true, false), item(2, "Create", "live", true, true), item(3, "Create", "forged", false, true)}, nil)
	// Newest first: the cursor is on 3 and hides its mark; G moves it to 1.
	if got := markOf(t, tab, "1"); got != " " {
		t.Errorf("row 1 (history) is marked %q", got)
	}
	tab.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'G'}})
	for seq, want := range map[string]string{
		"2": "+", // a live arrival is new
		"3": "!", // unverified wins over new
	} {
		if got := markOf(t, tab, seq); got != want {
			t.Errorf("row %s is marked %q, want %q", seq, got, want)
		}
	}
	*clock = clock.Add(newFor)
	tab.Tick()
	if got := markOf(t, tab, "2"); got != " " {
		t.Errorf("the new mark did not fade: %q", got)
	}
}

func TestSequenceRestartKeepsRowsApart(t *testing.T) {
	tab, _ := newTab(t)
	tab.Apply([]Item{item(1, "Create", "a", true, false), item(2, "Create", "b", true, false)}, nil)
	tab.Apply([]Item{item(1, "Create", "c", true, false)}, map[uint64]int{1: 5}) // a relay's journal was recreated
	if tab.Len() != 3 {
		t.Fatalf("%d rows, want 3", tab.Len())
	}
	items := tab.Items()
	if items[0].Duplicates != 0 || items[2].Duplicates != 5 {
		t.Errorf("the repeat count went to the wrong row: %+v", items)
	}
}

func TestRowsAreCapped(t *testing.T) {
	tab, _ := newTab(t)
	items := make([]Item, MaxRows+10)
	for i := range items {
		items[i] = item(uint64(i+1), "Create", "x", true, false)
	}
	tab.Apply(items, nil)
	got := tab.Items()
	if len(got) != MaxRows || got[0].Seq != 11 {
		t.Errorf("%d rows from seq %d, want %d from 11", len(got), got[0].Seq, MaxRows)
	}
}

func TestEnterShowsRawBodyAndSignature(t *testing.T) {
	tab, _ := newTab(t)
	it := item(7, "Create", "alpha", true, false)
	it.EventName = "evil\x1b[31m name"
	tab.Apply([]Item{it}, nil)
	tab.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if !tab.InScreen() {
		t.Fatal("enter opened no screen")
	}
	view := tab.View()
	for _, want := range []string{"notification #7", "X-Payload-Signature: c2lnbmF0dXJl", `"notificationId": "nalpha"`, "signature verified"} {
		if !strings.Contains(view, want) {
			t.Errorf("screen lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "\x1b[31m") {
		t.Errorf("a control sequence from the body reached the screen:\n%q", view)
	}
	if n := strings.Count(view, "\n") + 1; n != 20 {
		t.Errorf("screen is %d lines, want 20", n)
	}
	tab.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if tab.InScreen() {
		t.Error("esc did not close the screen")
	}
}

func TestPlaceholderUntilConfigured(t *testing.T) {
	ctx := &views.Context{Theme: themes.Default(), Now: func() time.Time { return now }, Location: time.UTC}
	tab := New(ctx)
	tab.SetSize(100, 12)
	if v := tab.View(); !strings.Contains(v, "No live feed is configured") {
		t.Errorf("unconfigured tab:\n%s", v)
	}
	tab.SetSource("relay relay.example.com")
	if v := tab.View(); !strings.Contains(v, "no notifications yet · waiting on relay relay.example.com") {
		t.Errorf("configured empty tab:\n%s", v)
	}
}

func TestFilterFindsEventNames(t *testing.T) {
	tab, _ := newTab(t)
	tab.Apply([]Item{item(1, "Create", "alpha", true, false), item(2, "Create", "beta", true, false)}, nil)
	tab.SetFilter("bet")
	if shown, total := tab.Counts(); shown != 1 || total != 2 {
		t.Errorf("filter: %d/%d", shown, total)
	}
}

// The Feed says what a notification changed in its event.
func TestFeedShowsWhatChanged(t *testing.T) {
	tab, _ := newTab(t)
	r := notification.Record{Seq: 1, Received: time.Date(2025, 3, 4, 18, 0, 0, 0, time.UTC), Verified: true,
		Summary: notification.Summary{EventID: "ev-1", EventName: "Morning peak", Operation: client.OperationUpdate}}
	tab.Update(views.FeedMsg{Batch: notification.Batch{Records: []notification.Record{r}}, Live: []bool{true}, Changed: []string{"6 A → 5 A"}})
	if v := tab.View(); !strings.Contains(v, "Changed") || !strings.Contains(v, "6 A → 5 A") {
		t.Errorf("the Feed does not say what changed:\n%s", v)
	}
}
