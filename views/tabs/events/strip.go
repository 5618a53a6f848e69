package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
)

// The "right now" strip of an active event, drawn on the dispatch screen
// and, per active event, above the Events list:
//
//	▶ now 14.8 of 44.4 kW (33%) ██████▋░░░░░░░░░░░░░ · ramp 3m of 15m: 2 of 6 started, 1.2 expected
//	3 responded, 1 late, 2 silent, 1 stopped early · projected 29.6 of 88.8 kWh (33%) at 20:10 if it holds 14.8 kW
//	⚠ ev-0002 stopped early 10m · ev-0005 silent 5m · ev-0006 silent 5m
//
// Its parts come in the order they matter, so a narrow screen keeps the
// first ones; the attention line only shows when a vehicle needs it.

// stripShown is how many attention vehicles a strip names.
const stripShown = 4

// barFor is the width of the level bar on a screen w cells wide.
func barFor(w int) int {
	if w < 100 {
		return 10
	}
	return 20
}

// stripLinesFor is how many lines the strip's facts flow into at width w
// (the attention line comes on top): a narrow screen needs three.
func stripLinesFor(w int) int {
	if w < 100 {
		return 3
	}
	return 2
}

// stripParts are the strip's texts: the level and its bar, the ramp, the
// counts, the projection and the vehicles needing attention.
type stripParts struct {
	level, bar, ramp, counts, projection, attention string
	// holds says what the projection assumes: "if the fleet holds 25.8 kW".
	holds string
}

func momentParts(m fleet.Moment, bar int, loc *time.Location) stripParts {
	loc = orLocal(loc)
	var p stripParts
	p.level = "▶ now " + present.Quantity(m.Level, m.Unit)
	if m.HasTarget {
		p.level += " of " + present.Quantity(m.Target, m.Unit)
	}
	if m.HasPercent {
		p.level += " (" + present.Number(m.Percent, 0) + "%)"
		p.bar = levelBar(m.Percent, bar)
	}
	if r := m.Ramp; r.Valid {
		started := strconv.Itoa(r.Started) + "/" + strconv.Itoa(m.Counts.Targeted) + " started"
		if r.Done() {
			p.ramp = "ramp done " + r.End.In(loc).Format("15:04") + ": " + started
		} else {
			p.ramp = "ramp " + present.Duration(r.Elapsed.Truncate(time.Second)) + " of " + present.Duration(r.Length) +
				": " + started + ", " + present.Number(r.Expected, 1) + " expected"
		}
	}
	p.counts = countsText(m.Counts)
	if m.HasProjected {
		p.projection = "projected " + present.Number(m.Projected, 1)
		if m.ProjectedTarget != 0 {
			p.projection += " of " + present.Number(m.ProjectedTarget, 1)
		}
		p.projection += " " + m.Delivered.Unit
		if m.HasProjectedPercent {
			p.projection += " (" + present.Number(m.ProjectedPercent, 0) + "%)"
		}
		p.projection += " by " + m.End.In(loc).Format("15:04")
		p.holds = "if the fleet holds " + present.Quantity(m.Level, m.Unit)
	}
	p.attention = attentionText(m)
	return p
}

// countsText is "3 responded, 1 late, 2 silent, 1 stopped early": zero
// counts other than responded and silent say nothing and are left out.
// The dispatch screen's headline and every strip say it this way.
func countsText(n fleet.Counts) string {
	s := strconv.Itoa(n.Responded) + " responded"
	for _, c := range []struct {
		n    int
		what string
	}{{n.Late, "late"}, {n.Silent, "silent"}, {n.Pending, "pending"}, {n.StoppedEarly, "stopped early"}, {n.Extra, "not targeted"}} {
		if c.n > 0 || c.what == "silent" {
			s += ", " + strconv.Itoa(c.n) + " " + c.what
		}
	}
	return s
}

// attentionText names the vehicles needing attention, the longest first,
// with how long: "⚠ ev-0002 stopped early 10m · ev-0005 silent 5m +3 more".
func attentionText(m fleet.Moment) string {
	if m.AttentionTotal == 0 {
		return ""
	}
	parts := make([]string, 0, len(m.Attention))
	for _, a := range m.Attention {
		parts = append(parts, a.ResourceID+" "+string(a.Why)+" "+present.Duration(m.Now.Sub(a.Since).Truncate(time.Second)))
	}
	s := "⚠ " + strings.Join(parts, " · ")
	if more := m.AttentionTotal - len(m.Attention); more > 0 {
		s += " +" + strconv.Itoa(more) + " more"
	}
	return s
}

// levelBar draws percent of 100 in cells, to an eighth of a cell; beyond
// 100 % the bar is full.
func levelBar(percent float64, cells int) string {
	eighths := int(min(max(percent, 0), 100) / 100 * float64(cells*8))
	full, part := eighths/8, eighths%8
	var b strings.Builder
	b.WriteString(strings.Repeat("█", full))
	if part > 0 {
		b.WriteString(string([]rune("▏▎▍▌▋▊▉")[part-1]))
		full++
	}
	b.WriteString(strings.Repeat("░", cells-full))
	return b.String()
}

// nonEmpty is items without the empty ones.
func nonEmpty(items ...string) []string {
	out := items[:0]
	for _, it := range items {
		if strings.TrimSpace(it) != "" {
			out = append(out, it)
		}
	}
	return out
}
