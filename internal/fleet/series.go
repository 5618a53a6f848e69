package fleet

import (
	"sort"
	"time"
)

// Point is one corner of a step series.
type Point struct {
	T time.Time
	V float64
}

// Series is a step function drawn with explicit steps: a change of value at
// time t is two points, (t, old) then (t, new), so the points can be pushed
// to a line chart as they are. The value is 0 before the first point and
// holds the last point's value after it. Between two points with different
// times the value is the earlier point's.
type Series []Point

// Count returns the number of points with T <= t.
func (s Series) Count(t time.Time) int {
	return sort.Search(len(s), func(i int) bool { return s[i].T.After(t) })
}

// At returns the value in effect at t (after any step at exactly t).
func (s Series) At(t time.Time) float64 {
	i := s.Count(t)
	if i == 0 {
		return 0
	}
	return s[i-1].V
}

// Integrate returns the integral of the series over [from, to] in value·hours
// (W·h for a power series, A·h for a current series); 0 when to <= from.
func (s Series) Integrate(from, to time.Time) float64 {
	if !to.After(from) {
		return 0
	}
	sum := 0.0
	cur := from
	v := s.At(from)
	for i := s.Count(from); i < len(s) && s[i].T.Before(to); i++ {
		sum += v * s[i].T.Sub(cur).Hours()
		cur = s[i].T
		v = s[i].V
	}
	return sum + v*to.Sub(cur).Hours()
}

// Mean returns the average value over [from, to), or the value at from when
// the span is empty.
func (s Series) Mean(from, to time.Time) float64 {
	if !to.After(from) {
		return s.At(from)
	}
	return s.Integrate(from, to) / to.Sub(from).Hours()
}

// Range returns the smallest and largest values the series takes, counting
// the implicit 0 before its first point. An empty series gives 0, 0.
func (s Series) Range() (lo, hi float64) {
	for _, p := range s {
		lo = min(lo, p.V)
		hi = max(hi, p.V)
	}
	return lo, hi
}

// Clip returns the part of the series over [from, to] as a series that starts
// with (from, value at from) and ends at to, for drawing: every point lies in
// the window, so nothing is drawn from far outside it. Empty when to <= from.
func (s Series) Clip(from, to time.Time) Series {
	if !to.After(from) {
		return nil
	}
	lo, hi := s.Count(from), s.Count(to)
	out := make(Series, 0, hi-lo+2)
	out = append(out, Point{T: from, V: s.At(from)})
	out = append(out, s[lo:hi]...)
	if last := out[len(out)-1]; last.T.Before(to) {
		out = append(out, Point{T: to, V: last.V})
	}
	return out
}

// Scale returns a copy of the series with every value multiplied by f.
func (s Series) Scale(f float64) Series {
	out := make(Series, len(s))
	for i, p := range s {
		out[i] = Point{T: p.T, V: p.V * f}
	}
	return out
}

// step appends a change from old to new at t as two points (nothing when the
// value does not change).
func (s Series) step(t time.Time, old, new float64) Series {
	if old == new {
		return s
	}
	return append(s, Point{T: t, V: old}, Point{T: t, V: new})
}

// block returns the series that is v over [from, to] and 0 elsewhere, with
// vertical edges (how a target is drawn).
func block(from, to time.Time, v float64) Series {
	if v == 0 {
		return Series{{T: from}, {T: to}}
	}
	return Series{{T: from}, {T: from, V: v}, {T: to, V: v}, {T: to}}
}
