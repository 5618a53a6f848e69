package livefeed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// JournalOptions tunes a journal; zero values take the defaults.
type JournalOptions struct {
	// MaxSegmentBytes starts a new segment file once the active one reaches
	// this size (default 16 MiB).
	MaxSegmentBytes int64
	// MaxSegmentAge starts a new segment once the active one's first record
	// is this old (default 24 h).
	MaxSegmentAge time.Duration
	// DedupeWindow is how long a notification's key is remembered
	// (default and minimum 24 h: the API retries for less than that).
	DedupeWindow time.Duration
	// Retention deletes segments whose newest record is older than this
	// (default 7 days). It is raised to DedupeWindow if lower, so the window
	// can always be rebuilt after a restart.
	Retention time.Duration
	// Now is the clock (default time.Now); tests move it.
	Now func() time.Time
}

func (o JournalOptions) withDefaults() JournalOptions {
	if o.MaxSegmentBytes <= 0 {
		o.MaxSegmentBytes = 16 << 20
	}
	if o.MaxSegmentAge <= 0 {
		o.MaxSegmentAge = 24 * time.Hour
	}
	if o.DedupeWindow < MinDedupeWindow {
		o.DedupeWindow = MinDedupeWindow
	}
	if o.Retention <= 0 {
		o.Retention = 7 * 24 * time.Hour
	}
	if o.Retention < o.DedupeWindow {
		o.Retention = o.DedupeWindow
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// MinDedupeWindow is the shortest dedupe window a journal accepts.
const MinDedupeWindow = 24 * time.Hour

var (
	// ErrClosed is returned by a journal (and its subscriptions) after Close.
	ErrClosed = errors.New("journal closed")
	// ErrJournalFailed wraps the write or fsync error that stopped a journal.
	// Nothing after it is acknowledged; reopen the journal to recover.
	ErrJournalFailed = errors.New("journal write failed")
)

// Recovery says what OpenJournal repaired.
type Recovery struct {
	// TruncatedBytes were cut from the end of the last segment: a record torn
	// by a crash (never acknowledged, since acknowledgement follows fsync).
	TruncatedBytes int64
	// SavedTail is the file the cut bytes were copied to before truncating.
	SavedTail string
	// CorruptSegments are older segments with a damaged frame; their records
	// after the damage are skipped (the file is left as is for inspection).
	CorruptSegments []string
}

// JournalStats counts a journal's work since it was opened.
type JournalStats struct {
	Appended   uint64 // notifications journaled
	Duplicates uint64 // repeat deliveries recognised
	Syncs      uint64 // fsyncs (one per commit group)
	// MarkFailures counts commit-mark updates that failed: the records are
	// durable and acknowledged, but lock-free readers (JournalReader) see
	// them only once a later update succeeds.
	MarkFailures uint64
}

// Journal is the append-only, per-profile record of verified notifications.
// Appends are group-committed: one writer goroutine writes everything pending
// and fsyncs once, then releases all waiters. Safe for concurrent use.
type Journal struct {
	dir  string
	id   string
	opts JournalOptions
	lock *os.File
	hub  *Hub
	mark *os.File // commit mark for lock-free readers (journal_mark.go)

	mu       sync.Mutex
	segs     []*segment // oldest first; the last one is active
	active   *os.File
	nextSeq  uint64
	index    *dedupeIndex
	pending  *commitGroup
	err      error // sticky write failure
	closed   bool
	recovery Recovery

	// committed is the last durable seq. It is written only while holding
	// hub.mu, so a subscription can switch to live delivery without a gap.
	committed atomic.Uint64

	wake       chan struct{}
	writerDone chan struct{}
	lastPrune  time.Time

	appended, duplicates, syncs, markFailures atomic.Uint64
}

// OpenJournal opens (creating if needed) the journal of profile under dir,
// recovering from a crash: a torn last record is cut off, the dedupe window
// is rebuilt, and sequence numbers continue where they stopped.
func OpenJournal(dir, profile string, opts JournalOptions) (*Journal, error) {
	path, err := journalDir(dir, profile)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, fmt.Errorf("creating journal directory: %w", err)
	}
	lock, err := lockDir(filepath.Join(path, "lock"))
	if err != nil {
		return nil, err
	}
	j := &Journal{
		dir:        path,
		opts:       opts.withDefaults(),
		lock:       lock,
		pending:    newCommitGroup(),
		wake:       make(chan struct{}, 1),
		writerDone: make(chan struct{}),
	}
	j.index = newDedupeIndex(j.opts.DedupeWindow)
	j.hub = newHub(j)
	if err := j.open(); err != nil {
		j.closeFiles()
		return nil, err
	}
	go j.writeLoop()
	return j, nil
}

func (j *Journal) open() error {
	id, err := loadOrCreateID(j.dir)
	if err != nil {
		return err
	}
	j.id = id
	segs, err := listSegments(j.dir)
	if err != nil {
		return err
	}
	if err := j.recover(segs); err != nil {
		return err
	}
	if len(j.segs) == 0 {
		seg, f, err := createSegment(j.dir, j.nextSeq)
		if err != nil {
			return err
		}
		j.segs, j.active = []*segment{seg}, f
	} else {
		f, err := os.OpenFile(j.segs[len(j.segs)-1].path, os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("opening journal segment: %w", err)
		}
		j.active = f
	}
	j.committed.Store(j.nextSeq - 1)
	j.pruneLocked(j.opts.Now())
	// Only now, after recovery, may readers trust the segments up to here.
	last := j.segs[len(j.segs)-1]
	mark, err := createCommitMark(j.dir, commitMark{seg: last.first, size: last.size, last: j.nextSeq - 1})
	if err != nil {
		return err
	}
	j.mark = mark
	return nil
}

// loadOrCreateID returns the journal's random identity, which lets a relay
// client notice that sequence numbers restarted (a journal wiped and recreated).
func loadOrCreateID(dir string) (string, error) {
	path := filepath.Join(dir, "journal.id")
	if b, err := os.ReadFile(path); err == nil {
		if id := strings.TrimSpace(string(b)); id != "" {
			return id, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("reading journal id: %w", err)
	}
	var raw [16]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	id := hex.EncodeToString(raw[:])
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(id+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("writing journal id: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("writing journal id: %w", err)
	}
	return id, syncDir(dir)
}

// Append journals a verified notification and returns once it is durable.
// rec.Body, Signature, Verified and Summary are stored; Key defaults to
// DedupeKey and Received to now. A repeat of a notification within the
// dedupe window is not journaled again: Append returns the original's seq
// with duplicate=true, after the original is durable.
//
// If ctx ends first Append returns ctx.Err(), but the record is still
// written; a retry of the delivery then finds it as a duplicate.
func (j *Journal) Append(ctx context.Context, rec Record) (seq uint64, duplicate bool, err error) {
	now := j.opts.Now()
	if rec.Received.IsZero() {
		rec.Received = now
	}
	// As it will read back from disk: UTC, no monotonic reading.
	rec.Received = rec.Received.UTC().Round(0)
	if rec.Key == "" {
		rec.Key = DedupeKey(rec.Summary, rec.Body)
	}
	// Encode outside the lock: bodies can be large.
	payload, err := json.Marshal(diskNotification{
		Received: rec.Received, Signature: rec.Signature, Verified: rec.Verified,
		Key: rec.Key, Summary: rec.Summary, Body: rec.Body,
	})
	if err != nil {
		return 0, false, fmt.Errorf("encoding journal record: %w", err)
	}

	j.mu.Lock()
	if err := j.usableLocked(); err != nil {
		j.mu.Unlock()
		return 0, false, err
	}
	if e := j.index.lookup(rec.Key, now); e != nil {
		j.index.dups[e.seq]++
		count := j.index.dups[e.seq]
		dupPayload, _ := json.Marshal(diskDuplicate{Received: rec.Received})
		j.pending.items = append(j.pending.items, pendingItem{kind: kindDuplicate, seq: e.seq, payload: dupPayload, received: rec.Received})
		g := e.group
		j.mu.Unlock()
		j.signal()
		j.duplicates.Add(1)
		if err := g.wait(ctx); err != nil {
			return e.seq, true, err
		}
		j.hub.publishDuplicate(Duplicate{Seq: e.seq, Count: count})
		return e.seq, true, nil
	}
	rec.Seq = j.nextSeq
	j.nextSeq++
	g := j.pending
	g.items = append(g.items, pendingItem{kind: kindNotification, seq: rec.Seq, payload: payload, received: rec.Received, rec: &rec})
	j.index.add(&dedupeEntry{key: rec.Key, seq: rec.Seq, received: rec.Received, group: g})
	// Under j.mu, so Early subscribers get records in seq order, and
	// before the write: they need not wait for a previous group's fsync.
	j.hub.publishEarly([]*Record{&rec})
	j.mu.Unlock()
	j.signal()
	return rec.Seq, false, g.wait(ctx)
}

func (j *Journal) usableLocked() error {
	if j.closed {
		return ErrClosed
	}
	return j.err
}

func (j *Journal) signal() {
	select {
	case j.wake <- struct{}{}:
	default:
	}
}

// LastSeq is the sequence number of the newest durable record (0 when empty).
func (j *Journal) LastSeq() uint64 { return j.committed.Load() }

// FirstSeq is the oldest sequence number retention has kept (LastSeq()+1
// when the journal holds no records).
func (j *Journal) FirstSeq() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, s := range j.segs {
		if !s.empty() {
			return s.first
		}
	}
	return j.committed.Load() + 1
}

// Duplicates is the number of repeat deliveries of record seq so far.
func (j *Journal) Duplicates(seq uint64) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.index.dups[seq]
}

// ID identifies this journal; it changes only if the journal is recreated.
func (j *Journal) ID() string { return j.id }

// Dir is the profile's journal directory.
func (j *Journal) Dir() string { return j.dir }

// Hub is the journal's in-process fan-out.
func (j *Journal) Hub() *Hub { return j.hub }

// Recovery reports what opening the journal repaired.
func (j *Journal) Recovery() Recovery { return j.recovery }

// Stats counts the journal's work since it was opened.
func (j *Journal) Stats() JournalStats {
	return JournalStats{Appended: j.appended.Load(), Duplicates: j.duplicates.Load(), Syncs: j.syncs.Load(), MarkFailures: j.markFailures.Load()}
}

// Close writes what is pending, ends every subscription with ErrClosed and
// releases the journal's lock.
func (j *Journal) Close() error {
	j.mu.Lock()
	if j.closed {
		j.mu.Unlock()
		return nil
	}
	j.closed = true
	j.mu.Unlock()
	j.signal()
	<-j.writerDone
	j.hub.close(ErrClosed)
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.closeFiles()
}

func (j *Journal) closeFiles() error {
	var err error
	if j.active != nil {
		err = j.active.Close()
		j.active = nil
	}
	if j.mark != nil {
		j.mark.Close()
		j.mark = nil
	}
	if j.lock != nil {
		j.lock.Close()
		j.lock = nil
	}
	return err
}
