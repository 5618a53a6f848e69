package chart

import (
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	tslc "github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	"github.com/charmbracelet/lipgloss"
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
func pushSeries(m *tslc.Model, style lipgloss.Style, s fleet.Series, from, to time.Time, scale float64, g geometry, all bool) int {
	if !to.After(from) {
		return 0
	}
	var pts []canvas.Float64Point
	emit := func(p fleet.Point) {
		pts = append(pts, canvas.Float64Point{X: float64(p.T.Unix()), Y: p.V * scale})
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
	drawBraille(m, pts, style)
	return len(pts)
}

// drawBraille draws the line through pts (time in Unix seconds, value) in
// braille on the chart's canvas as ntcharts' DrawBrailleDataSets does,
// with the same scaling and the same graph helpers, but without its
// data-set buffers and without clearing the canvas first: a fresh
// canvas is empty, and clearing one reallocates every cell (160×40
// cells of lipgloss styles: megabytes per draw).
func drawBraille(m *tslc.Model, pts []canvas.Float64Point, style lipgloss.Style) {
	if len(pts) == 0 {
		return
	}
	gw := float64(m.GraphWidth())
	offset := canvas.Float64Point{X: m.ViewMinX(), Y: m.ViewMinY()}
	scale := canvas.Float64Point{X: gw / (m.ViewMaxX() - m.ViewMinX()), Y: float64(m.Origin().Y) / (m.ViewMaxY() - m.ViewMinY())}
	grid := graph.NewBrailleGrid(m.GraphWidth(), m.GraphHeight(), 0, gw, 0, float64(m.GraphHeight()))
	prev := pts[0].Sub(offset).Mul(scale)
	for i := range pts {
		p1 := prev
		p2 := p1
		if i+1 < len(pts) {
			p2 = pts[i+1].Sub(offset).Mul(scale)
		}
		prev = p2
		if (p1.X < 0 && p2.X < 0) || (p1.X > gw && p2.X > gw) {
			continue // not displayed
		}
		for _, p := range graph.GetLinePoints(grid.GridPoint(p1), grid.GridPoint(p2)) {
			grid.Set(p)
		}
	}
	startX := 0
	if m.YStep() > 0 {
		startX = m.Origin().X + 1
	}
	graph.DrawBraillePatterns(&m.Canvas, canvas.Point{X: startX, Y: 0}, grid.BraillePatterns(), style)
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
