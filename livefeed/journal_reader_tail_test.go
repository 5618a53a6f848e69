package livefeed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestJournalReaderTornTail: bytes past the commit mark (a record being
// written, or torn by a crash) are not returned, and reading changes no file.
// Without a commit mark (a journal from before marks) whole frames count.
func TestJournalReaderTornTail(t *testing.T) {
	frame := appendFrame(nil, kindNotification, 4, []byte(`{"received":"2025-01-01T00:00:00Z","key":"x","summary":{},"body":"e30="}`))
	tests := []struct {
		name   string
		noMark bool
		tail   []byte
		want   int
	}{
		{"half a frame", false, frame[:len(frame)/2], 3},
		{"a whole frame not yet committed", false, frame, 3},
		{"header only", false, frame[:5], 3},
		{"no mark: half a frame", true, frame[:len(frame)/2], 3},
		{"no mark: checksum mismatch", true, append(bytes.Clone(frame[:len(frame)-1]), frame[len(frame)-1]^0xff), 3},
		{"no mark: zeroed tail", true, make([]byte, 100), 3},
		{"no mark: a whole frame", true, frame, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			j := openTestJournal(t, dir, JournalOptions{})
			for i := range 3 {
				appendBody(t, j, sandboxBody(i))
			}
			j.Close()
			if tt.noMark {
				os.Remove(filepath.Join(j.Dir(), commitMarkName))
			}
			seg := filepath.Join(j.Dir(), segmentName(1))
			info, _ := os.Stat(seg)
			writeAt(t, seg, info.Size(), tt.tail)
			before := snapshotDir(t, j.Dir())

			r := openTestReader(t, dir, noGaps(t))
			recs, last := readerAll(t, r, 0)
			if len(recs) != tt.want || last != uint64(tt.want) {
				t.Fatalf("returned %d records up to %d, want %d", len(recs), last, tt.want)
			}
			for i, rec := range recs[:3] {
				if rec.Seq != uint64(i+1) || !bytes.Equal(rec.Body, sandboxBody(i)) {
					t.Errorf("record %d: seq %d body %q", i, rec.Seq, rec.Body)
				}
			}
			if more, _ := readerAll(t, r, last); len(more) != 0 {
				t.Errorf("reading on returned %d more records", len(more))
			}
			sameDir(t, before, snapshotDir(t, j.Dir()))
		})
	}
}

// TestJournalReaderDamage: a damaged older segment loses what recovery
// loses, reported as a gap; damage the writer committed past is an error.
func TestJournalReaderDamage(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{MaxSegmentBytes: 2 << 10})
	appendMany(t, j, 0, 40)
	j.Close()
	segs, _ := filepath.Glob(filepath.Join(j.Dir(), "*"+segmentSuffix))
	if len(segs) < 3 {
		t.Fatalf("want several segments, got %d", len(segs))
	}
	b, _ := os.ReadFile(segs[0])
	b[len(b)-10] ^= 0xff // the first segment's last record
	os.WriteFile(segs[0], b, 0o600)
	before := snapshotDir(t, j.Dir())

	var gaps []Gap
	r := openTestReader(t, dir, ReaderOptions{OnGap: func(g Gap) { gaps = append(gaps, g) }})
	recs, last := readerAll(t, r, 0)
	if len(recs) != 39 || last != 40 {
		t.Fatalf("returned %d records up to %d, want 39 up to 40", len(recs), last)
	}
	if len(gaps) != 1 || gaps[0].From != gaps[0].To || !strings.Contains(gaps[0].String(), "damaged segment "+segs[0]) {
		t.Fatalf("gaps = %v, want the one damaged record", gaps)
	}
	if recs[gaps[0].From-2].Seq != gaps[0].From-1 || recs[gaps[0].From-1].Seq != gaps[0].From+1 {
		t.Errorf("the records around the gap are not %d and %d", gaps[0].From-1, gaps[0].From+1)
	}
	if more, l := readerAll(t, r, last); len(more) != 0 || l != last || len(gaps) != 1 {
		t.Errorf("reading on: %d records, last %d, %d gaps", len(more), l, len(gaps))
	}
	sameDir(t, before, snapshotDir(t, j.Dir()))

	// The writer's recovery keeps the same records.
	j = openTestJournal(t, dir, JournalOptions{MaxSegmentBytes: 2 << 10})
	checkSameRecords(t, recs, readAll(t, j))
	j.Close()

	// Damage before the commit mark of the segment being written.
	b, _ = os.ReadFile(segs[len(segs)-1])
	b[20] ^= 0xff
	os.WriteFile(segs[len(segs)-1], b, 0o600)
	n := 0
	_, err := openTestReader(t, dir, ReaderOptions{}).ReadFrom(0, func(Record) error { n++; return nil })
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damage before the commit mark: err = %v", err)
	}
	lastFirst, _ := strconv.ParseUint(strings.TrimSuffix(filepath.Base(segs[len(segs)-1]), segmentSuffix), 10, 64)
	if n != int(lastFirst)-2 {
		t.Errorf("damage before the commit mark: %d records handed out before the error, want the %d before it", n, lastFirst-2)
	}
}

// TestJournalReaderSkipsWhatRetentionDeleted: records pruned before or
// between reads are reported once as a gap and reading goes on from the
// oldest kept.
func TestJournalReaderSkipsWhatRetentionDeleted(t *testing.T) {
	dir := t.TempDir()
	clock := newFakeClock()
	j := openTestJournal(t, dir, JournalOptions{Now: clock.Now, MaxSegmentAge: time.Hour, Retention: time.Hour, DedupeWindow: 24 * time.Hour})
	var gaps []Gap
	r := openTestReader(t, dir, ReaderOptions{OnGap: func(g Gap) { gaps = append(gaps, g) }})
	for i := range 5 {
		appendBody(t, j, sandboxBody(i))
		clock.Advance(2 * time.Hour) // one segment per record
	}
	recs, last := readerAll(t, r, 0)
	if len(recs) != 5 || last != 5 || len(gaps) != 0 {
		t.Fatalf("before pruning: %d records up to %d, gaps %v", len(recs), last, gaps)
	}
	for i := 5; i < 30; i++ {
		appendBody(t, j, sandboxBody(i))
		clock.Advance(2 * time.Hour)
	}
	first := j.FirstSeq()
	if first <= 6 {
		t.Fatalf("nothing pruned: FirstSeq %d", first)
	}
	recs, last = readerAll(t, r, last)
	if len(gaps) != 1 || gaps[0].From != 6 || gaps[0].To != first-1 || !strings.Contains(gaps[0].Reason, "retention") {
		t.Fatalf("gaps = %v, want records 6-%d deleted by retention", gaps, first-1)
	}
	if last != 30 || len(recs) != int(31-first) || recs[0].Seq != first {
		t.Errorf("after pruning: %d records from %d up to %d; want from %d up to 30", len(recs), recs[0].Seq, last, first)
	}
	gaps = nil
	if recs, _ := readerAll(t, openTestReader(t, dir, ReaderOptions{OnGap: func(g Gap) { gaps = append(gaps, g) }}), 0); len(recs) != int(31-first) || len(gaps) != 1 || gaps[0].From != 1 {
		t.Errorf("a new reader from 0: %d records, gaps %v", len(recs), gaps)
	}
}

// TestJournalReaderNoticesAReplacedJournal: a journal deleted and created
// again restarts its sequence numbers; the reader says so instead of
// silently skipping the new records.
func TestJournalReaderNoticesAReplacedJournal(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{})
	appendBody(t, j, sandboxBody(1))
	r := openTestReader(t, dir, noGaps(t))
	_, last := readerAll(t, r, 0)
	j.Close()
	os.RemoveAll(j.Dir())
	j = openTestJournal(t, dir, JournalOptions{})
	appendBody(t, j, sandboxBody(2))
	appendBody(t, j, sandboxBody(3))
	if _, err := r.ReadFrom(last, func(Record) error { return nil }); !errors.Is(err, ErrJournalReplaced) {
		t.Errorf("err = %v, want ErrJournalReplaced", err)
	}
}

func TestJournalReaderStopsAtCallbackError(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir, JournalOptions{})
	appendMany(t, j, 0, 5)
	r := openTestReader(t, dir, noGaps(t))
	stop := errors.New("stop")
	calls := 0
	last, err := r.ReadFrom(0, func(rec Record) error {
		if calls++; rec.Seq == 3 {
			return stop
		}
		return nil
	})
	if err != stop || last != 2 || calls != 3 {
		t.Fatalf("err %v last %d after %d calls; want stop, 2, 3", err, last, calls)
	}
	if recs, last := readerAll(t, r, last); len(recs) != 3 || recs[0].Seq != 3 || last != 5 {
		t.Errorf("reading on from 2: %d records from %d up to %d", len(recs), recs[0].Seq, last)
	}
}

func TestOpenJournalReaderErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenJournalReader(dir, "missing", ReaderOptions{}); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing journal: %v", err)
	}
	if _, err := OpenJournalReader(dir, "../x", ReaderOptions{}); err == nil {
		t.Error("bad profile accepted")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("opening a reader created %d files", len(entries))
	}
}

func TestCommitMark(t *testing.T) {
	m := commitMark{seg: 65, size: 12345, last: 99}
	good := m.encode()
	tests := []struct {
		name string
		b    []byte
		ok   bool
	}{
		{"round trip", good, true},
		{"short", good[:31], false},
		{"bad magic", append([]byte("XCM1"), good[4:]...), false},
		{"bit flip", func() []byte { b := bytes.Clone(good); b[13] ^= 1; return b }(), false},
		{"zero segment", commitMark{seg: 0, size: 1}.encode(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := decodeCommitMark(tt.b)
			if ok != tt.ok || (ok && got != m) {
				t.Errorf("decode = %+v, %v", got, ok)
			}
		})
	}

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, commitMarkName), good[:20], 0o600)
	if _, err := readCommitMark(dir); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a damaged mark: %v", err)
	}
}
