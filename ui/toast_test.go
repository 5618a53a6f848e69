package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
)

// A webhook that creates, changes or deletes an event raises a toast that
// says which event and what changed; it stays through key presses for its
// ten seconds, then goes. The three toasts are a golden.
func TestToastForEachKindOfChange(t *testing.T) {
	now := fixedNow()
	ev := client.Event{ID: "ev-1", Name: "Morning peak", IntervalPeriod: client.IntervalPeriod{Start: now.Add(time.Hour), Duration: time.Hour},
		Payload: client.EventPayload{Type: client.PayloadCurrentLevel, Value: 6, HasValue: true}}
	m := New(testOptions(newLiveAPI()))
	m.Update(sizeMsg(testWidth, testHeight))
	announce := func(op client.OperationType, e client.Event) string {
		a := announcedRecord{rec: livefeed.Record{Summary: livefeed.Summary{EventID: e.ID, Operation: op}}, event: decodedEvent{ev: e}}
		a.change = m.describeAnnounced(a) // as onFeedBatch does, before the event is applied
		m.applyAnnounced([]announcedRecord{a})
		return ansi.Strip(m.promptLine())
	}
	var b strings.Builder
	created := announce(client.OperationCreate, ev)
	b.WriteString(created + "\n")
	changed := ev
	changed.Payload.Value = 5
	changed.IntervalPeriod.Start = ev.IntervalPeriod.Start.Add(15 * time.Minute)
	b.WriteString(announce(client.OperationUpdate, changed) + "\n")
	press(m, "j", "k") // keys do not take it away
	if got := ansi.Strip(m.promptLine()); !strings.Contains(got, "6 A → 5 A, start") {
		t.Errorf("a key press hid the toast: %q", got)
	}
	b.WriteString(announce(client.OperationDelete, changed))
	requireGolden(t, b.String())
	for _, want := range []string{"✚ new event: ", "Morning peak · 6 A", "✎ event changed: ", ": 6 A → 5 A, start ", "✖ event deleted: "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the toasts lack %q:\n%s", want, b.String())
		}
	}
	m.ctx.Now = func() time.Time { return now.Add(toastFor) }
	if got := ansi.Strip(m.promptLine()); strings.Contains(got, "event deleted") {
		t.Errorf("the toast outlived its ten seconds: %q", got)
	}
}
