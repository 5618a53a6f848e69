package livefeed

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for expiry, rotation and retention.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func appendBody(t testing.TB, j *Journal, body []byte) (uint64, bool) {
	t.Helper()
	s, err := DecodeSummary(body)
	if err != nil {
		t.Fatal(err)
	}
	seq, dup, err := j.Append(context.Background(), Record{Body: body, Signature: Sign(testSecret, body), Verified: true, Summary: s})
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	return seq, dup
}

func TestJournalRoundTripAndReopen(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{})
	for i := range 10 {
		if seq, dup := appendBody(t, j, sandboxBody(i)); seq != uint64(i+1) || dup {
			t.Fatalf("append %d: seq %d dup %v", i, seq, dup)
		}
	}
	j.Close()

	j = openTestJournal(t, dir, JournalOptions{})
	if j.LastSeq() != 10 {
		t.Fatalf("after reopen LastSeq = %d, want 10", j.LastSeq())
	}
	recs := readAll(t, j)
	for i, r := range recs {
		if r.Seq != uint64(i+1) || string(r.Body) != string(sandboxBody(i)) || !r.Verified || r.Summary.NotificationID == "" || r.Received.IsZero() {
			t.Fatalf("record %d not kept exactly: %+v", i, r)
		}
	}
	if seq, _ := appendBody(t, j, sandboxBody(10)); seq != 11 {
		t.Errorf("sequence after reopen = %d, want 11", seq)
	}
}

func TestJournalReadFromMiddleAcrossSegments(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{MaxSegmentBytes: 4 << 10})
	const n = 300
	appendMany(t, j, 0, n)
	segs, _ := filepath.Glob(filepath.Join(j.Dir(), "*"+segmentSuffix))
	if len(segs) < 10 {
		t.Fatalf("expected rotation into many segments, got %d", len(segs))
	}
	for _, after := range []uint64{0, 1, 63, 64, 65, 150, 299, 300, 1000} {
		var got []uint64
		if err := j.ReadFrom(after, func(r Record) error { got = append(got, r.Seq); return nil }); err != nil {
			t.Fatal(err)
		}
		want := int(max(0, n-int(min(after, n))))
		if len(got) != want {
			t.Fatalf("ReadFrom(%d) returned %d records, want %d", after, len(got), want)
		}
		for i, s := range got {
			if s != after+uint64(i)+1 {
				t.Fatalf("ReadFrom(%d): record %d has seq %d", after, i, s)
			}
		}
	}
	stop := fmt.Errorf("stop")
	calls := 0
	if err := j.ReadFrom(0, func(Record) error { calls++; return stop }); err != stop || calls != 1 {
		t.Errorf("ReadFrom should stop at the callback's error: err %v after %d calls", err, calls)
	}
}

func TestJournalTornTailIsTruncated(t *testing.T) {
	tests := []struct {
		name string
		tear func(t *testing.T, path string, size int64)
	}{
		{"half a frame", func(t *testing.T, path string, size int64) {
			// Append the first half of a valid frame, as a crash mid-write would.
			f := appendFrame(nil, kindNotification, 4, []byte(`{"received":"2025-01-01T00:00:00Z","key":"x","body":"e30="}`))
			writeAt(t, path, size, f[:len(f)/2])
		}},
		{"header only", func(t *testing.T, path string, size int64) {
			writeAt(t, path, size, []byte{0x30, 0, 0})
		}},
		{"checksum mismatch", func(t *testing.T, path string, size int64) {
			f := appendFrame(nil, kindNotification, 4, []byte(`{"received":"2025-01-01T00:00:00Z","key":"x","body":"e30="}`))
			f[len(f)-3] ^= 0xff
			writeAt(t, path, size, f)
		}},
		{"zeroed tail", func(t *testing.T, path string, size int64) {
			writeAt(t, path, size, make([]byte, 4096))
		}},
		{"absurd length", func(t *testing.T, path string, size int64) {
			writeAt(t, path, size, []byte{0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			j := openTestJournal(t, dir, JournalOptions{})
			for i := range 3 {
				appendBody(t, j, sandboxBody(i))
			}
			path := filepath.Join(j.Dir(), segmentName(1))
			j.Close()
			info, _ := os.Stat(path)
			tt.tear(t, path, info.Size())

			j = openTestJournal(t, dir, JournalOptions{})
			rc := j.Recovery()
			if rc.TruncatedBytes == 0 {
				t.Fatal("recovery did not report the torn tail")
			}
			if saved, err := os.ReadFile(rc.SavedTail); err != nil || int64(len(saved)) != rc.TruncatedBytes {
				t.Errorf("the cut bytes were not saved aside: %v", err)
			}
			if after, _ := os.Stat(path); after.Size() != info.Size() {
				t.Errorf("segment is %d bytes after recovery, want the %d good bytes", after.Size(), info.Size())
			}
			if j.LastSeq() != 3 || len(readAll(t, j)) != 3 {
				t.Fatalf("records lost or invented: LastSeq %d", j.LastSeq())
			}
			if seq, _ := appendBody(t, j, sandboxBody(3)); seq != 4 {
				t.Errorf("next seq after recovery = %d, want 4", seq)
			}
			if n := len(readAll(t, j)); n != 4 {
				t.Errorf("after appending past the repaired tail: %d records, want 4", n)
			}
		})
	}
}

func TestJournalCorruptOlderSegmentKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{MaxSegmentBytes: 2 << 10})
	appendMany(t, j, 0, 40)
	j.Close()
	segs, _ := filepath.Glob(filepath.Join(dir, "test", "*"+segmentSuffix))
	if len(segs) < 3 {
		t.Fatalf("want several segments, got %d", len(segs))
	}
	// Damage the first segment's last frame.
	b, _ := os.ReadFile(segs[0])
	b[len(b)-10] ^= 0xff
	os.WriteFile(segs[0], b, 0o600)

	j = openTestJournal(t, dir, JournalOptions{})
	if rc := j.Recovery().CorruptSegments; len(rc) != 1 || rc[0] != segs[0] {
		t.Errorf("CorruptSegments = %v, want [%s]", rc, segs[0])
	}
	recs := readAll(t, j)
	if len(recs) != 39 || recs[len(recs)-1].Seq != 40 {
		t.Errorf("kept %d records ending at %d; want 39 ending at 40 (only the damaged one lost)", len(recs), recs[len(recs)-1].Seq)
	}
}

func writeAt(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func TestJournalDedupeSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	clock := newFakeClock()
	opts := JournalOptions{Now: clock.Now}
	j := openTestJournal(t, dir, opts)
	seq, _ := appendBody(t, j, sandboxBody(1))
	appendBody(t, j, sandboxBody(2))
	j.Close()

	clock.Advance(23 * time.Hour)
	j = openTestJournal(t, dir, opts)
	if got, dup := appendBody(t, j, sandboxBody(1)); !dup || got != seq {
		t.Fatalf("same notificationId after restart: seq %d dup %v, want %d true", got, dup, seq)
	}
	if j.Duplicates(seq) != 1 {
		t.Errorf("duplicate count = %d, want 1", j.Duplicates(seq))
	}
	j.Close()

	j = openTestJournal(t, dir, opts)
	if j.Duplicates(seq) != 1 {
		t.Errorf("duplicate count after restart = %d, want 1", j.Duplicates(seq))
	}
	if recs := readAll(t, j); len(recs) != 2 || recs[0].Duplicates != 1 {
		t.Errorf("records = %d, first has %d duplicates; want 2 and 1", len(recs), recs[0].Duplicates)
	}
	// Past the window the same id is a new notification.
	clock.Advance(2 * time.Hour)
	if got, dup := appendBody(t, j, sandboxBody(1)); dup || got != 3 {
		t.Errorf("after the 24 h window: seq %d dup %v, want 3 false", got, dup)
	}
}

func TestJournalRetentionPrunesButKeepsDedupeWindow(t *testing.T) {
	dir := t.TempDir()
	clock := newFakeClock()
	opts := JournalOptions{Now: clock.Now, MaxSegmentAge: time.Hour, Retention: time.Hour, DedupeWindow: 24 * time.Hour}
	j := openTestJournal(t, dir, opts)
	for i := range 30 {
		appendBody(t, j, sandboxBody(i))
		clock.Advance(2 * time.Hour) // one segment per record
	}
	segs, _ := filepath.Glob(filepath.Join(j.Dir(), "*"+segmentSuffix))
	// Retention is raised to the 24 h window: 12-13 two-hour segments stay.
	if len(segs) < 12 || len(segs) > 14 {
		t.Fatalf("%d segments kept, want those of the last 24 h (12-14)", len(segs))
	}
	first := j.FirstSeq()
	if first < 17 || first > 19 {
		t.Errorf("FirstSeq = %d, want about 18", first)
	}
	recs := readAll(t, j)
	if len(recs) == 0 || recs[0].Seq != first || recs[len(recs)-1].Seq != 30 {
		t.Errorf("ReadFrom(0) after pruning gave %d records from %d", len(recs), recs[0].Seq)
	}
	// A notification still inside the window is still a duplicate.
	if _, dup := appendBody(t, j, sandboxBody(29)); !dup {
		t.Error("pruning lost the dedupe window")
	}
}

func TestJournalIsExclusive(t *testing.T) {
	dir := t.TempDir()
	openTestJournal(t, dir, JournalOptions{})
	_, err := OpenJournal(dir, "test", JournalOptions{})
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second open: err = %v, want 'in use'", err)
	}
}

func TestJournalRejectsBadProfile(t *testing.T) {
	for _, p := range []string{"../x", "a/b", ".hidden", strings.Repeat("a", 65)} {
		if _, err := OpenJournal(t.TempDir(), p, JournalOptions{}); err == nil {
			t.Errorf("profile %q accepted", p)
		}
	}
}

func TestJournalClosed(t *testing.T) {
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	j.Close()
	if _, _, err := j.Append(context.Background(), Record{Body: []byte(`{}`)}); err != ErrClosed {
		t.Errorf("Append after Close: %v, want ErrClosed", err)
	}
	if err := j.ReadFrom(0, func(Record) error { return nil }); err != ErrClosed {
		t.Errorf("ReadFrom after Close: %v, want ErrClosed", err)
	}
}
