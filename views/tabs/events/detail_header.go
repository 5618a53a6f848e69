package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
)

// headerFacts are the event's facts in the order they matter, flowed into
// the header's lines: status and countdown, what is asked, priority,
// program, the interval, the randomize-start window, created, modified.
func headerFacts(ev client.Event, a fleet.Analysis, now time.Time, loc *time.Location) []string {
	st, left := fleet.StatusOf(ev, now)
	status := st.String()
	if c := present.EventCountdown(st, left); c != "" {
		status += " · " + c
	}
	pr := ev.Problems
	asked := present.Checked(pr, "payload", orNone(string(ev.Payload.Type))+" "+present.Target(ev.Payload)+" each")
	if ev.Payload.HasValue && a.Targeted > 0 {
		asked += " (" + present.Quantity(a.FleetTarget, a.Unit) + " for " + strconv.Itoa(a.Targeted) + ")"
	}
	facts := []string{
		status,
		asked,
		"priority " + present.Checked(pr, "priority", present.OptInt(ev.Priority)),
		"program " + present.Checked(pr, "programId", orNone(ev.ProgramID)),
		present.Checked(pr, "intervalPeriod", intervalText(ev.IntervalPeriod, loc)),
		present.Checked(pr, "intervalPeriod.randomizeStart", randomizeText(ev.IntervalPeriod, a, loc)),
		"created " + present.Checked(pr, "createdDateTime", present.ShortTime(ev.CreatedDateTime, loc)),
		"modified " + present.Checked(pr, "modificationDateTime", present.ShortTime(ev.ModificationDateTime, loc)),
	}
	return facts
}

// intervalText is "2025-03-04 18:10 → 20:10 (2h)".
func intervalText(p client.IntervalPeriod, loc *time.Location) string {
	if p.Start.IsZero() {
		return "no start time"
	}
	s := present.ShortTime(p.Start, loc)
	if p.Duration <= 0 {
		return s + " → end unknown"
	}
	end := p.End()
	endText := present.ShortTime(end, loc)
	if loc == nil {
		loc = time.Local
	}
	if ls, le := p.Start.In(loc), end.In(loc); ls.YearDay() == le.YearDay() && ls.Year() == le.Year() {
		endText = le.Format("15:04")
	}
	return s + " → " + endText + " (" + present.Duration(p.Duration) + ")"
}

// randomizeText is "randomize 15m (to 18:25; silent after 18:30)".
func randomizeText(p client.IntervalPeriod, a fleet.Analysis, loc *time.Location) string {
	loc = orLocal(loc)
	s := "no randomize window"
	if p.RandomizeStart > 0 {
		s = "randomize " + present.Duration(p.RandomizeStart)
		if a.Window.Valid {
			s += " (to " + a.Window.WindowEnd.In(loc).Format("15:04")
		}
	}
	if a.Window.Valid {
		if p.RandomizeStart > 0 {
			s += "; "
		} else {
			s += " ("
		}
		s += "silent after " + a.Window.Deadline.In(loc).Format("15:04") + ")"
	}
	return s
}

// complianceLine is "delivered 4.9 of 22.2 kWh (22%) over 20m · after
// randomize 70% (3.1 kWh) · of 9: 5 responded, 1 late, 3 silent":
// c over the whole event and after (when withAfter) over the time since
// the randomize-start window closed, both to this second, and a's counts
// (when withCounts: the "right now" strip has them while the event runs).
func complianceLine(a fleet.Analysis, c, after fleet.Compliance, withAfter, withCounts bool, st fleet.EventStatus, loaded bool, loc *time.Location) string {
	n := a.Counts
	var b strings.Builder
	switch {
	case !loaded:
		b.WriteString("reports loading…")
	case st == fleet.EventUpcoming:
		b.WriteString("not started: nothing delivered yet")
	case !a.Window.Valid:
		b.WriteString("no interval: compliance unknown")
	default:
		b.WriteString("delivered " + present.Number(c.Delivered, 1))
		if a.HasTarget {
			b.WriteString(" of " + present.Number(c.Target, 1))
		}
		b.WriteString(" " + c.Unit)
		if c.HasPercent {
			b.WriteString(" (" + present.Number(c.Percent, 0) + "%)")
		}
		b.WriteString(" over " + present.Duration(c.Elapsed.Truncate(time.Second)))
		if w := a.Window; withAfter && w.WindowEnd.After(w.Start) {
			b.WriteString(" · after randomize ")
			switch {
			case after.Elapsed <= 0:
				b.WriteString("from " + w.WindowEnd.In(orLocal(loc)).Format("15:04"))
			case after.HasPercent:
				b.WriteString(present.Number(after.Percent, 0) + "% (" + present.Number(after.Delivered, 1) + " " + after.Unit + ")")
			default:
				b.WriteString(present.Number(after.Delivered, 1) + " " + after.Unit)
			}
		}
	}
	if withCounts {
		b.WriteString(" · of " + strconv.Itoa(n.Targeted) + ": " + countsText(n))
	}
	return b.String()
}

// flow packs items into at most maxLines lines of width cells, separated
// by " · "; what does not fit is dropped, the last line cut with "…".
func flow(items []string, width, maxLines int) []string {
	if maxLines <= 0 || width <= 0 {
		return nil
	}
	const sep = " · "
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case ansi.StringWidth(cur)+len(sep)+ansi.StringWidth(it) <= width:
			cur += sep + it
		default:
			lines = append(lines, cur)
			cur = it
		}
		if len(lines) == maxLines {
			cur = ""
			break
		}
	}
	if cur != "" && len(lines) < maxLines {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return lines
}

// headerLines is how many fact lines the header gets at a screen height.
func headerLines(height int) int {
	switch {
	case height < 18:
		return 1
	case height < 40:
		return 2
	}
	return 3
}

// orLocal is loc, else the machine's zone.
func orLocal(loc *time.Location) *time.Location {
	if loc == nil {
		return time.Local
	}
	return loc
}

// overlapNote warns that vehicles of this event are also asked by another
// event at the same time, and says how the totals count them: "2 vehicles
// also in 12-05 07:30 Morning peak: counted in both totals". It is
// short enough for an 80-column screen with a name of 20 characters.
func overlapNote(overlaps []fleet.Overlap, loc *time.Location) string {
	if len(overlaps) == 0 {
		return ""
	}
	o := overlaps[0]
	text := plural(len(o.Shared), "vehicle") + " also in " + present.EventLabel(o.Event.Name, o.Event.ID, o.Event.IntervalPeriod.Start, loc)
	if more := len(overlaps) - 1; more > 0 {
		return text + " +" + strconv.Itoa(more) + ": counted in all totals"
	}
	return text + ": counted in both totals"
}
