package events

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
)

// The Events list shows a "right now" strip per active event above the
// table, in the list's order (the soonest end first), as many as a third
// of the height allows, then how many more run:
//
//	▶ 03-04 18:10 Evening peak reduction · now 25.8 kW of 44.4 kW (58%) █████▊░░░░
//	  3 responded, 1 late, 2 silent, 1 stopped early · ramp done 18:25: 4/6 started · projected 46.9 of 88.8 kWh (53%) by 20:10
//	  ⚠ ev-0002 stopped early 10m · ev-0005 silent 5m · ev-0006 silent 5m

// Watch follows the active events for the shell, whichever tab is shown,
// once a second: it keeps the strips current and returns the alerts that
// arose (a vehicle fell silent or stopped early).
func (t *tab) Watch(store state.Store) []string {
	t.store = store
	t.follow(t.index.refresh(store))
	alerts := t.watch.advance(store, t.index, t.ctx.Now(), t.ctx.Location)
	t.restrip()
	return alerts
}

// restrip makes the strips' lines, kept until the next second, size or
// theme: View draws every frame, and the strips change once a second.
func (t *tab) restrip() {
	t.stripLines = t.strips()
	t.List.SetAbove(len(t.stripLines))
}

// SetSize sizes the list below the strips.
func (t *tab) SetSize(width, height int) {
	t.width, t.height = width, height
	t.List.SetSize(width, height)
	t.restrip()
}

// SetTheme restyles the strips and the list.
func (t *tab) SetTheme(th *themes.Theme) {
	t.warn = themes.NewPainter(th.Warn)
	t.List.SetTheme(th)
	t.restrip()
}

// View draws the strips over the list, or the screen open over it.
func (t *tab) View() string {
	if t.InScreen() || len(t.stripLines) == 0 {
		return t.List.View()
	}
	return strings.Join(t.stripLines, "\n") + "\n" + t.List.View()
}

// strips are the lines above the table at the present width and height.
func (t *tab) strips() []string {
	active := t.watch.active
	if len(active) == 0 || t.width <= 0 || t.height < 8 {
		return nil
	}
	now := t.ctx.Now()
	budget := t.height / 3
	var lines []string
	for i, ev := range active {
		strip := t.strip(ev, now)
		room := budget - len(lines)
		if i < len(active)-1 {
			room-- // keep the line that says how many more
		}
		if len(strip) > room {
			more := len(active) - i
			lines = append(lines, fit(" ▶ "+plural(more, "more active event")+": first in the list below", t.width))
			break
		}
		lines = append(lines, strip...)
	}
	return lines
}

// strip is one active event's lines: its name with the level and bar;
// the counts, the ramp and the projection; the vehicles needing attention;
// the vehicles another active event asks too, and how the totals count them.
func (t *tab) strip(ev client.Event, now time.Time) []string {
	label := "▶ " + present.EventLabel(ev.Name, ev.ID, ev.IntervalPeriod.Start, t.ctx.Location)
	f := t.watch.following[ev.ID]
	if f == nil || f.z == nil {
		return []string{fit(" "+label+" · reports loading…", t.width)}
	}
	p := momentParts(f.moment(now), 10, t.ctx.Location)
	head := " " + label + " · " + strings.TrimPrefix(p.level, "▶ ")
	if ansi.StringWidth(head)+1+ansi.StringWidth(p.bar) <= t.width {
		head += " " + p.bar // a bar cut short would misstate the level: left out when it does not fit
	}
	lines := []string{fit(head, t.width)}
	for _, l := range flow(nonEmpty(p.counts, p.ramp, p.projection), max(t.width-3, 1), stripLinesFor(t.width)-1) {
		lines = append(lines, fit("   "+l, t.width))
	}
	if p.attention != "" {
		lines = append(lines, t.warn.Paint(fit("   "+p.attention, t.width)))
	}
	if o := overlapNote(t.watch.overlaps[ev.ID], t.ctx.Location); o != "" {
		lines = append(lines, t.warn.Paint(fit("   ⚠ "+o, t.width)))
	}
	return lines
}
