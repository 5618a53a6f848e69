package fleet

import (
	"cmp"
	"math"
	"slices"
)

// maxSpanSec is the widest span of seconds whose nanoseconds fit a uint64.
const maxSpanSec = math.MaxUint64/1_000_000_000 - 1

// timeItem is one change to order by time: where it is (track, index) and
// its time as nanoseconds since the earliest.
type timeItem struct {
	key        uint64
	track, seq int32
}

// sortChangesByTime lists the changes of tracks from index from[i] of
// track i on, ordered by time; changes at the same time keep the order of
// the listing (track by track, each in order): a stable sort. The standard
// library's stable sort costs n·log²n comparisons through a function
// value; times are integers, so an LSD radix sort on the nanoseconds since
// the earliest change does it in a few linear passes (the bytes all keys
// share are skipped). A span too wide for 64 bits of nanoseconds (about
// 584 years: only hostile data) falls back to comparisons.
func sortChangesByTime(tracks []*track, from []int) []fleetChange {
	n, minSec, maxSec := 0, int64(math.MaxInt64), int64(math.MinInt64)
	for i, tr := range tracks {
		for _, c := range tr.tl.changes[from[i]:] {
			minSec, maxSec = min(minSec, c.sec), max(maxSec, c.sec)
			n++
		}
	}
	out := make([]fleetChange, 0, n)
	if n == 0 {
		return out
	}
	items := make([]timeItem, 0, n)
	wide := maxSec-minSec < 0 || uint64(maxSec-minSec) >= maxSpanSec
	var differ uint64 // bits in which some key differs from the first
	for i, tr := range tracks {
		for seq := from[i]; seq < len(tr.tl.changes); seq++ {
			c := tr.tl.changes[seq]
			it := timeItem{track: int32(i), seq: int32(seq)}
			if !wide {
				it.key = uint64(c.sec-minSec)*1e9 + uint64(c.nsec)
			}
			items = append(items, it)
			differ |= it.key ^ items[0].key
		}
	}
	if wide {
		at := func(it timeItem) change { return tracks[it.track].tl.changes[it.seq] }
		slices.SortStableFunc(items, func(x, y timeItem) int {
			a, b := at(x), at(y)
			return cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.nsec, b.nsec))
		})
	} else {
		items = radixSort(items, differ)
	}
	for _, it := range items {
		tr := tracks[it.track]
		out = append(out, newFleetChange(tr.tl.changes[it.seq], tr.rank, int(it.seq)))
	}
	return out
}

// radixSort orders items by key, stably, one byte at a time from the
// lowest, skipping the bytes in which no key differs (differ).
func radixSort(items []timeItem, differ uint64) []timeItem {
	buf := make([]timeItem, len(items))
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
	return items
}
