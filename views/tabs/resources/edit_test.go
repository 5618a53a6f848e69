package resources

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views/list"
	"github.com/ecdash/ecdash/views/list/listtest"
)

// listView is the table under the open screens.
func listView(h *listtest.Harness) string {
	return h.Tab.(*list.Editable[client.Resource]).ListView()
}

// line returns the screen line that contains s.
func line(t *testing.T, screen, s string) string {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q:\n%s", s, screen)
	return ""
}

func flash(h *listtest.Harness) string { return h.Tab.Hint() }

func TestCreateAppearsInListAndOnTheServer(t *testing.T) {
	api := newAPI(t, testNow)
	h := harnessWith(t, api, t.TempDir(), false)
	h.Press("n")
	mustContain(t, view(h), "New resource", "resourceId", "VIN", "[ Save ]")
	fill(h, "user-1", "car-9", "Volvo", "EX30", "2025", "yv1xzk7v0rf000001")
	if got := h.Tab.(*list.Editable[client.Resource]); got == nil {
		t.Fatal("not an editlist tab")
	}
	mustContain(t, view(h), "YV1XZK7V0RF000001") // upper-cased as typed
	h.Press("ctrl+s")
	runQueued(h) // sent and answered: the new row shows, under the cursor
	if l := line(t, listView(h), "car-9"); !strings.HasPrefix(l, ">car-9") {
		t.Errorf("the new row is not shown under the cursor: %q", l)
	}
	h.Settle()

	if !slices.Contains(h.Ops(), "!CreateResource") {
		t.Fatalf("requests %v", h.Ops())
	}
	if h.Tab.InScreen() {
		t.Fatalf("form still open:\n%s", view(h))
	}
	if f := flash(h); f != "created resource car-9" {
		t.Errorf("hint %q", f)
	}
	mustContain(t, view(h), "car-9", "EX30", "YV1XZK7V0RF000001")
	got, err := getResource(t, api, "car-9")
	if err != nil {
		t.Fatalf("the sandbox does not have it: %v", err)
	}
	if got.UserID != "user-1" || got.Metadata.Brand != "Volvo" || *got.Metadata.Year != 2025 || got.Metadata.VIN != "YV1XZK7V0RF000001" {
		t.Errorf("stored %+v", got)
	}
}

func TestShortVINIsRefusedBesideItsField(t *testing.T) {
	h := harness(t)
	h.Press("n")
	fill(h, "", "car-10", "Volvo", "EX30", "2025", "YV1XZK7V0RF00000") // 16 characters
	screen := view(h)
	if l := line(t, screen, "VIN"); !strings.Contains(l, "! needs 17 characters, has 16") {
		t.Fatalf("VIN line %q", l)
	}
	h.Press("ctrl+s").Settle()
	if ops := h.Ops(); slices.Contains(ops, "!CreateResource") {
		t.Fatalf("an invalid form was sent: %v", ops)
	}
	mustContain(t, view(h), "not saved: fix the 1 field error first", "YV1XZK7V0RF00000")

	h.Press("ctrl+s") // focus moved to the VIN: finish it
	h.Type("1")
	mustNotContain(t, view(h), "needs 17 characters")
	h.Press("ctrl+s").Settle()
	if !slices.Contains(h.Ops(), "!CreateResource") || h.Tab.InScreen() {
		t.Fatalf("fixed form not saved: %v\n%s", h.Ops(), view(h))
	}
}

func TestVINAndYearRules(t *testing.T) {
	for _, c := range []struct{ vin, want string }{
		{"", ""},
		{"YV1XZK7V0RF000001", ""},
		{"YV1XZK7V0RF00000", "needs 17 characters, has 16"},
		{"YV1XZK7V0RF0000011", "needs 17 characters, has 18"},
		{"YV1XZK7V0RFO00001", "VINs never use I, O or Q (character 12)"},
		{"YV1XZK7V0RF00000-", "only A-Z and 0-9 (character 17)"},
		{"yv1xzk7v0rf000001", "only A-Z and 0-9 (character 1)"}, // the form upper-cases before checking
	} {
		if got := checkVIN(c.vin); got != c.want {
			t.Errorf("checkVIN(%q) = %q, want %q", c.vin, got, c.want)
		}
	}
	for _, c := range []struct{ year, want string }{
		{"", ""}, {"1990", ""}, {"2026", ""},
		{"1989", "must be from 1990 to 2026"}, {"2027", "must be from 1990 to 2026"},
		{"20x5", "must be a year such as 2025"}, {"+2020", "must be a year such as 2025"},
	} {
		if got := checkYear(c.year, 2026); got != c.want {
			t.Errorf("checkYear(%q) = %q, want %q", c.year, got, c.want)
		}
	}
}

func TestDuplicateResourceIDShowsTheConflictAndKeepsInput(t *testing.T) {
	h := harness(t)
	h.Press("n")
	fill(h, "user-2", "ev-0001", "Polestar", "2", "2024", "")
	h.Press("ctrl+s")
	// Optimistic: the row shows the new values before the answer.
	for _, cmd := range h.Queued() {
		if cmd == nil {
			continue
		}
		if l := line(t, listView(h), "ev-0001"); !strings.Contains(l, "Polestar") {
			t.Errorf("the list does not show the save in flight: %q", l)
		}
		h.Send(cmd())
	}
	h.Settle()
	screen := view(h)
	mustContain(t, screen, "409 Conflict", `a resource with resourceId "ev-0001" already exists`, "Polestar", "user-2")
	if l := line(t, screen, "> resourceId"); !strings.Contains(l, "! server: already used by another vehicle") {
		t.Errorf("resourceId line %q", l)
	}
	if !h.Tab.InScreen() {
		t.Fatal("the form closed on a refused save")
	}
	// Rolled back: the list shows what the server has.
	if l := line(t, listView(h), "ev-0001"); !strings.Contains(l, "Volkswagen") || strings.Contains(l, "Polestar") {
		t.Errorf("not rolled back: %q", l)
	}
}

func TestServerFieldErrorIsPlacedBesideItsField(t *testing.T) {
	// The sandbox's clock is in 2019, so it refuses a 2024 model year the
	// dashboard (2025) accepts: a real 400 with a field error.
	api := newAPI(t, time.Date(2019, 6, 1, 12, 0, 0, 0, time.UTC))
	h := harnessWith(t, api, t.TempDir(), false)
	h.Press("n")
	fill(h, "", "car-11", "Kia", "EV6", "2024", "")
	h.Press("ctrl+s").Settle()
	screen := view(h)
	mustContain(t, screen, "400 Bad Request: One or more validation errors occurred.")
	if l := line(t, screen, "> year"); !strings.Contains(l, "! server: must be between 1990 and 2020, got 2024") {
		t.Errorf("year line %q", l)
	}
	// Editing the field clears the server's word for it.
	h.Press("backspace").Type("0")
	if l := line(t, view(h), "> year"); strings.Contains(l, "server:") {
		t.Errorf("stale server message: %q", l)
	}
}

func TestEditSendsPUTAndUpdatesTheList(t *testing.T) {
	api := newAPI(t, testNow)
	h := harnessWith(t, api, t.TempDir(), false)
	selectRow(t, h, "ev-0002")
	h.Press("e").Settle()
	mustContain(t, view(h), "Edit resource ev-0002", "iX3")
	h.Press("tab", "tab", "tab", "tab", "ctrl+u").Type("2024") // userId, resourceId, brand, model → year
	h.Press("ctrl+s").Settle()
	want := []string{"GetResource", "GetResource", "!UpdateResource"}
	if got := h.Ops(); !slices.Equal(got, want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
	got, err := getResource(t, api, "ev-0002")
	if err != nil || got.Metadata.Year == nil || *got.Metadata.Year != 2024 || got.Metadata.Model != "iX3" {
		t.Fatalf("server has %+v, %v", got, err)
	}
	if l := line(t, view(h), "ev-0002"); !strings.Contains(l, "2024") {
		t.Errorf("list row %q", l)
	}
}

func TestDeleteAsksAndDefaultsToNo(t *testing.T) {
	api := newAPI(t, testNow)
	h := harnessWith(t, api, t.TempDir(), false)
	selectRow(t, h, "ev-0003")
	h.Press("d")
	mustContain(t, view(h), "Delete resource ev-0003?", "Audi Q4 e-tron (2025)", "WAUZZZFZ3SY239616",
		"y yes", "no (default)")
	for _, s := range [][2]int{{0, 0}, {1, 1}, {20, 4}, {60, 15}} {
		h.Tab.SetSize(s[0], s[1])
		if n := strings.Count(view(h), "\n") + 1; s[1] > 0 && n != s[1] {
			t.Errorf("confirmation at %v: %d lines", s, n)
		}
	}
	h.Tab.SetSize(120, 33)
	h.Press("enter").Settle()
	if len(h.Requests) != 0 || h.Tab.InScreen() {
		t.Fatalf("enter did not keep it: %v", h.Ops())
	}
	if f := flash(h); !strings.Contains(f, "kept resource ev-0003") {
		t.Errorf("hint %q", f)
	}
	h.Press("d", "y")
	if strings.Contains(listView(h), "WAUZZZFZ3SY239616") {
		t.Error("the row is still shown while the delete is in flight")
	}
	h.Settle()
	if got := h.Ops(); !slices.Equal(got, []string{"!DeleteResource"}) {
		t.Fatalf("requests %v", got)
	}
	if _, err := getResource(t, api, "ev-0003"); !client.IsNotFound(err) {
		t.Fatalf("still on the server: %v", err)
	}
	h.Tab.SetFilter("")
	mustNotContain(t, view(h), "ev-0003")
}

func TestFailedSaveAndDeleteRollBack(t *testing.T) {
	f := &failing{}
	api := newFailingAPI(t, testNow, f)
	h := harnessWith(t, api, t.TempDir(), false)
	selectRow(t, h, "ev-0006")
	h.Press("e").Settle()
	h.Press("tab", "tab", "tab", "ctrl+u").Type("Zoe R135") // the model
	f.fail("PUT", true)
	h.Press("ctrl+s")
	runQueued(h) // the check; the PUT is queued
	if l := line(t, listView(h), "ev-0006"); !strings.Contains(l, "Zoe R135") {
		t.Errorf("the list does not show the change in flight: %q", l)
	}
	h.Settle()
	mustContain(t, view(h), "500 Internal Server Error", "injected by the test", "Zoe R135")
	if l := line(t, listView(h), "ev-0006"); strings.Contains(l, "R135") {
		t.Errorf("not rolled back: %q", l)
	}
	if got := h.Ops(); got[len(got)-1] != "!UpdateResource" || slices.Index(got, "!UpdateResource") != len(got)-1 {
		t.Errorf("a mutation was retried: %v", got)
	}

	h.Press("esc") // leaves; the draft keeps the model
	f.fail("DELETE", true)
	h.Press("d", "y")
	if strings.Contains(listView(h), "VF1AG0004KY535982") {
		t.Error("the row is still shown while the delete is in flight")
	}
	h.Settle()
	if !strings.Contains(listView(h), "VF1AG0004KY535982") {
		t.Error("a refused delete did not bring the row back")
	}
	if f := flash(h); !strings.Contains(f, "could not delete resource ev-0006") || !strings.Contains(f, "500") {
		t.Errorf("hint %q", f)
	}
}
