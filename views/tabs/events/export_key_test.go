package events

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportKeyWritesCSV(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	dir := t.TempDir()
	w.scr.exportDir = dir

	export := func() string {
		t.Helper()
		cmd := w.tab.Update(keyMsg("x"))
		if !strings.Contains(w.lines()[32], "exporting to ecdash-d0cc883b-20250304-183500.csv") {
			t.Errorf("no note while exporting: %q", w.lines()[32])
		}
		w.deliver(t, cmd)
		last := strings.TrimSpace(w.lines()[32])
		path, ok := strings.CutPrefix(last, "exported to ")
		if !ok {
			t.Fatalf("message line %q", last)
		}
		return path
	}
	path := export()
	if filepath.Dir(path) != dir || filepath.Base(path) != "ecdash-d0cc883b-20250304-183500.csv" {
		t.Errorf("exported to %s", path)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "time,target_W,fleet_W,ev-0001,ev-0002,ev-0003,ev-0004,ev-0005,ev-0006" {
		t.Errorf("header %s", got)
	}
	if len(recs) != 1+25 { // one row per minute of the 25 elapsed
		t.Errorf("%d rows, want 25", len(recs)-1)
	}
	if last := recs[len(recs)-1]; last[0] != "2025-03-04T18:34:00Z" || last[2] != "14800" {
		t.Errorf("last row %v", last)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), "# ") {
		t.Error("no summary lines")
	}

	// The same second again: a new name, never an overwrite.
	if again := export(); filepath.Base(again) != "ecdash-d0cc883b-20250304-183500-2.csv" {
		t.Errorf("second export went to %s", again)
	}
}

func TestExportProblemsAreShown(t *testing.T) {
	w := openWorld(t, testReports(), 120, 33)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	w.scr.exportDir = filepath.Join(blocker, "sub") // cannot be created
	w.deliver(t, w.tab.Update(keyMsg("x")))
	if last := w.lines()[32]; !strings.Contains(last, "export failed:") {
		t.Errorf("message line %q", last)
	}

	// Before the reports are in there is nothing to export.
	w2 := openWorld(t, testReports(), 120, 33)
	w2.scr.data.loaded = false
	if cmd := w2.tab.Update(keyMsg("x")); cmd != nil {
		t.Error("export started without reports")
	}
	if last := w2.lines()[32]; !strings.Contains(last, "still loading") {
		t.Errorf("message line %q", last)
	}
}

func TestShortID(t *testing.T) {
	for in, want := range map[string]string{
		"d0cc883b-6147-44f8": "d0cc883b",
		"../../etc/passwd":   "etcpassw",
		"":                   "event",
		"ab":                 "ab",
	} {
		if got := shortID(in); got != want {
			t.Errorf("shortID(%q) = %q, want %q", in, got, want)
		}
	}
}
