package ui

import (
	"strings"
	"testing"

	"github.com/ecdash/ecdash/internal/state"
)

// enter on a report goes to its event's dispatch screen on the Events tab;
// i still opens the report itself.
func TestEnterOnAReportOpensItsEvent(t *testing.T) {
	m := newLoaded(t, testOptions(newClient(t, newSandbox(t).URL, testToken, nil)))
	press(m, "3")
	if len(m.cache.Reports()) == 0 {
		t.Fatal("the sandbox lists no reports")
	}
	press(m, "i")
	if !m.activeTab().InScreen() || m.active != state.Reports {
		t.Fatal("i did not open the report's detail")
	}
	press(m, "esc")
	_, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		t.Fatal("enter on a report did nothing")
	}
	m.Update(cmd()) // the request to open the event
	if m.active != state.Events || !m.activeTab().InScreen() {
		t.Fatalf("enter on a report did not open an event (tab %v):\n%s", m.active, m.View())
	}
	if v := m.View(); !strings.Contains(v, "Event Evening peak reduction  (J raw JSON") {
		t.Errorf("not the dispatch screen:\n%s", v)
	}
}
