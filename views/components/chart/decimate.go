package chart

import (
	"time"

	tslc "github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	"github.com/ecdash/ecdash/internal/fleet"
)

// pushSeries pushes the part of s over [from, to] (from the value in effect
// at from to the value held at to) into the chart's data set name, values
// multiplied by scale. Only points inside the window are pushed, so ntcharts
// never walks a line from far outside the graph.
//
// Unless all is set, each braille dot column keeps only its first, lowest,
// highest and last point, in their order (M4 decimation). All points of a
// column share its x, so the lines between the kept points light exactly the
// dots the full series would: 20,000 changes cost as much to draw as the
// graph is wide. It returns the number of points pushed.
func pushSeries(m *tslc.Model, name string, s fleet.Series, from, to time.Time, scale float64, g geometry, all bool) int {
	if !to.After(from) {
		return 0
	}
	pushed := 0
	emit := func(p fleet.Point) {
		m.PushDataSet(name, tslc.TimePoint{Time: p.T, Value: p.V * scale})
		pushed++
	}
	var b m4
	feed := func(p fleet.Point) {
		if all {
			emit(p)
			return
		}
		b.add(p, g.gridX(p.T.Unix()), emit)
	}
	lo, hi := s.Count(from), s.Count(to)
	last := fleet.Point{T: from, V: s.At(from)}
	feed(last)
	for _, p := range s[lo:hi] {
		feed(p)
		last = p
	}
	if last.T.Before(to) {
		feed(fleet.Point{T: to, V: last.V})
	}
	if !all {
		b.flush(emit)
	}
	return pushed
}

// m4 collects the points of one dot column.
type m4 struct {
	n                  int
	gx                 int
	seq                int // position of the next point
	first, lo, hi, end fleet.Point
	loSeq, hiSeq       int
	firstSeq, endSeq   int
}

func (b *m4) add(p fleet.Point, gx int, emit func(fleet.Point)) {
	if b.n > 0 && gx != b.gx {
		b.flush(emit)
	}
	s := b.seq
	b.seq++
	if b.n == 0 {
		b.gx = gx
		b.first, b.lo, b.hi, b.end = p, p, p, p
		b.firstSeq, b.loSeq, b.hiSeq, b.endSeq = s, s, s, s
		b.n = 1
		return
	}
	if p.V < b.lo.V {
		b.lo, b.loSeq = p, s
	}
	if p.V > b.hi.V {
		b.hi, b.hiSeq = p, s
	}
	b.end, b.endSeq = p, s
	b.n++
}

// flush emits the column's kept points in their original order.
func (b *m4) flush(emit func(fleet.Point)) {
	if b.n == 0 {
		return
	}
	emit(b.first)
	mid1, mid2 := b.lo, b.hi
	s1, s2 := b.loSeq, b.hiSeq
	if s2 < s1 {
		mid1, mid2, s1, s2 = mid2, mid1, s2, s1
	}
	if s1 != b.firstSeq && s1 != b.endSeq {
		emit(mid1)
	}
	if s2 != b.firstSeq && s2 != b.endSeq && s2 != s1 {
		emit(mid2)
	}
	if b.endSeq != b.firstSeq {
		emit(b.end)
	}
	b.n = 0
}
