package chart

import "time"

// Zoom and pan limits.
const (
	minMargin = 5 * time.Minute // at least this much time shown before the start and after the end
	minSpan   = 2 * time.Minute // zooming in stops here
)

// viewport is the visible time range when the user zoomed or panned; when
// not custom the chart shows its default range, which follows the data.
type viewport struct {
	custom   bool
	from, to time.Time
}

// span is a time range.
type span struct{ from, to time.Time }

func (s span) length() time.Duration { return s.to.Sub(s.from) }

// defaultRange runs from a margin before the event's start to a margin after
// its end (a tenth of the duration, at least minMargin). Without an interval
// it covers the actions, and without those an hour around now.
func (c *Chart) defaultRange() span {
	a := c.a
	switch {
	case a.Window.Valid:
		m := max(a.Window.End.Sub(a.Window.Start)/10, minMargin)
		return span{a.Window.Start.Add(-m), a.Window.End.Add(m)}
	case a.Actions > 0:
		return span{a.FirstAction.Add(-minMargin), a.LastAction.Add(minMargin)}
	}
	now := c.now
	if now.IsZero() {
		now = a.Now
	}
	return span{now.Add(-30 * time.Minute), now.Add(30 * time.Minute)}
}

// bounds is how far panning and zooming out may go: the default range plus
// any actions outside it.
func (c *Chart) bounds() span {
	b := c.defaultRange()
	if c.a.Actions > 0 {
		if c.a.FirstAction.Before(b.from) {
			b.from = c.a.FirstAction
		}
		if c.a.LastAction.After(b.to) {
			b.to = c.a.LastAction
		}
	}
	return b
}

// visible is the time range drawn.
func (c *Chart) visible() span {
	if c.view.custom {
		return span{c.view.from, c.view.to}
	}
	return c.defaultRange()
}

// clamp keeps a custom view inside bounds b (shifting, then shrinking it),
// and drops back to the default when it covers all of b.
func (v viewport) clamp(b, def span) viewport {
	if !v.custom {
		return v
	}
	l := v.to.Sub(v.from)
	switch {
	case l >= b.length():
		v.from, v.to = b.from, b.to
	case v.from.Before(b.from):
		v.from, v.to = b.from, b.from.Add(l)
	case v.to.After(b.to):
		v.from, v.to = b.to.Add(-l), b.to
	}
	if v.from.Equal(def.from) && v.to.Equal(def.to) {
		return viewport{}
	}
	return v
}

// zoom scales the visible span by factor (< 1 zooms in) around its centre.
func (c *Chart) zoom(factor float64) bool {
	cur := c.visible()
	l := time.Duration(float64(cur.length()) * factor)
	l = max(l, minSpan)
	mid := cur.from.Add(cur.length() / 2)
	nv := viewport{custom: true, from: mid.Add(-l / 2), to: mid.Add(-l / 2).Add(l)}
	return c.setView(nv.clamp(c.bounds(), c.defaultRange()))
}

// setView applies v and reports whether anything changed.
func (c *Chart) setView(v viewport) bool {
	if v.custom == c.view.custom && v.from.Equal(c.view.from) && v.to.Equal(c.view.to) {
		return false
	}
	c.view = v
	return true
}

// pan moves the visible span by frac of its length (negative: back in time).
func (c *Chart) pan(frac float64) bool {
	cur := c.visible()
	d := time.Duration(float64(cur.length()) * frac)
	nv := viewport{custom: true, from: cur.from.Add(d), to: cur.to.Add(d)}
	return c.setView(nv.clamp(c.bounds(), c.defaultRange()))
}

// resetView returns to the default range.
func (c *Chart) resetView() bool { return c.setView(viewport{}) }

// zoomFactor is how many times narrower the view is than the default range.
func (c *Chart) zoomFactor() float64 {
	return float64(c.defaultRange().length()) / float64(c.visible().length())
}
