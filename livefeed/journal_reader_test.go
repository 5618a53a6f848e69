package livefeed

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func openTestReader(t testing.TB, dir string, opts ReaderOptions) *JournalReader {
	t.Helper()
	r, err := OpenJournalReader(dir, "test", opts)
	if err != nil {
		t.Fatalf("OpenJournalReader: %v", err)
	}
	return r
}

// readerAll returns every record a ReadFrom(after) hands out.
func readerAll(t testing.TB, r *JournalReader, after uint64) ([]Record, uint64) {
	t.Helper()
	var out []Record
	last, err := r.ReadFrom(after, func(rec Record) error { out = append(out, rec); return nil })
	if err != nil {
		t.Fatalf("JournalReader.ReadFrom(%d): %v", after, err)
	}
	return out, last
}

// collector gathers what Follow hands out and lets a test wait for a count.
type collector struct {
	mu      sync.Mutex
	recs    []Record
	changed chan struct{}
}

func newCollector() *collector { return &collector{changed: make(chan struct{}, 1)} }

func (c *collector) add(r Record) error {
	c.mu.Lock()
	c.recs = append(c.recs, r)
	c.mu.Unlock()
	select {
	case c.changed <- struct{}{}:
	default:
	}
	return nil
}

func (c *collector) snapshot() []Record {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Record(nil), c.recs...)
}

// waitFor blocks until at least n records arrived; the bound only keeps a
// broken reader from hanging the run.
func (c *collector) waitFor(t *testing.T, n int) []Record {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		if got := c.snapshot(); len(got) >= n {
			return got
		}
		select {
		case <-c.changed:
		case <-deadline:
			t.Fatalf("reader delivered %d records, want %d", len(c.snapshot()), n)
		}
	}
}

// startFollow runs r.Follow in the background; the returned stop cancels it
// and returns Follow's error.
func startFollow(t *testing.T, r *JournalReader, after uint64, fn func(Record) error) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Follow(ctx, after, time.Millisecond, fn) }()
	stopped := false
	stop = func() error {
		cancel()
		stopped = true
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("Follow did not return after cancel")
			return nil
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return stop
}

// checkSameRecords compares what the reader returned with what the journal
// itself reads back: same records, same order, same repeat counts.
func checkSameRecords(t *testing.T, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("reader returned %d records, journal holds %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Seq != w.Seq || !bytes.Equal(g.Body, w.Body) || g.Signature != w.Signature || g.Verified != w.Verified ||
			!g.Received.Equal(w.Received) || g.Key != w.Key || g.Summary.NotificationID != w.Summary.NotificationID || g.Duplicates != w.Duplicates {
			t.Fatalf("record %d differs:\nreader  %+v\njournal %+v", i, g, w)
		}
	}
}

func noGaps(t *testing.T) ReaderOptions {
	return ReaderOptions{OnGap: func(g Gap) { t.Errorf("unexpected gap: %v", g) }}
}

// TestJournalReaderFollowsALiveJournal: with the journal open (its lock
// held) in this process, Follow sees each record once, in order, across
// segment rotations, and a fresh reader matches the journal record for
// record, repeat counts included.
func TestJournalReaderFollowsALiveJournal(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{MaxSegmentBytes: 2 << 10})
	r := openTestReader(t, dir, noGaps(t))
	got := newCollector()
	stop := startFollow(t, r, 0, got.add)

	total := 0
	for _, batch := range []int{1, 40, 75} {
		appendMany(t, j, total, batch)
		total += batch
		got.waitFor(t, total)
	}
	// Repeats of early records, journaled segments after their originals.
	for _, i := range []int{0, 0, 3} {
		if _, dup := appendBody(t, j, sandboxBody(i)); !dup {
			t.Fatalf("notification %d not recognised as a repeat", i)
		}
	}
	appendBody(t, j, sandboxBody(total))
	total++
	recs := got.waitFor(t, total)
	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Errorf("Follow returned %v after cancel, want context.Canceled", err)
	}
	if segs, _ := filepath.Glob(filepath.Join(j.Dir(), "*"+segmentSuffix)); len(segs) < 4 {
		t.Fatalf("only %d segments: the test needs rotation", len(segs))
	}
	if len(recs) != total {
		t.Fatalf("Follow delivered %d records for %d journaled", len(recs), total)
	}
	journal := readAll(t, j)
	for i := range recs {
		recs[i].Duplicates = journal[i].Duplicates // counted later than Follow saw them
	}
	checkSameRecords(t, recs, journal)

	fresh, last := readerAll(t, openTestReader(t, dir, noGaps(t)), 0)
	checkSameRecords(t, fresh, journal)
	dups := map[string]int{}
	for _, rec := range fresh {
		dups[rec.Summary.NotificationID] = rec.Duplicates
	}
	if last != uint64(total) || dups["n-000000"] != 2 || dups["n-000003"] != 1 {
		t.Errorf("last %d (want %d); repeat counts %d and %d, want 2 and 1", last, total, dups["n-000000"], dups["n-000003"])
	}
	// Reading on from any point, fresh or continuing, gives the same tail.
	for _, after := range []uint64{0, 1, 39, 64, uint64(total - 1), uint64(total), uint64(total + 5)} {
		tail, _ := readerAll(t, openTestReader(t, dir, noGaps(t)), after)
		want := journal[min(int(after), total):]
		checkSameRecords(t, tail, want)
	}
}

// TestJournalReaderSeesEveryAcknowledgedRecord: once Append returns, the
// record is visible to a reader in another "process" (no shared state).
func TestJournalReaderSeesEveryAcknowledgedRecord(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{MaxSegmentBytes: 1 << 10})
	r := openTestReader(t, dir, noGaps(t))
	var last uint64
	for i := range 60 {
		seq, _ := appendBody(t, j, sandboxBody(i))
		recs, l := readerAll(t, r, last)
		if len(recs) != 1 || recs[0].Seq != seq || l != seq {
			t.Fatalf("after Append of seq %d the reader returned %d records, last %d", seq, len(recs), l)
		}
		last = l
	}
}

// TestJournalReaderRacesAWriter: a reader following a writer that appends
// 2,000 records from 16 goroutines gets exactly 2,000, in order.
func TestJournalReaderRacesAWriter(t *testing.T) {
	const n = 2000
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{MaxSegmentBytes: 32 << 10})
	got := newCollector()
	stop := startFollow(t, openTestReader(t, dir, noGaps(t)), 0, got.add)
	appendMany(t, j, 0, n)
	recs := got.waitFor(t, n)
	stop()
	recs = got.snapshot() // anything delivered after the count was reached
	if len(recs) != n {
		t.Fatalf("Follow delivered %d records for %d journaled", len(recs), n)
	}
	for i, r := range recs {
		if r.Seq != uint64(i+1) {
			t.Fatalf("record %d has seq %d", i, r.Seq)
		}
	}
	journal := readAll(t, j)
	for i := range recs {
		recs[i].Duplicates = journal[i].Duplicates
	}
	checkSameRecords(t, recs, journal)
}

// snapshotDir returns every file in dir with its contents.
func snapshotDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func sameDir(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("the reader changed the directory: %d files before, %d after", len(before), len(after))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("the reader changed %s", name)
		}
	}
}
