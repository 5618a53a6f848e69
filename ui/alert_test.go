package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
)

// TestVehicleAlertsToastAndRing: with the bell on, the second the response
// deadline of the sandbox's active event passes, its three vehicles with no
// Start turn silent: a toast names them, whichever tab is shown, and the
// bell rings once. "bell off" in the palette silences the next alert but
// keeps its toast. The toast is a golden, with the Events list's strips.
func TestVehicleAlertsToastAndRing(t *testing.T) {
	now := testNow.Add(-2 * time.Second) // the deadline is 18:30:00
	opts := testOptions(newClient(t, newSandbox(t).URL, testToken, nil))
	opts.Now = func() time.Time { return now }
	opts.Bell = true
	m := newLoaded(t, opts)
	press(m, "4")                          // another tab: the watch runs whichever is shown
	tick := func() { m.Update(tickMsg{}) } // its commands (the next tick, the bell's write) are not run
	tick()
	if got := ansi.Strip(m.promptLine()); strings.Contains(got, "silent") || m.bell.rings != 0 {
		t.Fatalf("an alert before the deadline: %q, %d rings", got, m.bell.rings)
	}
	now = testNow
	tick()
	toast := ansi.Strip(m.promptLine())
	if want := "⚠ 03-04 18:10 Evening peak reduction: 3 vehicles silent: ev-0021, ev-0024, ev-0032"; !strings.Contains(toast, want) {
		t.Fatalf("the toast at the deadline is %q, want %q", toast, want)
	}
	if m.bell.rings != 1 {
		t.Errorf("%d rings, want 1", m.bell.rings)
	}
	now = testNow.Add(time.Second)
	tick()
	if m.bell.rings != 1 {
		t.Errorf("the same silent vehicles rang again: %d rings", m.bell.rings)
	}
	press(m, "1")
	requireGolden(t, strings.Join(strings.Split(ansi.Strip(m.View()), "\n")[:6], "\n")+"\n"+toast)

	m.runCommand("bell off")
	press(m, "j") // the command's note goes with the next key
	ev := client.Event{ID: "ev-x", Name: "Morning peak", IntervalPeriod: client.IntervalPeriod{Start: now.Add(time.Hour), Duration: time.Hour}}
	a := announcedRecord{rec: livefeed.Record{Summary: livefeed.Summary{EventID: ev.ID, Operation: client.OperationCreate}}, event: decodedEvent{ev: ev}}
	a.change = m.describeAnnounced(a)
	m.applyAnnounced([]announcedRecord{a})
	if got := ansi.Strip(m.promptLine()); !strings.Contains(got, "new event") || m.bell.rings != 1 {
		t.Errorf("with the bell off: toast %q, %d rings", got, m.bell.rings)
	}
}

// TestBellWritesBEL: a ring is one BEL byte to the terminal, and nothing
// when the bell is off.
func TestBellWritesBEL(t *testing.T) {
	var out bytes.Buffer
	b := bell{on: true, out: &out}
	b.ring()()
	if out.String() != "\a" {
		t.Errorf("wrote %q", out.String())
	}
	b.on = false
	if b.ring() != nil {
		t.Error("an off bell rings")
	}
}
