package livefeed

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// readSpan is one segment as a JournalReader pass reads it.
type readSpan struct {
	path   string
	first  uint64 // from the file name
	off    int64  // where to start
	expect uint64 // the notification seq expected at off
	// limit is the committed end when this is the commit mark's segment;
	// -1 reads to the end (a closed segment, or no mark).
	limit int64
	// writing: no commit mark, and this is the newest segment, which a writer
	// may be appending to: an incomplete frame is where reading stops.
	writing bool
	resumed bool // continues where the last read stopped
}

// plan lists what to read for records after after: from where the last read
// stopped when it continues it, else from the segment holding after+1.
// Segments the mark does not reach yet (just rotated to) are left out.
func (r *JournalReader) plan(segs []*segment, after uint64, mark commitMark, hasMark bool) []readSpan {
	if hasMark {
		n := 0
		for n < len(segs) && segs[n].first <= mark.seg {
			n++
		}
		segs = segs[:n]
	}
	if len(segs) == 0 {
		return nil
	}
	start, resumed := 0, false
	if p := r.pos; p.ok && p.after == after && hasMark == r.hasMark && (!hasMark || p.seg < mark.seg || p.off <= mark.size) {
		for i, s := range segs {
			if s.first == p.seg {
				start, resumed = i, true
			}
		}
	}
	if !resumed {
		for i, s := range segs {
			if s.first <= after+1 {
				start = i
			}
		}
	}
	spans := make([]readSpan, 0, len(segs)-start)
	for i, s := range segs[start:] {
		sp := readSpan{path: s.path, first: s.first, expect: s.first, limit: -1}
		if i == 0 && resumed {
			sp.off, sp.expect, sp.resumed = r.pos.off, r.pos.expect, true
		}
		if hasMark && s.first == mark.seg {
			sp.limit = mark.size
		}
		sp.writing = !hasMark && start+i == len(segs)-1
		spans = append(spans, sp)
	}
	return spans
}

// walkVisitor receives what a pass finds; nil fields are not called.
type walkVisitor struct {
	record func(Record) error // each record after the pass's after
	dup    func(seq uint64)   // each repeat delivery of a record after after
	gap    func(Gap)
}

// walk reads spans in order and returns where it stopped. Both passes of a
// ReadFrom walk the same spans, bounded by the same mark, so they agree on
// every frame they accept.
func (r *JournalReader) walk(spans []readSpan, after uint64, v walkVisitor) (readPos, error) {
	want := after + 1 // the next seq not yet passed
	expect := uint64(0)
	damaged := ""
	pos := readPos{ok: true, after: after}
	gap := func(to uint64, reason string) {
		if to >= want && v.gap != nil {
			v.gap(Gap{From: want, To: to, Reason: reason})
		}
		want = max(want, to+1)
		pos.after = want - 1
	}
	for _, sp := range spans {
		if !sp.resumed {
			if expect != 0 && sp.first < expect {
				return pos, fmt.Errorf("journal %s: segment %s overlaps the one before it", r.dir, sp.path)
			}
			if sp.first > want {
				if damaged != "" {
					gap(sp.first-1, fmt.Sprintf(gapDamaged, damaged))
				} else {
					gap(sp.first-1, gapRetention)
				}
			}
			damaged = ""
		}
		end, err := r.walkSpan(sp, after, v, &want)
		pos.after = want - 1
		if err == errSegmentGone {
			continue // deleted by retention since it was listed
		}
		var bad *badFrameError
		switch {
		case errors.As(err, &bad) && sp.writing:
			// Not yet written whole: where a writer without a commit mark is.
		case errors.As(err, &bad) && sp.limit < 0:
			damaged = sp.path // recovery skips the rest of an older segment too
		case err != nil:
			return pos, err
		}
		pos.seg, pos.off, pos.expect = sp.first, end.off, end.expect
		expect = end.expect
	}
	return pos, nil
}

// spanEnd is where a span's reading stopped.
type spanEnd struct {
	off    int64
	expect uint64
}

// badFrameError is a frame that is torn, fails its checksum, breaks the
// sequence or does not decode.
type badFrameError struct {
	path string
	off  int64
	why  string
}

func (e *badFrameError) Error() string {
	return fmt.Sprintf("journal segment %s is damaged at byte %d (%s), before the end its writer committed: the records from there on cannot be read until the writer restarts and repairs it", e.path, e.off, e.why)
}

// errSegmentGone: a listed segment was deleted before it could be opened.
var errSegmentGone = errors.New("journal segment deleted")

// walkSpan reads one segment's frames, advancing *want past each record
// handed out.
func (r *JournalReader) walkSpan(sp readSpan, after uint64, v walkVisitor, want *uint64) (spanEnd, error) {
	end := spanEnd{off: sp.off, expect: sp.expect}
	f, err := os.Open(sp.path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return end, errSegmentGone
		}
		return end, fmt.Errorf("reading journal: %w", err)
	}
	defer f.Close()
	var src io.Reader = io.NewSectionReader(f, sp.off, 1<<62)
	if sp.limit >= 0 {
		if sp.limit < sp.off {
			return end, &badFrameError{sp.path, sp.off, "shorter than its commit mark"}
		}
		src = io.NewSectionReader(f, sp.off, sp.limit-sp.off)
	}
	br := bufio.NewReaderSize(src, 64<<10)
	for {
		fr, err := readFrame(br, &r.buf)
		if err == io.EOF {
			if sp.limit >= 0 && end.off < sp.limit {
				return end, &badFrameError{sp.path, end.off, "ends before its commit mark"}
			}
			return end, nil
		}
		if errors.Is(err, errTornFrame) {
			return end, &badFrameError{sp.path, end.off, "torn or failing its checksum"}
		}
		if err != nil {
			return end, fmt.Errorf("reading journal segment %s: %w", sp.path, err)
		}
		switch fr.kind {
		case kindNotification:
			if fr.seq != end.expect {
				return end, &badFrameError{sp.path, end.off, fmt.Sprintf("record %d where %d belongs", fr.seq, end.expect)}
			}
			if fr.seq > after {
				rec, err := decodeNotification(fr)
				if err != nil {
					return end, &badFrameError{sp.path, end.off, err.Error()}
				}
				if v.record != nil {
					if err := v.record(rec); err != nil {
						return end, err
					}
				}
				*want = fr.seq + 1
			}
			end.expect++
		case kindDuplicate:
			if fr.seq >= end.expect {
				return end, &badFrameError{sp.path, end.off, fmt.Sprintf("repeat of record %d before it", fr.seq)}
			}
			if fr.seq > after {
				var d diskDuplicate
				if err := json.Unmarshal(fr.body, &d); err != nil {
					return end, &badFrameError{sp.path, end.off, "undecodable repeat delivery"}
				}
				if v.dup != nil {
					v.dup(fr.seq)
				}
			}
		}
		end.off += fr.size
	}
}
