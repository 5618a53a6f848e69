package chart

import (
	"math"
	"strconv"
	"time"
)

// geometry is where things land on the ntcharts canvas of one build. The
// mapping repeats ntcharts' own arithmetic for braille data sets (scale to
// the graph, then to the 2×4 dot grid, rounding once) so overlays and ticks
// sit on the same columns and rows as the plotted lines.
type geometry struct {
	ok               bool
	plotW, plotH     int   // the ntcharts canvas
	originX, originY int   // where the axes cross
	gw, gh           int   // graph area in cells, right of the Y axis and above the X axis
	vFrom, vTo       int64 // visible time range, Unix seconds (ntcharts truncates to seconds)
	yMin, yMax       float64
}

// gridX is the braille dot column of Unix time x (may be outside [0, 2gw)).
func (g geometry) gridX(x int64) int {
	scaled := float64(x-g.vFrom) * (float64(g.gw) / float64(g.vTo-g.vFrom))
	return int(math.Round(scaled * (float64(2*g.gw-1) / float64(g.gw))))
}

// col is the canvas column of time t, and whether it is inside the graph.
func (g geometry) col(t time.Time) (int, bool) {
	gx := g.gridX(t.Unix())
	if gx < 0 || gx >= 2*g.gw {
		return 0, false
	}
	return g.originX + 1 + gx/2, true
}

// row is the canvas row of value v, and whether it is inside the graph.
func (g geometry) row(v float64) (int, bool) {
	scaled := (v - g.yMin) * (float64(g.originY) / (g.yMax - g.yMin))
	gy := int(math.Round(scaled * (float64(4*g.gh-1) / float64(g.gh))))
	r := 4*g.gh - 1 - gy
	if r < 0 || r >= 4*g.gh {
		return 0, false
	}
	return r / 4, true
}

// yTicks picks round values for the Y axis covering [lo, hi] with about
// count labels: steps of 1, 2, 2.5 or 5 × 10^k, the range widened to whole
// steps with a little headroom so the highest line does not sit on the top.
func yTicks(lo, hi float64, count int) (ticks []float64, decimals int) {
	hi = max(hi*1.05, lo+1e-9)
	if hi-lo < 1e-9 {
		hi = lo + 1
	}
	count = max(count, 1)
	raw := (hi - lo) / float64(count)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	first := math.Floor(lo/step) * step
	last := math.Ceil(hi/step) * step
	for v := first; v <= last+step/2; v += step {
		ticks = append(ticks, v)
	}
	decimals = 0
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		if s := strconv.FormatFloat(step, 'f', decimals, 64); s != strconv.FormatFloat(step, 'f', -1, 64) {
			decimals++ // 0.25 needs two
		}
	}
	return ticks, decimals
}

// timeSteps are the round spacings the X axis may use.
var timeSteps = []time.Duration{
	10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour,
}

// tickLabelWidth is the width a time label needs, with its spacing.
const tickLabelWidth = 8

// xTicks picks local-time ticks at a round step so that labels fit in width
// columns. Ticks are counted from local midnight of from's day, so they fall
// on round wall-clock times (on a DST change day, ticks after the change are
// shifted by the change; the labels still tell the true local time).
func xTicks(from, to time.Time, width int, loc *time.Location) (ticks []time.Time, step time.Duration) {
	span := to.Sub(from)
	if span <= 0 || width <= 0 {
		return nil, 0
	}
	maxTicks := max(width/tickLabelWidth, 1)
	step = timeSteps[len(timeSteps)-1]
	for _, s := range timeSteps {
		if int(span/s) <= maxTicks {
			step = s
			break
		}
	}
	lf := from.In(loc)
	base := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, loc)
	k := from.Sub(base) / step
	for t := base.Add(k * step); !t.After(to); t = t.Add(step) {
		if !t.Before(from) {
			ticks = append(ticks, t)
		}
	}
	return ticks, step
}

// timeLabel renders a tick in local time: "15:04" for steps under a day,
// "Jan 2" for longer ones.
func timeLabel(t time.Time, step time.Duration, loc *time.Location) string {
	if step >= 24*time.Hour {
		return t.In(loc).Format("Jan 2")
	}
	if step < time.Minute {
		return t.In(loc).Format("15:04:05")
	}
	return t.In(loc).Format("15:04")
}
