package fleet

import (
	"cmp"
	"math"
	"slices"
)

// maxSpanSec is the widest span of seconds whose nanoseconds fit a uint64.
const maxSpanSec = math.MaxUint64/1_000_000_000 - 1

// sortChangesByTime orders changes by time, keeping the order of changes at
// the same time (a stable sort). The standard library's stable sort costs
// n·log²n comparisons through a function value; times are integers, so an
// LSD radix sort on the nanoseconds since the earliest change does it in a
// few linear passes (the bytes all keys share are skipped). A span too wide
// for 64 bits of nanoseconds (about 584 years: only hostile data) falls back
// to comparisons.
func sortChangesByTime(cs []fleetChange) []fleetChange {
	if len(cs) < 2 {
		return cs
	}
	minSec, maxSec := cs[0].sec, cs[0].sec
	for _, c := range cs {
		minSec, maxSec = min(minSec, c.sec), max(maxSec, c.sec)
	}
	if maxSec-minSec < 0 || uint64(maxSec-minSec) >= maxSpanSec {
		return sortChangesByComparison(cs)
	}
	type item struct {
		key uint64
		at  int32 // index in cs
	}
	items := make([]item, len(cs))
	var differ uint64 // bits in which some key differs from the first
	for i, c := range cs {
		items[i] = item{key: uint64(c.sec-minSec)*1e9 + uint64(c.nsec), at: int32(i)}
		differ |= items[i].key ^ items[0].key
	}
	buf := make([]item, len(items))
	for shift := uint(0); shift < 64; shift += 8 {
		if differ>>shift&0xff == 0 {
			continue // every key has the same byte here
		}
		var count [257]int
		for _, it := range items {
			count[it.key>>shift&0xff+1]++
		}
		for b := 1; b < 257; b++ {
			count[b] += count[b-1]
		}
		for _, it := range items {
			d := it.key >> shift & 0xff
			buf[count[d]] = it
			count[d]++
		}
		items, buf = buf, items
	}
	out := make([]fleetChange, len(cs))
	for i, it := range items {
		out[i] = cs[it.at]
	}
	return out
}

// sortChangesByComparison is the comparison sort for spans too wide for
// the radix sort.
func sortChangesByComparison(cs []fleetChange) []fleetChange {
	out := append([]fleetChange(nil), cs...)
	slices.SortStableFunc(out, func(x, y fleetChange) int {
		if x.sec != y.sec {
			return cmp.Compare(x.sec, y.sec)
		}
		return cmp.Compare(x.nsec, y.nsec)
	})
	return out
}
