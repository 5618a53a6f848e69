package chart

import (
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	tslc "github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// What the chart draws over ntcharts' plot: round axis labels, the
// randomize-start window, the now marker and the no-data message. All use
// geometry, so they land on the plot's own columns and rows.

// drawValueAxis writes round Y values left of the axis with a tick mark.
func (c *Chart) drawValueAxis(m *tslc.Model, g geometry, ticks []float64, labels []string) {
	prev := -1
	for i := len(ticks) - 1; i >= 0; i-- { // top down, so a crowded axis keeps the highest
		r, ok := g.row(ticks[i])
		if !ok || r == prev {
			continue
		}
		prev = r
		m.Canvas.SetStringWithStyle(canvas.Point{X: g.originX - len(labels[i]), Y: r}, labels[i], c.th.ChartLabel)
		if r != g.originY {
			m.Canvas.SetCell(canvas.Point{X: g.originX, Y: r}, canvas.NewCellWithStyle('┤', c.th.ChartAxis))
		}
	}
}

// drawTimeAxis writes local times at round steps under tick marks.
func (c *Chart) drawTimeAxis(m *tslc.Model, g geometry) {
	from, to := time.Unix(g.vFrom, 0), time.Unix(g.vTo, 0)
	ticks, step := xTicks(from, to, g.gw, c.loc)
	nextFree := 0
	for _, t := range ticks {
		col, ok := g.col(t)
		if !ok {
			continue
		}
		m.Canvas.SetCell(canvas.Point{X: col, Y: g.originY}, canvas.NewCellWithStyle('┬', c.th.ChartAxis))
		label := timeLabel(t, step, c.loc)
		x := min(max(col-len(label)/2, nextFree), g.plotW-len(label))
		if x < nextFree || x+len(label) > g.plotW {
			continue // would overlap the previous label or run off the edge
		}
		m.Canvas.SetStringWithStyle(canvas.Point{X: x, Y: g.originY + 1}, label, c.th.ChartLabel)
		nextFree = x + len(label) + 1
	}
}

// drawWindow marks the randomize-start window on the time axis.
func (c *Chart) drawWindow(m *tslc.Model, g geometry) {
	w := c.a.Window
	if !w.Valid || !w.WindowEnd.After(w.Start) {
		return
	}
	from, fromOK := g.col(w.Start)
	to, toOK := g.col(w.WindowEnd)
	if !fromOK && !toOK && !(w.Start.Unix() < g.vFrom && w.WindowEnd.Unix() > g.vTo) {
		return // entirely outside the view
	}
	if !fromOK {
		from = g.originX + 1
		if w.Start.Unix() > g.vTo {
			return
		}
	}
	if !toOK {
		to = g.plotW - 1
	}
	for x := from; x <= to; x++ {
		m.Canvas.SetCell(canvas.Point{X: x, Y: g.originY}, canvas.NewCellWithStyle('━', c.th.ChartWindow))
	}
}

// drawNow draws the now marker as a vertical line through empty cells (the
// data stays visible) and a mark on the time axis.
func (c *Chart) drawNow(m *tslc.Model, g geometry) {
	col, ok := g.col(c.now)
	if !ok || c.now.IsZero() {
		return
	}
	for y := 0; y < g.originY; y++ {
		p := canvas.Point{X: col, Y: y}
		if m.Canvas.Cell(p).Rune == 0 {
			m.Canvas.SetCell(p, canvas.NewCellWithStyle('│', c.th.ChartNow))
		}
	}
	m.Canvas.SetCell(canvas.Point{X: col, Y: g.originY}, canvas.NewCellWithStyle('┴', c.th.ChartNow))
}

// drawMessage writes msg centred on the graph area, over whatever is there.
func drawMessage(m *tslc.Model, g geometry, msg string, st lipgloss.Style) {
	text := ansi.Truncate(" "+msg+" ", g.gw, "…")
	x := g.originX + 1 + (g.gw-ansi.StringWidth(text))/2
	m.Canvas.SetStringWithStyle(canvas.Point{X: x, Y: (g.originY - 1) / 2}, text, st)
}
