package events

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
)

// reportingAPI is the test server with POST /reports: an accepted report
// is kept (and listed by ListReports, as the sandbox does) with the
// payloads sent; answer makes it refuse instead.
type reportingAPI struct {
	*fakeAPI
	posted []client.ReportRequest
	answer error
}

func (a *reportingAPI) CreateReport(_ context.Context, req client.ReportRequest) (client.Report, error) {
	a.posted = append(a.posted, req)
	if a.answer != nil {
		return client.Report{}, a.answer
	}
	rep := client.Report{ID: "rep-new", EventID: req.EventID, Name: req.Name, CreatedDateTime: t0, Payloads: req.Payloads}
	a.reports = append(a.reports, rep)
	rep.Payloads = nil // the v1 answer has none
	return rep, nil
}

// composeWorld is the test event's screen with a record of sent reports
// and a state directory for drafts.
type composeWorld struct {
	*world
	api *reportingAPI
	rec *sentreports.Record
	dir string
}

// openComposeWorld opens the screen; listed false makes the server one
// that cannot list reports (v1), so only the record shows what was sent.
func openComposeWorld(t *testing.T, listed, readOnly bool) *composeWorld {
	t.Helper()
	now := t0
	fa := &fakeAPI{events: []client.Event{testEvent()}, reports: testReports()}
	if !listed {
		fa.listErr = &client.Error{StatusCode: 404, Method: "GET", Path: "/reports", Err: client.ErrNotOffered}
	}
	api := &reportingAPI{fakeAPI: fa}
	ctx, be := newTestContext(api, &now)
	dir := t.TempDir()
	rec, err := sentreports.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx.SentReports, ctx.StateDir, ctx.ReadOnly = rec, dir, readOnly
	if !listed {
		// What the record holds is what the server was sent so far.
		for _, r := range testReports() {
			appendSent(t, rec, r)
		}
	}
	st := &fakeStore{
		events: fa.events, resources: testResources(), reports: fa.reports, offered: listed,
		loaded: map[state.Kind]bool{state.Events: true, state.Resources: true, state.Reports: true},
	}
	tb := newTab(ctx)
	tb.recordStarted = true // the list's look at the record is not under test
	tb.SetSize(120, 36)
	tb.Sync(st)
	cmd := tb.Update(keyMsg("enter"))
	if screenOf(tb) == nil {
		t.Fatal("enter opened no dispatch screen")
	}
	screenOf(tb).poll = 0
	w := &world{tab: tb, scr: screenOf(tb), api: fa, store: st, be: be, now: &now}
	w.next = w.deliver(t, cmd)
	return &composeWorld{world: w, api: api, rec: rec, dir: dir}
}

// press sends keys to the tab; the commands they return are kept.
func (w *composeWorld) press(keys ...string) tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range keys {
		cmds = append(cmds, w.tab.Update(composeKey(k)))
	}
	return tea.Batch(cmds...)
}

func composeKey(k string) tea.KeyMsg {
	switch k {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	}
	return keyMsg(k)
}

// typeIn types s into the focused field.
func (w *composeWorld) typeIn(s string) {
	for _, r := range s {
		w.tab.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// focus moves the composer's focus to the named field with tab.
func (w *composeWorld) focus(t *testing.T, name string) {
	t.Helper()
	for range 200 {
		if w.scr.compose.form.Focused() == name {
			return
		}
		w.press("tab")
	}
	t.Fatalf("tab never reached %s", name)
}

// include sets "Report it" to yes for the slots.
func (w *composeWorld) include(t *testing.T, slots ...int) {
	t.Helper()
	w.setInclude(t, "left", includeYes, slots)
}

// leaveOut sets "Report it" to no for the slots.
func (w *composeWorld) leaveOut(t *testing.T, slots ...int) {
	t.Helper()
	w.setInclude(t, "right", includeNo, slots)
}

// setInclude moves each slot's "Report it" choice with key and takes it.
func (w *composeWorld) setInclude(t *testing.T, key, want string, slots []int) {
	t.Helper()
	for _, i := range slots {
		w.focus(t, pf(i, pfInclude))
		w.press(key, "space")
		if got := w.scr.compose.vals[pf(i, pfInclude)]; got != want {
			t.Fatalf("slot %d: Report it is %q, want %q", i, got, want)
		}
	}
}

// fill replaces the named field's value.
func (w *composeWorld) fill(t *testing.T, name, value string) {
	t.Helper()
	w.focus(t, name)
	w.press("ctrl+u")
	w.typeIn(value)
}

// run runs a command carrying one request and hands its answer to the tab.
func (w *composeWorld) run(t *testing.T, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	if cmd == nil {
		t.Fatal("no request to run")
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Cmd
		for _, c := range b {
			if c != nil {
				out = append(out, w.run(t, c))
			}
		}
		return tea.Batch(out...)
	}
	return w.tab.Update(msg)
}

// reportOnlyVehicle3 opens the composer and leaves in only ev-0003 (slot
// 2), which never reported, so its location must be typed.
func (w *composeWorld) reportOnlyVehicle3(t *testing.T) {
	t.Helper()
	w.press("R")
	if w.scr.compose == nil {
		t.Fatalf("R opened no composer:\n%s", w.tab.View())
	}
	w.include(t, 2)
}

// TestComposeSendsRecordsAndCharts: R, leave in one silent vehicle, type
// its location, send. The server gets the payload, the record has the
// report, the composer closes, the screen says so, and its next fetch
// (woken at once) puts the action in the targets table, from the record
// alone: this server cannot list reports.
func TestComposeSendsRecordsAndCharts(t *testing.T) {
	w := openComposeWorld(t, false, false)
	if row := w.row(t, "ev-0003"); !strings.Contains(row, "no response") {
		t.Fatalf("before: %q", row)
	}
	w.reportOnlyVehicle3(t)
	if !w.tab.Capturing() {
		t.Error("the composer must capture keys (esc leaves it, not the screen)")
	}
	view := w.tab.View()
	for _, want := range []string{"Report for event Evening peak reduction (6 vehicles)",
		"ev-0003 · Nissan Leaf · at oslo-bjerke · no response", "no known location: enter where it charges"} {
		if !strings.Contains(view, want) {
			t.Errorf("composer lacks %q:\n%s", want, view)
		}
	}
	if name := w.scr.compose.form.Value(cfName); name != "Evening peak reduction response" {
		t.Errorf("the report is named %q", name)
	}
	w.fill(t, pf(2, pfLatitude), "59.93")
	w.fill(t, pf(2, pfLongitude), "10.76")
	send := w.press("ctrl+s", "y")
	if len(w.api.posted) != 0 || w.scr.sending == nil {
		t.Fatal("the report must go through the backend, once its command runs")
	}
	if op := w.be.ops[len(w.be.ops)-1]; op != "CreateReport" {
		t.Errorf("last request %q", op)
	}
	if w.scr.loop.poked {
		t.Fatal("the screen's fetch was woken before the answer")
	}
	after := w.run(t, send)
	if !w.scr.loop.poked {
		t.Error("the answer did not wake the screen's waiting fetch")
	}
	if len(w.api.posted) != 1 {
		t.Fatalf("%d reports posted", len(w.api.posted))
	}
	req := w.api.posted[0]
	if req.EventID != testEvent().ID || req.Name != "Evening peak reduction response" || len(req.Payloads) != 1 {
		t.Fatalf("posted %+v", req)
	}
	p := req.Payloads[0]
	if p.ResourceID != "ev-0003" || p.ActionType != client.ActionStart || p.Power == nil || *p.Power != 7400 ||
		p.Location != (client.Location{Latitude: 59.93, Longitude: 10.76}) {
		t.Errorf("payload %+v", p)
	}
	entries, _, err := w.rec.All()
	if err != nil || len(entries) != 5 || entries[4].Outcome() != sentreports.Accepted || entries[4].Report.ID != "rep-new" {
		t.Fatalf("record %+v, %v", entries, err)
	}
	if w.scr.compose != nil || w.tab.Capturing() {
		t.Error("the composer is still open after the report was accepted")
	}
	if last := w.lines()[35]; !strings.Contains(last, "report rep-new sent, 1 vehicle: ev-0003 Start") {
		t.Errorf("message line %q", last)
	}
	if after == nil {
		t.Error("no refresh of the Reports list asked for")
	} else if _, ok := after().(views.RefreshMsg); !ok {
		t.Error("the answer must ask for the Reports list to be refreshed")
	}
	// No key: the fetch the answer woke brings the report in.
	w.poll(t)
	row := w.row(t, "ev-0003")
	for _, cell := range []string{"late", "7.4 kW", "Start", "18:35:00"} {
		if !strings.Contains(row, cell) {
			t.Errorf("after sending, ev-0003's row lacks %q: %q", cell, row)
		}
	}
	if _, err := os.Stat(filepath.Join(w.dir, "drafts", "report-"+testEvent().ID+".json")); !os.IsNotExist(err) {
		t.Errorf("a sent report left a draft: %v", err)
	}
}

// TestComposeRefusesInvalidLatitude: an out-of-range latitude is shown
// beside its field and nothing is sent.
func TestComposeRefusesInvalidLatitude(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.reportOnlyVehicle3(t)
	w.fill(t, pf(2, pfLatitude), "95")
	if msg, isErr := w.scr.compose.form.FieldMessage(pf(2, pfLatitude)); !isErr || msg != "must be between -90 and 90" {
		t.Errorf("as typed: %q %v", msg, isErr)
	}
	w.fill(t, pf(2, pfLongitude), "10.76")
	if cmd := w.press("ctrl+s"); cmd != nil {
		if msg := cmd(); msg != nil {
			t.Errorf("an invalid report produced %T", msg)
		}
	}
	if w.scr.sending != nil || len(w.api.posted) != 0 || w.scr.compose.prompt != nil {
		t.Fatal("an invalid report was sent, or offered to send")
	}
	if !strings.Contains(w.tab.View(), "not sent: fix the 1 field error first") {
		t.Errorf("no refusal shown:\n%s", w.tab.View())
	}
	w.fill(t, pf(2, pfLatitude), "59.93")
	if strings.Contains(w.tab.View(), "fix the") {
		t.Errorf("the refusal stayed after the field was fixed:\n%s", w.tab.View())
	}
}

// TestComposeServerRefusalKeepsInput: the server's 400 lands beside the
// field its report index names, the input stays, the refusal is recorded;
// fixing it and sending again works.
func TestComposeServerRefusalKeepsInput(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.press("R")
	w.include(t, 0, 2) // ev-0001 (slot 0) and ev-0003 (slot 2) are payloads 0 and 1
	w.fill(t, pf(2, pfLatitude), "59.93")
	w.fill(t, pf(2, pfLongitude), "10.76")
	w.api.answer = &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", StatusCode: 400,
		Problem: &client.ProblemDetails{Title: "Validation failed", Status: 400,
			Errors: map[string][]string{"payloads[1].location.latitude": {"is not where this vehicle is enrolled"}}}}
	w.run(t, w.press("ctrl+s", "y"))
	c := w.scr.compose
	if c == nil {
		t.Fatal("a refused report closed the composer")
	}
	if msg, isErr := c.form.FieldMessage(pf(2, pfLatitude)); !isErr || msg != "server: is not where this vehicle is enrolled" {
		t.Errorf("beside ev-0003's latitude: %q %v", msg, isErr)
	}
	if msg, isErr := c.form.FieldMessage(pf(0, pfLatitude)); isErr {
		t.Errorf("beside ev-0001's latitude: %q", msg)
	}
	if c.form.Value(pf(2, pfLatitude)) != "59.93" || c.form.Value(pf(2, pfLongitude)) != "10.76" || c.form.Busy() {
		t.Errorf("input lost or still busy: %v", c.form.Values())
	}
	if view := w.tab.View(); !strings.Contains(view, "400 Bad Request: Validation failed") {
		t.Errorf("no problem shown:\n%s", view)
	}
	entries, _, _ := w.rec.All()
	if len(entries) != 1 || entries[0].Outcome() != sentreports.Refused {
		t.Errorf("record %+v", entries)
	}

	w.api.answer = nil
	w.fill(t, pf(2, pfLatitude), "59.931")
	w.run(t, w.press("ctrl+s", "y"))
	if w.scr.compose != nil || len(w.api.posted) != 2 || w.api.posted[1].Payloads[1].Location.Latitude != 59.931 {
		t.Errorf("resending failed: open %v, posted %+v", w.scr.compose != nil, w.api.posted)
	}
}

// TestComposeUnknownEvent: the 404 of an event the server no longer has
// is shown in the composer, which keeps the input.
func TestComposeUnknownEvent(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.reportOnlyVehicle3(t)
	w.fill(t, pf(2, pfLatitude), "59.93")
	w.fill(t, pf(2, pfLongitude), "10.76")
	w.api.answer = &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", StatusCode: 404,
		Problem: &client.ProblemDetails{Title: "Not Found", Status: 404, Detail: "no event with id to report on"}}
	w.run(t, w.press("ctrl+s", "y"))
	if w.scr.compose == nil || !strings.Contains(w.tab.View(), "no event with id to report on") {
		t.Fatalf("404 not shown in the open composer:\n%s", w.tab.View())
	}
	if w.scr.compose.form.Value(pf(2, pfLongitude)) != "10.76" {
		t.Error("input lost")
	}
}

// TestComposeAsksBeforeSending: ctrl+s shows what the report says and to
// which event, and sends only on y; n, enter and esc keep it unsent and
// on screen. The question is a golden.
func TestComposeAsksBeforeSending(t *testing.T) {
	w := openComposeWorld(t, true, false)
	w.press("R")
	w.include(t, 0, 3)
	w.press("ctrl+s")
	c := w.scr.compose
	if c.prompt == nil || len(w.api.posted) != 0 {
		t.Fatalf("ctrl+s did not ask (sent %d):\n%s", len(w.api.posted), w.tab.View())
	}
	view := w.tab.View()
	for _, want := range []string{"Send this report?", "To event 03-04 18:10 Evening peak reduction:", "2 payloads: 2 Start",
		"2 vehicles: ev-0001 Start, ev-0004 Start"} {
		if !strings.Contains(view, want) {
			t.Errorf("the question lacks %q:\n%s", want, view)
		}
	}
	golden.RequireEqual(t, []byte(view+"\n"))
	for _, no := range []string{"n", "enter", "esc"} {
		w.press(no)
		if w.scr.compose == nil || c.prompt != nil || len(w.api.posted) != 0 || w.scr.sending != nil {
			t.Fatalf("%s: the report was sent or the composer closed", no)
		}
		if !strings.Contains(w.tab.View(), "not sent: the report is still here") || c.vals[pf(3, pfInclude)] != includeYes {
			t.Fatalf("%s: the report is not kept on screen:\n%s", no, w.tab.View())
		}
		w.press("ctrl+s")
	}
	w.run(t, w.press("y"))
	if len(w.api.posted) != 1 || len(w.api.posted[0].Payloads) != 2 {
		t.Fatalf("y did not send the report: %+v", w.api.posted)
	}
}
