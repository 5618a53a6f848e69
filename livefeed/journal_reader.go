package livefeed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// JournalReader reads a journal's committed records without taking its lock
// and without ever writing to its directory, so `ecdash feed tail` can print
// and follow the journal of a relay or dashboard running on the same host
// (or one that crashed: no recovery is run, nothing is cut or repaired).
//
// What it returns:
//   - Only durable records: it stops at the writer's commit mark, which the
//     writer moves after each fsync (journal_mark.go). A record written but
//     not yet fsynced, or torn by a crash, is simply not returned yet.
//   - A journal written before commit marks existed (no commit.mark file) is
//     read up to the first incomplete or corrupt frame of its newest segment.
//   - A damaged frame in an older segment ends that segment, as recovery
//     does (Recovery.CorruptSegments); the sequence numbers lost with it are
//     reported as a Gap. Damage before the commit mark in the segment being
//     written is an error: the writer has acknowledged records there.
//   - Records deleted by retention are reported as a Gap and skipped.
//   - Each record carries the repeat deliveries journaled up to the commit
//     mark when it is read (Record.Duplicates).
//
// A JournalReader is safe for concurrent use, but its calls are serialised.
type JournalReader struct {
	dir  string
	opts ReaderOptions

	mu      sync.Mutex
	id      string  // journal.id when first seen ("" until a writer made one)
	pos     readPos // where the last read stopped, to continue without rescanning
	buf     []byte
	mark    commitMark // the mark pos was reached under
	hasMark bool
}

// ReaderOptions tunes a JournalReader; the zero value is ready to use.
type ReaderOptions struct {
	// OnGap is told, in order, of sequence numbers the reader passes over
	// because their records are gone. Each gap is reported once.
	OnGap func(Gap)
}

// Gap is a run of sequence numbers that will never be returned.
type Gap struct {
	From, To uint64 // inclusive
	// Reason says why: retention deleted them, or a segment is damaged.
	Reason string
}

func (g Gap) String() string {
	if g.From == g.To {
		return fmt.Sprintf("record %d %s", g.From, g.Reason)
	}
	return fmt.Sprintf("records %d-%d %s", g.From, g.To, g.Reason)
}

// Gap reasons.
const (
	gapRetention = "are no longer in the journal (deleted by retention)"
	gapDamaged   = "are lost in the damaged segment %s"
)

// ReaderPollInterval is how often Follow looks for new records by default.
const ReaderPollInterval = 200 * time.Millisecond

// ErrJournalReplaced is returned when the journal being read was deleted or
// recreated: its sequence numbers restarted, so reading on would skip or mix
// records. Read it again from the start.
var ErrJournalReplaced = errors.New("journal was replaced while it was being read")

// readPos is where a read stopped: the next frame of segment seg at offset
// off, expecting notification seq expect, with every seq up to after passed.
type readPos struct {
	ok     bool
	after  uint64
	seg    uint64
	off    int64
	expect uint64
}

// OpenJournalReader opens profile's journal under dir (the default state
// directory when dir is "") for reading. The journal must exist; it may be
// held open by a writer or not.
func OpenJournalReader(dir, profile string, opts ReaderOptions) (*JournalReader, error) {
	path, err := journalDir(dir, profile)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("no journal at %s: %w", path, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("no journal at %s: not a directory", path)
	}
	r := &JournalReader{dir: path, opts: opts}
	if r.id, err = readJournalID(path); err != nil {
		return nil, err
	}
	return r, nil
}

// Dir is the profile's journal directory.
func (r *JournalReader) Dir() string { return r.dir }

// ReadFrom calls fn, in order, with every committed record whose seq is
// greater than after, and returns the highest seq it passed: the last record
// fn accepted or the end of a reported Gap (after itself when there was
// nothing new). Pass that back as after to continue; a call that continues
// where the previous one stopped reads only what is new. It stops at the
// first error fn returns, and returns it.
func (r *JournalReader) ReadFrom(after uint64, fn func(Record) error) (last uint64, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	mark, err := readCommitMark(r.dir)
	hasMark := err == nil
	if err != nil && !errors.Is(err, errNoCommitMark) {
		return after, err
	}
	if hasMark && r.hasMark && mark == r.mark && r.pos.ok && r.pos.after == after {
		return after, nil // the writer committed nothing since
	}
	if err := r.checkID(); err != nil {
		return after, err
	}
	segs, err := listSegments(r.dir)
	if err != nil {
		return after, err
	}
	spans := r.plan(segs, after, mark, hasMark)
	r.pos.ok = false

	// The repeat deliveries of a record follow it in the journal, so count
	// them all before handing out the first record. On damage the second
	// pass still hands out the records before it, then fails the same way.
	dups := map[uint64]int{}
	_, err = r.walk(spans, after, walkVisitor{dup: func(seq uint64) { dups[seq]++ }})
	var bad *badFrameError
	if err != nil && !errors.As(err, &bad) {
		return after, err
	}

	pos, err := r.walk(spans, after, walkVisitor{
		record: func(rec Record) error {
			rec.Duplicates = dups[rec.Seq]
			return fn(rec)
		},
		gap: r.opts.OnGap,
	})
	if err != nil {
		return pos.after, err
	}
	r.pos, r.mark, r.hasMark = pos, mark, hasMark
	return pos.after, nil
}

// Follow calls fn with every committed record after after, in order and
// each exactly once, then keeps looking for new ones every poll
// (ReaderPollInterval when poll <= 0) until ctx ends, which it returns, or
// reading or fn fails.
func (r *JournalReader) Follow(ctx context.Context, after uint64, poll time.Duration, fn func(Record) error) error {
	if poll <= 0 {
		poll = ReaderPollInterval
	}
	guarded := func(rec Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(rec)
	}
	t := time.NewTimer(poll)
	defer t.Stop()
	for {
		last, err := r.ReadFrom(after, guarded)
		if err != nil {
			return err
		}
		after = last
		t.Reset(poll)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// checkID notices a journal deleted or recreated under the reader.
func (r *JournalReader) checkID() error {
	id, err := readJournalID(r.dir)
	if err != nil {
		return err
	}
	switch {
	case r.id == "":
		r.id = id
	case id != r.id:
		return fmt.Errorf("%w: %s has a new identity, so its sequence numbers restarted", ErrJournalReplaced, r.dir)
	}
	return nil
}

// readJournalID reads journal.id, "" when no writer has created it yet.
func readJournalID(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "journal.id"))
	if errors.Is(err, os.ErrNotExist) {
		if _, statErr := os.Stat(dir); statErr != nil {
			return "", fmt.Errorf("%w: %s is gone", ErrJournalReplaced, dir)
		}
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading journal id: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}
