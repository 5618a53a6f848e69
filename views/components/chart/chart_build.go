package chart

import (
	"strconv"
	"strings"

	tslc "github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	"github.com/charmbracelet/x/ansi"
)

// Sizes below which the chart shows a note instead of a garbled plot.
const (
	minChartWidth    = 24
	minChartHeight   = 5
	legendBesideFrom = 100 // total width from which the legend goes beside the graph
	legendWidth      = 28
	legendBelowFrom  = 8 // total height from which a legend line fits below
)

// build renders the whole chart: plot, overlays and legend.
func (c *Chart) build() string {
	w, h := c.width, c.height
	if w <= 0 || h <= 0 {
		c.geo = geometry{}
		return ""
	}
	if w < minChartWidth || h < minChartHeight {
		c.geo = geometry{}
		return tooSmall(w, h)
	}
	pd := c.plotData()
	plotW, plotH, beside := w, h, w >= legendBesideFrom
	switch {
	case beside:
		plotW = w - legendWidth - 1
	case h >= legendBelowFrom:
		plotH = h - 1
	}
	m, g := c.drawPlot(pd, plotW, plotH)
	c.geo = g
	c.nowKey = c.keyOfNow()
	lines := renderCanvas(&m.Canvas)
	switch {
	case beside:
		legend := c.legendLines(pd, legendWidth)
		for i := range lines {
			l := ""
			if i < len(legend) {
				l = legend[i]
			}
			lines[i] += " " + padRight(l, legendWidth)
		}
	case plotH < h:
		lines = append(lines, padRight(c.legendLine(pd, w), w))
	}
	return strings.Join(lines, "\n")
}

// drawPlot draws both lines and the overlays on a fresh ntcharts chart.
// Ranges are fixed before anything is pushed: with ntcharts' automatic
// ranges every push rescales every stored point (quadratic).
func (c *Chart) drawPlot(pd plotData, plotW, plotH int) (tslc.Model, geometry) {
	vis := c.visible()
	lo, hi := 0.0, 0.0
	if pd.hasTarget {
		tlo, thi := pd.target.Range()
		lo, hi = min(lo, tlo*pd.targetScale), max(hi, thi*pd.targetScale)
	}
	if pd.hasResp {
		rlo, rhi := pd.resp.Range()
		lo, hi = min(lo, rlo*pd.respScale), max(hi, rhi*pd.respScale)
	}
	gh := plotH - 2 // the X axis and its labels take two rows
	ticks, decimals := yTicks(lo, hi, max(gh/3, 1))
	labels := make([]string, len(ticks))
	gutter := 1
	for i, v := range ticks {
		labels[i] = strconv.FormatFloat(v, 'f', decimals, 64)
		gutter = max(gutter, len(labels[i]))
	}
	blank := strings.Repeat(" ", gutter)
	th := c.th
	m := tslc.New(plotW, plotH,
		tslc.WithYLabelFormatter(func(int, float64) string { return blank }),
		tslc.WithXLabelFormatter(func(int, float64) string { return "" }), // drawn by drawTimeAxis
		tslc.WithXYSteps(1, 1),
		withFixedRanges(),
		tslc.WithAxesStyles(th.ChartAxis, th.ChartLabel),
		tslc.WithTimeRange(vis.from, vis.to),
		tslc.WithYRange(ticks[0], ticks[len(ticks)-1]),
	)
	g := geometry{
		plotW: plotW, plotH: plotH,
		originX: m.Origin().X, originY: m.Origin().Y,
		gw: m.GraphWidth(), gh: m.GraphHeight(),
		vFrom: int64(m.ViewMinX()), vTo: int64(m.ViewMaxX()),
		yMin: m.ViewMinY(), yMax: m.ViewMaxY(),
	}
	g.ok = g.gw >= 2 && g.gh >= 1 && g.vTo > g.vFrom && g.yMax > g.yMin
	if !g.ok {
		m.Clear()
		return m, g
	}
	// The canvas is fresh: axes, then the response, then the target on top
	// (it stays visible where the lines cross).
	m.DrawXYAxisAndLabel()
	if pd.hasResp {
		to := vis.to
		if c.now.Before(to) {
			to = c.now // nothing is known after now
		}
		pushSeries(&m, pd.respStyle, pd.resp, vis.from, to, pd.respScale, g, c.noDecimate)
	}
	if pd.hasTarget {
		pushSeries(&m, th.ChartTarget, pd.target, vis.from, vis.to, pd.targetScale, g, c.noDecimate)
	}
	c.drawValueAxis(&m, g, ticks, labels)
	c.drawTimeAxis(&m, g)
	c.drawWindow(&m, g)
	c.drawNow(&m, g)
	if pd.message != "" {
		drawMessage(&m, g, pd.message, th.Text)
	}
	return m, g
}

// withFixedRanges turns off ntcharts' automatic ranges.
func withFixedRanges() tslc.Option {
	return func(m *tslc.Model) {
		m.AutoMinX, m.AutoMaxX, m.AutoMinY, m.AutoMaxY = false, false, false, false
	}
}

// tooSmall is the note shown instead of a chart that cannot fit.
func tooSmall(w, h int) string {
	lines := make([]string, h)
	lines[0] = padRight(ansi.Truncate("chart needs "+itoa(minChartWidth)+"×"+itoa(minChartHeight), w, ""), w)
	for i := 1; i < h; i++ {
		lines[i] = strings.Repeat(" ", w)
	}
	return strings.Join(lines, "\n")
}

// padRight pads s with spaces to width cells (s must not be wider).
func padRight(s string, width int) string {
	if n := ansi.StringWidth(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}
