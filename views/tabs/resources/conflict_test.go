package resources

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views/list/listtest"
)

func TestConflictShowsTheDiffAndOverwrites(t *testing.T) {
	api := newAPI(t, testNow)
	h := harnessWith(t, api, t.TempDir(), false)
	selectRow(t, h, "ev-0004")
	h.Press("e").Settle()
	changeModel(t, api, "ev-0004", "Leaf e+")
	h.Press("tab", "tab", "tab", "tab", "ctrl+u").Type("2023") // the year
	h.Press("ctrl+s").Settle()
	screen := view(h)
	mustContain(t, screen, "changed on the server", "Nothing was sent",
		"- model: Leaf", "+ model: Leaf e+", "- year: 2022", "+ year: 2023",
		"o overwrite with mine", "t take theirs")
	if slices.Contains(h.Ops(), "!UpdateResource") {
		t.Fatalf("sent despite the conflict: %v", h.Ops())
	}
	for _, s := range [][2]int{{0, 0}, {1, 1}, {20, 4}, {60, 15}} {
		h.Tab.SetSize(s[0], s[1])
		if n := strings.Count(view(h), "\n") + 1; s[1] > 0 && n != s[1] {
			t.Errorf("conflict at %v: %d lines", s, n)
		}
	}
	h.Tab.SetSize(120, 33)
	h.Press("esc")
	mustContain(t, view(h), "Edit resource ev-0004", "2023")
	h.Press("ctrl+s").Settle().Press("o").Settle()
	got, err := getResource(t, api, "ev-0004")
	if err != nil || got.Metadata.Model != "Leaf" || *got.Metadata.Year != 2023 {
		t.Fatalf("server has %+v, %v", got, err)
	}
	if h.Tab.InScreen() {
		t.Errorf("form open after overwrite:\n%s", view(h))
	}
}

func TestConflictTakeTheirsKeepsMineAsADraft(t *testing.T) {
	api := newAPI(t, testNow)
	dir := t.TempDir()
	h := harnessWith(t, api, dir, false)
	selectRow(t, h, "ev-0004")
	h.Press("e").Settle()
	changeModel(t, api, "ev-0004", "Leaf e+")
	h.Press("tab", "tab", "tab", "tab", "ctrl+u").Type("2023")
	h.Press("ctrl+s").Settle().Press("t")
	screen := view(h)
	mustContain(t, screen, "yours is kept as a draft", "Leaf e+")
	if l := line(t, screen, "year"); !strings.Contains(l, "2022") {
		t.Errorf("year not the server's: %q", l)
	}
	b, err := os.ReadFile(filepath.Join(dir, "drafts", "resource-ev-0004.json"))
	if err != nil || !strings.Contains(string(b), `"metadata.year": "2023"`) {
		t.Fatalf("draft %s, %v", b, err)
	}
	h.Press("esc").Press("e").Settle()
	mustContain(t, view(h), "Restore draft from 18:30?")
	h.Press("y")
	if l := line(t, view(h), "year"); !strings.Contains(l, "2023") {
		t.Errorf("draft not restored: %q", l)
	}
}

func changeModel(t *testing.T, api client.API, id, model string) {
	t.Helper()
	r, err := api.GetResource(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	r.Metadata.Model = model
	if _, err := api.UpdateResource(context.Background(), id, client.ResourceRequest{UserID: r.UserID, ResourceID: r.ResourceID, Metadata: r.Metadata}); err != nil {
		t.Fatal(err)
	}
}

func TestDraftIsKeptAndOffered(t *testing.T) {
	dir := t.TempDir()
	h := harnessWith(t, newAPI(t, testNow), dir, false)
	h.Press("n")
	fill(h, "user-3", "car-12", "Škoda", "Elroq", "20", "")
	h.Tab.Tick() // the autosave
	path := filepath.Join(dir, "drafts", "resource-new.json")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no draft after a tick: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("draft mode %v", st.Mode().Perm())
	}
	h.Press("shift+tab", "shift+tab").Type("25").Press("esc") // back to the year: 2025
	if f := flash(h); !strings.Contains(f, "draft kept") {
		t.Errorf("hint %q", f)
	}
	h.Press("n")
	mustContain(t, view(h), "Restore draft from 18:30?", "no (default)")
	h.Press("n") // no: an empty form, the draft stays
	mustNotContain(t, view(h), "car-12")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("answering no deleted the draft: %v", err)
	}
	h.Press("esc", "n", "y")
	mustContain(t, view(h), "car-12", "Škoda", "Elroq", "2025", "draft restored")
	h.Press("ctrl+s").Settle()
	if h.Tab.InScreen() {
		t.Fatalf("not saved:\n%s", view(h))
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the draft outlived the save: %v", err)
	}
}

func TestWithoutStateDirNoDraftIsKept(t *testing.T) {
	h := harnessWith(t, newAPI(t, testNow), "", false)
	h.Press("n").Type("x").Press("esc")
	if f := flash(h); !strings.Contains(f, "no draft was kept") {
		t.Errorf("hint %q", f)
	}
}

func TestReadOnlyHasNoEditKeys(t *testing.T) {
	h := harnessWith(t, newAPI(t, testNow), t.TempDir(), true)
	for _, b := range h.Tab.KeyMap() {
		if b.Enabled() && slices.ContainsFunc(b.Keys(), func(k string) bool { return k == "n" || k == "e" || k == "E" || k == "d" }) {
			t.Errorf("binding %v is reachable in read-only mode", b.Keys())
		}
	}
	selectRow(t, h, "ev-0001")
	h.Press("n", "e", "E", "d").Settle()
	if h.Tab.InScreen() || len(h.Requests) != 0 {
		t.Fatalf("read-only opened something: %v\n%s", h.Ops(), view(h))
	}
}

func TestTinySizesDoNotPanic(t *testing.T) {
	h := harness(t)
	h.Press("n")
	for _, s := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {30, 8}, {60, 15}} {
		h.Tab.SetSize(s[0], s[1])
		v := h.Tab.View()
		if n := strings.Count(v, "\n") + 1; s[1] > 0 && n > s[1] {
			t.Errorf("%dx%d: %d lines", s[0], s[1], n)
		}
	}
}

// runQueued runs the commands queued now (not those they queue).
func runQueued(h *listtest.Harness) {
	for _, cmd := range h.Queued() {
		if cmd != nil {
			h.Send(cmd())
		}
	}
}

func TestEditAndDeleteFromTheDetail(t *testing.T) {
	api := newAPI(t, testNow)
	h := harnessWith(t, api, t.TempDir(), false)
	selectRow(t, h, "ev-0007")
	h.Press("enter").Settle()
	mustContain(t, view(h), "Resource ev-0007")
	h.Press("e").Settle()
	mustContain(t, view(h), "Edit resource ev-0007")
	h.Press("esc")
	mustContain(t, view(h), "Resource ev-0007") // back on the detail
	h.Press("d", "y").Settle()
	if h.Tab.InScreen() {
		t.Errorf("the detail of a deleted resource stayed open:\n%s", view(h))
	}
	if _, err := getResource(t, api, "ev-0007"); !client.IsNotFound(err) {
		t.Errorf("not deleted: %v", err)
	}
}
