package livefeed

import (
	"math/rand/v2"
	"time"
)

// backoff is exponential with jitter: attempt n waits a random time in
// [d/2, d] where d = min·2^(n-1), capped at max. The jitter keeps many
// dashboards from reconnecting to a restarted relay in lockstep.
type backoff struct {
	min, max time.Duration
	attempt  int
}

func (b *backoff) next() time.Duration {
	b.attempt++
	d := b.min
	for i := 1; i < b.attempt && d < b.max; i++ {
		d *= 2
	}
	d = min(d, b.max)
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

func (b *backoff) reset() { b.attempt = 0 }
