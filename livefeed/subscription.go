package livefeed

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Subscription is one consumer's ordered view of the feed: every record
// after a sequence number, then live, from a JetStream ordered consumer
// (which re-creates itself from the last sequence it delivered, so a
// dropped connection loses nothing), plus Duplicate updates for repeat
// deliveries it reads.
type Subscription struct {
	out    chan Update
	done   chan struct{}
	once   sync.Once
	cancel context.CancelFunc

	mu  sync.Mutex
	err error

	last atomic.Uint64 // last record seq handed to the consumer
}

// Subscribe delivers every record with seq greater than after, then the
// new ones as they are stored, on the returned subscription's channel. A
// consumer reads at its own pace: the stream keeps what it has not read,
// so nothing is lost and the writer never waits for it.
func (s *Store) Subscribe(after uint64) *Subscription {
	ctx, cancel := context.WithCancel(context.Background())
	sub := &Subscription{out: make(chan Update, 64), done: make(chan struct{}), cancel: cancel}
	sub.last.Store(after)
	go sub.run(ctx, s, after)
	return sub
}

// Updates is the subscription's channel; it is closed when the
// subscription ends (see Err).
func (sub *Subscription) Updates() <-chan Update { return sub.out }

// Done is closed as soon as the subscription ends, possibly before the
// consumer has drained Updates.
func (sub *Subscription) Done() <-chan struct{} { return sub.done }

// Close ends the subscription; Updates is closed soon after.
func (sub *Subscription) Close() { sub.end(nil) }

// Err says why the subscription ended: nil after Close, ErrClosed, or the
// store's error.
func (sub *Subscription) Err() error {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	return sub.err
}

// LastSeq is the seq of the last record handed to the consumer.
func (sub *Subscription) LastSeq() uint64 { return sub.last.Load() }

func (sub *Subscription) end(err error) {
	sub.once.Do(func() {
		sub.mu.Lock()
		sub.err = err
		sub.mu.Unlock()
		close(sub.done)
		sub.cancel()
	})
}

// run hands the consumer's messages on.
func (sub *Subscription) run(ctx context.Context, s *Store, after uint64) {
	defer close(sub.out)
	err := s.read(ctx, after, 0, true, func(u Update, _, _ uint64) bool {
		if u.Record == nil && u.Duplicate == nil {
			return true
		}
		select {
		case sub.out <- u:
		case <-sub.done:
			return false
		}
		if u.Record != nil {
			sub.last.Store(u.Record.Seq)
		}
		return true
	})
	sub.end(err)
}

// ReadFrom calls fn with every record after `after` up to the stream's
// end when it is called, in order, each with every repeat of it stored by
// then (repeat markers are not handed on).
func (s *Store) ReadFrom(ctx context.Context, after uint64, fn func(Record) error) error {
	end := s.LastSeq()
	if end <= after {
		return nil
	}
	var ferr error
	err := s.readCounted(ctx, after, end, end, true, func(u Update, _, _ uint64) bool {
		if u.Record != nil {
			if ferr = fn(*u.Record); ferr != nil {
				return false
			}
		}
		return true
	})
	return errors.Join(ferr, err)
}

// read runs an ordered consumer from after+1 and hands each message to fn
// as an Update with its sequence number and the number of messages still
// pending after it (with its Summary when summaries), until fn says stop,
// the message at `until` (when not 0) was handed, ctx ends (nil) or the
// store fails. The repeats stored up to `after` are counted first, from
// the stream's start, so counts are whole: a record carries its count so
// far, and every repeat marker after `after` comes as a Duplicate with
// the count it makes (of a record before `after` too: a consumer that
// resumes hears of it).
func (s *Store) read(ctx context.Context, after, until uint64, summaries bool, fn func(u Update, seq, pending uint64) bool) error {
	return s.readCounted(ctx, after, after, until, summaries, fn)
}

// readCounted is read with the repeats counted up to countTo first; a
// marker at or before countTo is handed on empty (the reader's position
// moves over it, and nothing is counted twice). So is a message that
// cannot be read.
func (s *Store) readCounted(ctx context.Context, after, countTo, until uint64, summaries bool, fn func(u Update, seq, pending uint64) bool) error {
	dups, err := s.countRepeats(ctx, countTo)
	if err != nil {
		return s.readErr(ctx, err)
	}
	cfg := jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverAllPolicy}
	if after > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, after+1
	}
	cons, err := s.stream.OrderedConsumer(ctx, cfg)
	if err != nil {
		return s.readErr(ctx, err)
	}
	it, err := cons.Messages()
	if err != nil {
		return s.readErr(ctx, err)
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	for {
		msg, err := it.Next()
		if err != nil {
			return s.readErr(ctx, err)
		}
		meta, err := msg.Metadata()
		if err != nil {
			continue
		}
		seq := meta.Sequence.Stream
		var u Update
		if seq > countTo || msg.Headers().Get(hdrDuplicateOf) == "" {
			u, _ = updateOf(msg, seq, dups, summaries)
		}
		if !fn(u, seq, meta.NumPending) {
			return nil
		}
		if until != 0 && seq >= until {
			return nil
		}
	}
}

// countRepeats counts the repeat markers stored at or before upTo, per
// record, from the stream's start.
func (s *Store) countRepeats(ctx context.Context, upTo uint64) (map[uint64]int, error) {
	dups := map[uint64]int{}
	if upTo == 0 {
		return dups, nil
	}
	last, err := s.stream.GetLastMsgForSubject(ctx, s.subject+".dup")
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return dups, nil
	}
	if err != nil {
		return nil, err
	}
	end := min(upTo, last.Sequence)
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{s.subject + ".dup"}, HeadersOnly: true}
	cons, err := s.stream.OrderedConsumer(ctx, cfg)
	if err != nil {
		return nil, err
	}
	it, err := cons.Messages()
	if err != nil {
		return nil, err
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	for {
		// Bounded: markers may go (retention) between the look at the last
		// one and this read.
		msg, err := it.Next(jetstream.NextMaxWait(5 * time.Second))
		if errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
			return dups, nil
		}
		if err != nil {
			return nil, err
		}
		meta, err := msg.Metadata()
		if err != nil {
			continue
		}
		if meta.Sequence.Stream > end {
			return dups, nil
		}
		updateOf(msg, meta.Sequence.Stream, dups, false)
		if meta.Sequence.Stream == end || meta.NumPending == 0 {
			return dups, nil
		}
	}
}

// readErr is nil when the read ended because ctx did, ErrClosed when the
// store closed, the error otherwise.
func (s *Store) readErr(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return nil
	case s.closed.Load():
		return ErrClosed
	}
	return err
}

// updateOf turns a stored message into a Record, or a repeat marker into
// a Duplicate with the repeats read so far.
func updateOf(msg jetstream.Msg, seq uint64, dups map[uint64]int, summary bool) (Update, bool) {
	h := msg.Headers()
	if of := h.Get(hdrDuplicateOf); of != "" {
		n, err := strconv.ParseUint(of, 10, 64)
		if err != nil {
			return Update{}, false
		}
		dups[n]++
		return Update{Duplicate: &Duplicate{Seq: n, Count: dups[n]}}, true
	}
	body := msg.Data()
	rec := Record{Seq: seq, Body: body, Signature: h.Get(hdrSignature), Verified: true, Key: h.Get(jetstream.MsgIDHeader), Duplicates: dups[seq]}
	rec.Received, _ = time.Parse(time.RFC3339Nano, h.Get(hdrReceived))
	if summary {
		rec.Summary, _ = DecodeSummary(body)
	}
	return Update{Record: &rec}, true
}
