package livefeed

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// segmentSuffix names journal segment files: <20-digit first seq>.seg, so a
// directory listing sorts them in sequence order.
const segmentSuffix = ".seg"

// markEvery is how many notifications apart the sparse seq→offset marks lie,
// so ReadFrom can seek near a sequence number instead of scanning a segment.
const markEvery = 64

// segment is one journal file. All fields are guarded by Journal.mu.
type segment struct {
	path   string
	first  uint64    // sequence number the segment starts at (from its name)
	last   uint64    // last notification seq it holds; first-1 when none
	size   int64     // bytes of valid frames
	opened time.Time // received time of its first record (zero when empty)
	newest time.Time // received time of its newest record
	marks  []mark
}

type mark struct {
	seq uint64
	off int64
}

func segmentName(first uint64) string { return fmt.Sprintf("%020d%s", first, segmentSuffix) }

func (s *segment) empty() bool { return s.last < s.first }

// note records a frame just written at offset off.
func (s *segment) note(kind byte, seq uint64, off, size int64, received time.Time) {
	if s.opened.IsZero() {
		s.opened = received
	}
	if received.After(s.newest) {
		s.newest = received
	}
	if kind == kindNotification {
		if (seq-s.first)%markEvery == 0 {
			s.marks = append(s.marks, mark{seq: seq, off: off})
		}
		s.last = seq
	}
	s.size = off + size
}

// seekOffset is the offset of the last mark at or before seq.
func seekOffset(marks []mark, seq uint64) int64 {
	i := sort.Search(len(marks), func(i int) bool { return marks[i].seq > seq })
	if i == 0 {
		return 0
	}
	return marks[i-1].off
}

// listSegments finds the segment files in dir, oldest first.
func listSegments(dir string) ([]*segment, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing journal %s: %w", dir, err)
	}
	var segs []*segment
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, segmentSuffix) {
			continue
		}
		first, err := strconv.ParseUint(strings.TrimSuffix(name, segmentSuffix), 10, 64)
		if err != nil || first == 0 {
			continue // not ours
		}
		segs = append(segs, &segment{path: filepath.Join(dir, name), first: first, last: first - 1})
	}
	sort.Slice(segs, func(i, j int) bool { return segs[i].first < segs[j].first })
	return segs, nil
}

// createSegment makes a new, empty segment file and makes its directory
// entry durable before any record is acknowledged from it.
func createSegment(dir string, first uint64) (*segment, *os.File, error) {
	path := filepath.Join(dir, segmentName(first))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("creating journal segment: %w", err)
	}
	if err := syncDir(dir); err != nil {
		f.Close()
		return nil, nil, err
	}
	return &segment{path: path, first: first, last: first - 1}, f, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing journal directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing journal directory: %w", err)
	}
	return nil
}

// segmentReader opens a segment positioned at offset off.
func segmentReader(path string, off int64) (*os.File, *bufio.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if off > 0 {
		if _, err := f.Seek(off, 0); err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	return f, bufio.NewReaderSize(f, 64<<10), nil
}
