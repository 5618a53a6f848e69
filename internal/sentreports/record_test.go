package sentreports

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestAppendThenAllRoundTrips(t *testing.T) {
	rec := openTemp(t)
	want := []Entry{
		accepted("r1", request("ev1", "car-1", client.ActionStart, 7400), t0),
		NewEntry("http://127.0.0.1:1", request("nope", "car-2", client.ActionStop, 0), t0.Add(time.Minute), client.Report{},
			&client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", StatusCode: 404,
				Problem: &client.ProblemDetails{Title: "Not Found", Detail: "no event with id \"nope\""}}),
	}
	for _, e := range want {
		if err := rec.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	got, bad := mustAll(t, rec)
	if len(bad) != 0 || len(got) != 2 {
		t.Fatalf("got %d entries, bad %v", len(got), bad)
	}
	if !got[0].SentAt.Equal(t0) || got[0].Report == nil || got[0].Report.ID != "r1" ||
		!reflect.DeepEqual(got[0].Request, want[0].Request) || got[0].Outcome() != Accepted {
		t.Errorf("entry 0 = %+v", got[0])
	}
	if got[1].Report != nil || got[1].Status != 404 || got[1].Outcome() != Refused ||
		!strings.Contains(got[1].Error, "404 Not Found") || strings.Contains(got[1].Error, "\n") {
		t.Errorf("entry 1 = %+v", got[1])
	}
}

func TestRecordPermissions(t *testing.T) {
	rec := openTemp(t)
	if _, err := os.Stat(filepath.Dir(rec.Path())); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open created the directory (err %v): it must create nothing", err)
	}
	if err := rec.Ready(); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{rec.Path(): 0o600, filepath.Dir(rec.Path()): 0o700} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s mode %o, want %o", path, got, want)
		}
	}
	// A file someone opened up is closed again on the next append.
	if err := os.Chmod(rec.Path(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rec.Append(accepted("r1", request("ev1", "car-1", client.ActionStart, 1), t0)); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(rec.Path()); fi.Mode().Perm() != 0o600 {
		t.Errorf("after append: mode %o, want 600", fi.Mode().Perm())
	}
}

func TestAllOnMissingRecordIsEmpty(t *testing.T) {
	rec := openTemp(t)
	got, bad, err := rec.All()
	if err != nil || got != nil || bad != nil {
		t.Fatalf("All() = %v, %v, %v; want nothing", got, bad, err)
	}
	if _, err := os.Stat(filepath.Dir(rec.Path())); !errors.Is(err, os.ErrNotExist) {
		t.Error("reading created the directory")
	}
}

func TestTornAndGarbledLinesAreSkipped(t *testing.T) {
	rec := openTemp(t)
	e1 := accepted("r1", request("ev1", "car-1", client.ActionStart, 7400), t0)
	if err := rec.Append(e1); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(rec.Path(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	// A garbled middle line, then a write cut off in the middle.
	f.WriteString("this is not json\n{\"sentAt\":\"2025-06-01T12:00:00Z\",\"request\":{\"eventId\":\"ev")
	f.Close()

	got, bad := mustAll(t, rec)
	if len(got) != 1 || got[0].Report.ID != "r1" {
		t.Fatalf("entries %+v", got)
	}
	if len(bad) != 2 || bad[0].Line != 2 || bad[0].Torn || bad[1].Line != 3 || !bad[1].Torn ||
		!strings.Contains(bad[1].String(), "sent-reports.jsonl line 3 skipped: incomplete last line") {
		t.Fatalf("bad lines %+v", bad)
	}

	// The next entry starts on its own line: only the torn one is lost.
	e2 := accepted("r2", request("ev1", "car-2", client.ActionStart, 3700), t0.Add(time.Minute))
	if err := rec.Append(e2); err != nil {
		t.Fatal(err)
	}
	got, bad = mustAll(t, rec)
	if len(got) != 2 || got[1].Report.ID != "r2" {
		t.Fatalf("after a torn line, entries %+v", got)
	}
	if len(bad) != 2 || bad[1].Line != 3 || bad[1].Torn {
		t.Errorf("after the next append the torn line is an ordinary bad line: %+v", bad)
	}
}

func TestCompleteLastLineWithoutNewlineIsRead(t *testing.T) {
	rec := openTemp(t)
	if err := rec.Append(accepted("r1", request("ev1", "car-1", client.ActionStart, 1), t0)); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(rec.Path())
	os.WriteFile(rec.Path(), data[:len(data)-1], 0o600) // crash just before the newline
	got, bad := mustAll(t, rec)
	if len(got) != 1 || len(bad) != 0 {
		t.Fatalf("entries %d, bad %v", len(got), bad)
	}
}

func TestOverlongLineIsSkipped(t *testing.T) {
	rec := openTemp(t)
	if err := rec.Ready(); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", maxEntryBytes+10)
	os.WriteFile(rec.Path(), []byte(big+"\n"), 0o600)
	if err := rec.Append(accepted("r1", request("ev1", "car-1", client.ActionStart, 1), t0)); err != nil {
		t.Fatal(err)
	}
	got, bad := mustAll(t, rec)
	if len(got) != 1 || len(bad) != 1 || !strings.Contains(bad[0].Reason, "longer than") {
		t.Fatalf("entries %d, bad %v", len(got), bad)
	}
}

func TestOpenRefusesNonDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(file, nil, 0o600)
	if _, err := Open(file); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Open(file) err = %v", err)
	}
	if _, err := Open(""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
}

// Writers in separate Records (separate open files, as two processes have)
// never lose or interleave an entry.
func TestConcurrentAppendsKeepEveryEntry(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p")
	const writers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec, err := Open(dir)
			if err != nil {
				errs <- err
				return
			}
			for i := range each {
				id := fmt.Sprintf("w%d-%d", w, i)
				// Large payload lists make a torn interleaving likely if writes were split.
				req := request("ev1", id, client.ActionStart, float64(i))
				for range 50 {
					req.Payloads = append(req.Payloads, req.Payloads[0])
				}
				if err := rec.Append(accepted(id, req, t0.Add(time.Duration(i)*time.Second))); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	rec, _ := Open(dir)
	got, bad := mustAll(t, rec)
	if len(bad) != 0 || len(got) != writers*each {
		t.Fatalf("%d entries, %d bad lines; want %d and none", len(got), len(bad), writers*each)
	}
	seen := map[string]bool{}
	for _, e := range got {
		seen[e.Report.ID] = true
	}
	if len(seen) != writers*each {
		t.Errorf("%d distinct ids", len(seen))
	}
}
