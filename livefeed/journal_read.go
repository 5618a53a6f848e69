package livefeed

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// segmentView is a snapshot of a segment for a reader.
type segmentView struct {
	path  string
	first uint64
	last  uint64
	marks []mark
}

// ReadFrom calls fn with every durable record whose seq is greater than
// after, in order, each carrying its current repeat count. It stops at the
// newest record that was durable when it started, and at the first error fn
// returns (which it returns). Records deleted by retention are skipped, so
// the first seq seen can be above after+1 when after is that old.
func (j *Journal) ReadFrom(after uint64, fn func(Record) error) error {
	j.mu.Lock()
	if j.closed {
		j.mu.Unlock()
		return ErrClosed
	}
	bound := j.committed.Load()
	var views []segmentView
	for _, s := range j.segs {
		// The active segment may hold records written but not yet durable.
		last := min(s.last, bound)
		if s.empty() || last <= after || s.first > last {
			continue
		}
		views = append(views, segmentView{path: s.path, first: s.first, last: last, marks: s.marks})
	}
	j.mu.Unlock()

	buf := make([]byte, 0, 64<<10)
	for _, v := range views {
		if err := j.readSegment(v, after, fn, &buf); err != nil {
			return err
		}
	}
	return nil
}

func (j *Journal) readSegment(v segmentView, after uint64, fn func(Record) error, buf *[]byte) error {
	f, r, err := segmentReader(v.path, seekOffset(v.marks, after+1))
	if errors.Is(err, os.ErrNotExist) {
		return nil // deleted by retention since the snapshot
	}
	if err != nil {
		return fmt.Errorf("reading journal: %w", err)
	}
	defer f.Close()
	for {
		fr, err := readFrame(r, buf)
		if err == io.EOF {
			return fmt.Errorf("reading journal %s: ended before record %d", v.path, v.last)
		}
		if err != nil {
			return fmt.Errorf("reading journal %s: %w", v.path, err)
		}
		if fr.kind != kindNotification || fr.seq <= after {
			continue
		}
		rec, err := decodeNotification(fr)
		if err != nil {
			return err
		}
		j.mu.Lock()
		rec.Duplicates = j.index.dups[rec.Seq]
		j.mu.Unlock()
		if err := fn(rec); err != nil {
			return err
		}
		if fr.seq >= v.last {
			return nil
		}
	}
}
