package state

import (
	"runtime"
	"sync"

	"github.com/ecdash/ecdash/client"
)

// decodePool decodes the elements of one list answer on every core while
// the answer is still being read: the reading goroutine splits, hashes and
// compares, and hands the elements to decode to the workers in batches, so
// the decoding of a first 100,000-event answer is spread over the cores.
type decodePool[T any] struct {
	decode func(*client.ElementDecoder, int, []byte) (T, error)
	work   chan *decodeBatch[T]
	wg     sync.WaitGroup
	done   []*decodeBatch[T] // in the order handed out
	cur    *decodeBatch[T]
	queued int // elements added
	// arenaCap sizes the next batch's arena from the last one's, so that
	// copying 64 elements does not copy them again while the arena grows.
	arenaCap int
	// free holds the arenas of decoded batches (nothing decoded points into
	// them), for the next batches: the 150 MB of a 100,000-event answer pass
	// through a few arenas instead of fresh memory, whose first touch is
	// what costs (up to 25 µs a page on a virtual machine).
	free chan []byte
}

// decodeBatch is a few dozen elements, copied (the reader's buffer moves
// on), and what they decoded to.
type decodeBatch[T any] struct {
	index []int // element index in the answer
	slot  []int // where its key goes in the poll's keys
	raw   [][]byte
	arena []byte
	items []T
	err   error
}

const decodeBatchSize = 64

func newDecodePool[T any](decode func(*client.ElementDecoder, int, []byte) (T, error)) *decodePool[T] {
	p := &decodePool[T]{decode: decode, work: make(chan *decodeBatch[T], 2*runtime.GOMAXPROCS(0)),
		free: make(chan []byte, 3*runtime.GOMAXPROCS(0))}
	for range runtime.GOMAXPROCS(0) {
		p.wg.Go(func() {
			dec := client.NewElementDecoder()
			for b := range p.work {
				b.items = make([]T, len(b.raw))
				for k, raw := range b.raw {
					if b.items[k], b.err = p.decode(dec, b.index[k], raw); b.err != nil {
						break
					}
				}
				select {
				case p.free <- b.arena[:0]:
				default:
				}
				b.raw, b.arena = nil, nil
			}
		})
	}
	return p
}

// add queues element i (its key at slot) for decoding.
func (p *decodePool[T]) add(i, slot int, raw []byte) {
	if p.cur == nil {
		p.cur = &decodeBatch[T]{
			index: make([]int, 0, decodeBatchSize),
			slot:  make([]int, 0, decodeBatchSize),
			raw:   make([][]byte, 0, decodeBatchSize),
			arena: p.arena(max(p.arenaCap, decodeBatchSize*len(raw))),
		}
	}
	p.queued++
	b := p.cur
	start := len(b.arena)
	b.arena = append(b.arena, raw...)
	b.index, b.slot = append(b.index, i), append(b.slot, slot)
	b.raw = append(b.raw, b.arena[start:len(b.arena):len(b.arena)])
	if len(b.index) == decodeBatchSize {
		p.flush()
	}
}

// arena is an empty buffer for a batch, reused when one is free.
func (p *decodePool[T]) arena(size int) []byte {
	select {
	case a := <-p.free:
		return a
	default:
		return make([]byte, 0, size)
	}
}

func (p *decodePool[T]) flush() {
	if p.cur == nil {
		return
	}
	// The arena may have moved while growing: point raw into its final form.
	b := p.cur
	p.arenaCap = len(b.arena) + len(b.arena)/8
	off := 0
	for k, r := range b.raw {
		b.raw[k] = b.arena[off : off+len(r) : off+len(r)]
		off += len(r)
	}
	p.done = append(p.done, b)
	p.work <- b
	p.cur = nil
}

// wait finishes decoding and calls each with the decoded items in order;
// the first decoding error is returned.
func (p *decodePool[T]) wait(each func(slot, index int, item T)) error {
	p.flush()
	close(p.work)
	p.wg.Wait()
	for _, b := range p.done {
		if b.err != nil {
			return b.err
		}
		for k, item := range b.items {
			each(b.slot[k], b.index[k], item)
		}
	}
	return nil
}

// stop abandons the pool (a retry starts over).
func (p *decodePool[T]) stop() {
	close(p.work)
	p.wg.Wait()
}
