package livefeed

import (
	"context"
	"fmt"
	"os"
	"time"
)

// commitGroup is every append that arrived while the previous group was
// being written: the writer writes them together, fsyncs once, and closes
// done so all their waiters return at once.
type commitGroup struct {
	items []pendingItem
	done  chan struct{}
	err   error // valid once done is closed
}

type pendingItem struct {
	kind     byte
	seq      uint64
	payload  []byte
	received time.Time
	rec      *Record // notifications only, for the hub
}

func newCommitGroup() *commitGroup { return &commitGroup{done: make(chan struct{})} }

// durableGroup stands for records read back from disk at open.
var durableGroup = func() *commitGroup {
	g := newCommitGroup()
	close(g.done)
	return g
}()

func (g *commitGroup) wait(ctx context.Context) error {
	select {
	case <-g.done:
		return g.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// pruneEvery limits how often the writer looks for expired segments.
const pruneEvery = time.Minute

// writeLoop is the journal's single writer.
func (j *Journal) writeLoop() {
	defer close(j.writerDone)
	for range j.wake {
		for {
			j.mu.Lock()
			g := j.pending
			if len(g.items) == 0 {
				closed := j.closed
				j.mu.Unlock()
				if closed {
					return
				}
				break
			}
			j.pending = newCommitGroup()
			j.mu.Unlock()
			j.commit(g)
		}
	}
}

// commit writes one group, fsyncs, publishes its records and releases its
// waiters, in that order: a waiter's 200 always follows durability, and a
// subscriber sees a record no earlier than it can read it back (an Early
// one, in this process, has it since Append).
func (j *Journal) commit(g *commitGroup) {
	if err := j.writeGroup(g); err != nil {
		j.mu.Lock()
		if j.err == nil {
			j.err = fmt.Errorf("%w: %v", ErrJournalFailed, err)
		}
		g.err = j.err
		j.mu.Unlock()
		close(g.done)
		return
	}
	j.syncs.Add(1)
	recs := notifications(g)
	last := j.committed.Load()
	if len(recs) > 0 {
		last = recs[len(recs)-1].Seq
	}
	j.appended.Add(uint64(len(recs)))
	j.hub.publish(recs, last)
	g.items = nil // entries keep g for its done channel only
	close(g.done)
}

// writeGroup appends the group's frames to the active segment (rotating
// first when it is full or old) with one write and one fsync.
func (j *Journal) writeGroup(g *commitGroup) error {
	j.mu.Lock()
	if err := j.err; err != nil {
		j.mu.Unlock()
		return err
	}
	now := j.opts.Now()
	seg := j.segs[len(j.segs)-1]
	if !seg.empty() && (seg.size >= j.opts.MaxSegmentBytes || now.Sub(seg.opened) >= j.opts.MaxSegmentAge) {
		if err := j.rotateLocked(); err != nil {
			j.mu.Unlock()
			return err
		}
		seg = j.segs[len(j.segs)-1]
	}
	f, base := j.active, seg.size
	j.mu.Unlock()

	size := 0
	for _, it := range g.items {
		size += frameHeaderSize + payloadPrefix + len(it.payload)
	}
	buf := make([]byte, 0, size)
	offs := make([]int64, len(g.items))
	for i, it := range g.items {
		offs[i] = base + int64(len(buf))
		buf = appendFrame(buf, it.kind, it.seq, it.payload)
	}
	if _, err := f.Write(buf); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}

	last := j.committed.Load()
	j.mu.Lock()
	for i, it := range g.items {
		seg.note(it.kind, it.seq, offs[i], int64(frameHeaderSize+payloadPrefix+len(it.payload)), it.received)
		if it.kind == kindNotification {
			last = it.seq
		}
	}
	if now.Sub(j.lastPrune) >= pruneEvery {
		j.pruneLocked(now)
	}
	j.mu.Unlock()
	// After the fsync, so lock-free readers never see a record a power cut
	// could take back; before the waiters are released, so a record answered
	// 200 is already visible to them. Not fatal: the group is durable, and
	// the next update catches readers up.
	if err := updateCommitMark(j.mark, commitMark{seg: seg.first, size: base + int64(len(buf)), last: last}); err != nil {
		j.markFailures.Add(1)
	}
	return nil
}

// rotateLocked closes the active segment and starts the next one, named by
// the next sequence number.
func (j *Journal) rotateLocked() error {
	seg, f, err := createSegment(j.dir, j.committed.Load()+1)
	if err != nil {
		return err
	}
	old := j.active
	j.segs = append(j.segs, seg)
	j.active = f
	if err := old.Close(); err != nil {
		return fmt.Errorf("closing journal segment: %w", err)
	}
	return nil
}

// pruneLocked deletes segments (never the active one) whose newest record is
// older than the retention, and forgets their repeat counts. A reader that
// has one open keeps reading it; a reader that comes later skips it.
func (j *Journal) pruneLocked(now time.Time) {
	j.lastPrune = now
	cutoff := now.Add(-j.opts.Retention)
	keep := 0
	for keep < len(j.segs)-1 && j.segs[keep].newest.Before(cutoff) {
		if err := os.Remove(j.segs[keep].path); err != nil && !os.IsNotExist(err) {
			break
		}
		keep++
	}
	if keep == 0 {
		return
	}
	j.segs = append([]*segment(nil), j.segs[keep:]...)
	j.index.forgetBelow(j.segs[0].first)
}

// notifications lists the group's notification records, in seq order.
func notifications(g *commitGroup) []*Record {
	var recs []*Record
	for _, it := range g.items {
		if it.kind == kindNotification {
			recs = append(recs, it.rec)
		}
	}
	return recs
}
