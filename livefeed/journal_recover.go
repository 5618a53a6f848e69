package livefeed

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// recover scans every segment: it rebuilds the dedupe index and repeat
// counts, checks sequence continuity, and cuts a torn tail off the last
// segment. Records are acknowledged only after fsync, so whatever is torn
// was never acknowledged.
func (j *Journal) recover(segs []*segment) error {
	j.nextSeq = 1
	now := j.opts.Now()
	cutoff := now.Add(-j.opts.DedupeWindow)
	buf := make([]byte, 0, 64<<10)
	for i, seg := range segs {
		if seg.first < j.nextSeq {
			return fmt.Errorf("journal %s: segment %s overlaps the one before it; move it aside to continue", j.dir, seg.path)
		}
		last := i == len(segs)-1
		good, err := j.scanSegment(seg, cutoff, &buf)
		if err != nil {
			return err
		}
		if info, statErr := os.Stat(seg.path); statErr == nil && info.Size() > good {
			if last {
				saved, err := cutTail(seg.path, good, j.opts.Now())
				if err != nil {
					return err
				}
				j.recovery.TruncatedBytes, j.recovery.SavedTail = info.Size()-good, saved
			} else {
				j.recovery.CorruptSegments = append(j.recovery.CorruptSegments, seg.path)
			}
		}
		j.nextSeq = max(seg.last+1, seg.first)
	}
	j.segs = segs
	return nil
}

// scanSegment reads seg's valid frames into the index and returns the offset
// where they end. Any frame that is torn, out of sequence or undecodable ends
// the segment there.
func (j *Journal) scanSegment(seg *segment, cutoff time.Time, buf *[]byte) (int64, error) {
	f, r, err := segmentReader(seg.path, 0)
	if err != nil {
		return 0, fmt.Errorf("reading journal segment: %w", err)
	}
	defer f.Close()
	var off int64
	expect := seg.first
	for {
		fr, err := readFrame(r, buf)
		if err == io.EOF || errors.Is(err, errTornFrame) {
			return off, nil
		}
		if err != nil {
			return 0, fmt.Errorf("reading journal segment %s: %w", seg.path, err)
		}
		var meta struct {
			Received time.Time `json:"received"`
			Key      string    `json:"key"`
		}
		if json.Unmarshal(fr.body, &meta) != nil {
			return off, nil
		}
		switch fr.kind {
		case kindNotification:
			if fr.seq != expect {
				return off, nil
			}
			if !meta.Received.Before(cutoff) {
				j.index.add(&dedupeEntry{key: meta.Key, seq: fr.seq, received: meta.Received, group: durableGroup})
			}
			expect++
		case kindDuplicate:
			if fr.seq >= expect {
				return off, nil
			}
			j.index.dups[fr.seq]++
		}
		seg.note(fr.kind, fr.seq, off, fr.size, meta.Received)
		off += fr.size
	}
}

// cutTail truncates the segment to size, first copying what it cuts to a
// side file (returned), so even damage that was not a torn write loses
// nothing for good.
func cutTail(path string, size int64, now time.Time) (string, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return "", fmt.Errorf("repairing journal segment: %w", err)
	}
	defer f.Close()
	tail, err := io.ReadAll(io.NewSectionReader(f, size, 1<<62))
	if err != nil {
		return "", fmt.Errorf("repairing journal segment: %w", err)
	}
	saved := fmt.Sprintf("%s.cut-%d", path, now.UnixNano())
	if err := os.WriteFile(saved, tail, 0o600); err != nil {
		return "", fmt.Errorf("saving the damaged journal tail: %w", err)
	}
	if err := f.Truncate(size); err != nil {
		return "", fmt.Errorf("repairing journal segment: %w", err)
	}
	return saved, f.Sync()
}
