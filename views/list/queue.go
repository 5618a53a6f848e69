package list

// keyQueue holds the keys whose rows are to be made, in the slices they
// were queued in: queuing 100,000 keys costs one append, not 100,000
// inserts. A key may be queued twice; its row is then made twice, which
// is cheaper than keeping a set.
type keyQueue struct {
	chunks [][]string
	n      int
}

// push queues keys (the queue keeps the slice: do not change it after).
func (q *keyQueue) push(keys []string) {
	if len(keys) > 0 {
		q.chunks = append(q.chunks, keys)
		q.n += len(keys)
	}
}

// take removes and returns up to max keys, oldest first.
func (q *keyQueue) take(max int) []string {
	if q.n == 0 {
		return nil
	}
	first := q.chunks[0]
	if len(first) > max {
		q.chunks[0] = first[max:]
		q.n -= max
		return first[:max:max]
	}
	out := first
	q.chunks[0] = nil
	q.chunks = q.chunks[1:]
	q.n -= len(first)
	for len(out) < max && len(q.chunks) > 0 {
		more := q.take(max - len(out))
		out = append(out[:len(out):len(out)], more...)
	}
	if q.n == 0 {
		q.chunks = nil // let the backing arrays go
	}
	return out
}

// len is the number of keys queued.
func (q *keyQueue) len() int { return q.n }

// reset empties the queue.
func (q *keyQueue) reset() { q.chunks, q.n = nil, 0 }
