package chart

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/themes"
)

// legendItem is one painted phrase of the legend.
type legendItem struct {
	text  string
	style lipgloss.Style
}

// legendItems lists what the legend says, most important first.
func (c *Chart) legendItems(pd plotData) (main []legendItem, extra []legendItem) {
	th := c.th
	target := "━━ target none"
	if pd.hasTarget {
		target = "━━ target " + legendValue(pd.targetLevel, pd.unit)
	}
	main = append(main, legendItem{target, th.ChartTarget})
	at, over := c.legendAt()
	resp := "⠒⠒ " + pd.respLabel
	switch {
	case !pd.hasResp:
		resp += " none"
	case over:
		resp += " " + legendValue(c.responseAt(at), pd.unit) + " at the end"
	default:
		resp += " " + legendValue(c.responseAt(at), pd.unit)
	}
	main = append(main, legendItem{resp, pd.respStyle})
	if v := pd.vehicle; v != nil {
		st := "status " + string(v.Status)
		if v.StoppedEarly {
			st += ", stopped early"
		}
		main = append(main, legendItem{st, th.Text})
	}
	switch {
	case over:
		main = append(main, legendItem{"ended " + c.a.Window.End.In(c.loc).Format("15:04"), th.Text})
	case !c.now.IsZero():
		main = append(main, legendItem{"│  now " + c.now.In(c.loc).Format("15:04"), th.ChartNow})
	}
	if w := c.a.Window; w.Valid && w.WindowEnd.After(w.Start) {
		main = append(main, legendItem{"━  randomize " + w.Start.In(c.loc).Format("15:04") + "–" +
			w.WindowEnd.In(c.loc).Format("15:04"), th.ChartWindow})
	}
	zoom := "whole event"
	if c.view.custom {
		zoom = "zoom " + strings.TrimSuffix(strconv.FormatFloat(c.zoomFactor(), 'f', 1, 64), ".0") + "×"
	}
	extra = append(extra, legendItem{zoom, th.Muted})
	return main, extra
}

// legendAt is the instant the legend reads the response at: now while the
// event runs or is to come; once it is over, its last moment, and over is
// true (read at now, a past event's fleet is what came after it, usually 0).
func (c *Chart) legendAt() (at time.Time, over bool) {
	if w := c.a.Window; w.Valid && w.End.After(w.Start) && !c.now.IsZero() && !c.now.Before(w.End) {
		return w.End.Add(-time.Nanosecond), true
	}
	return c.now, false
}

// legendLines is the legend beside the graph, one phrase per line.
func (c *Chart) legendLines(pd plotData, width int) []string {
	main, extra := c.legendItems(pd)
	th := c.th
	toggle := "m average"
	if c.mode != ModeFleet {
		toggle = "m fleet total"
	}
	items := []legendItem{{pd.title, th.Text}}
	items = append(items, main...)
	items = append(items, legendItem{"", th.Muted})
	items = append(items, extra...)
	items = append(items,
		legendItem{toggle + " · v/V vehicle", th.Muted},
		legendItem{"+/- zoom · h/l pan · 0 all", th.Muted})
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = paint(ansi.Truncate(it.text, width, "…"), it.style)
	}
	return lines
}

// legendLine is the legend in one line under the graph.
func (c *Chart) legendLine(pd plotData, width int) string {
	main, extra := c.legendItems(pd)
	items := append(main, legendItem{pd.title, c.th.Muted})
	items = append(items, extra...)
	var b strings.Builder
	used := 0
	for i, it := range items {
		sep := ""
		if i > 0 {
			sep = "  "
		}
		text := sep + it.text
		w := ansi.StringWidth(text)
		if used+w > width {
			b.WriteString(paint(ansi.Truncate(text, width-used, "…"), it.style))
			break
		}
		b.WriteString(paint(text, it.style))
		used += w
	}
	return b.String()
}

func paint(s string, st lipgloss.Style) string {
	if s == "" {
		return ""
	}
	return themes.NewPainter(plainStyle(st)).Paint(s)
}

// legendValue renders a value with one decimal and its unit: "22.2 kW", "16 A".
func legendValue(v float64, unit string) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s + " " + unit
}
