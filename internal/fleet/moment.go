package fleet

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Moment is an event at one second, for the "right now" strip: the fleet's
// level against its target, the ramp through the randomize-start window,
// who answered, who needs attention, and where the delivery is heading.
// It is made from an Analysis (which changes only with reports and the
// event's phases) and the clock, so following it every second costs a
// lookup and a few sums.
type Moment struct {
	Now  time.Time
	Unit string // of Level and Target: "W" or "A"

	// Level is the fleet's value at now (the sum of the targeted vehicles'),
	// Target the event's fleet target (HasTarget false without one), and
	// Percent Level / Target × 100 (HasPercent false when Target is 0).
	Level, Target         float64
	HasTarget, HasPercent bool
	Percent               float64
	Ramp                  Ramp
	Counts                Counts
	Attention             []Attention // the longest first, at most the number asked for
	AttentionTotal        int         // every vehicle needing attention
	Delivered             Compliance  // over the whole event to now
	End                   time.Time   // of the event
	// Projected is the delivery at End if the fleet holds Level (see
	// MomentOf), ProjectedTarget the fleet target over the whole event,
	// both in Delivered.Unit, and ProjectedPercent the one of the other.
	Projected, ProjectedTarget, ProjectedPercent float64
	HasProjected, HasProjectedPercent            bool
}

// Ramp is the randomize-start window seen from now: vehicles may start at
// any moment of it, so with starts spread evenly the share of the window
// elapsed is the share of vehicles expected to have started.
type Ramp struct {
	Valid    bool          // the event has such a window
	Elapsed  time.Duration // of the window, at most Length
	Length   time.Duration
	End      time.Time // when the window closes
	Started  int       // targeted vehicles that started (on time or late)
	Expected float64   // Targeted × Elapsed / Length
}

// Share is the elapsed share of the window, 0 to 1.
func (r Ramp) Share() float64 {
	if r.Length <= 0 {
		return 1
	}
	return float64(r.Elapsed) / float64(r.Length)
}

// Done reports whether the window has closed.
func (r Ramp) Done() bool { return r.Elapsed >= r.Length }

// Attention is a targeted vehicle that needs the operator: silent (no
// Start by the response deadline) or stopped early, since when.
type Attention struct {
	ResourceID string
	Why        Status // StatusSilent, or StatusStoppedEarly
	Since      time.Time
}

// StatusStoppedEarly is Attention's reason for a vehicle that started and
// then stopped before the event's end (VehicleResult.StoppedEarly).
const StatusStoppedEarly Status = "stopped early"

// NeedsAttention lists the targeted vehicles that are silent or stopped
// early at the analysis' time, the longest first (by id on ties): silent
// since the response deadline, stopped since their last stop.
func (a Analysis) NeedsAttention() []Attention {
	var out []Attention
	for i := range a.Vehicles {
		v := &a.Vehicles[i]
		switch {
		case !v.Targeted:
		case v.Status == StatusSilent:
			out = append(out, Attention{ResourceID: v.ResourceID, Why: StatusSilent, Since: a.Window.Deadline})
		case v.StoppedEarly:
			out = append(out, Attention{ResourceID: v.ResourceID, Why: StatusStoppedEarly, Since: v.StoppedAt})
		}
	}
	slices.SortFunc(out, byLongest)
	return out
}

// MomentOf is the event of a at now: the level from a's fleet series,
// counts from a, the first `show` of attention (NeedsAttention of a, kept
// by the caller while a holds), and delivered, the whole event's compliance
// at now (Analyzer.ComplianceAt), with the projection.
//
// The projection assumes the fleet holds its present level to the end:
// delivered so far + Level × the time left, against the fleet target over
// the whole event.
func MomentOf(a Analysis, attention []Attention, show int, delivered Compliance, now time.Time) Moment {
	q := quantityOf(a.PayloadType)
	m := Moment{
		Now:            now,
		Unit:           a.Unit,
		Level:          a.Fleet.At(now),
		Target:         a.FleetTarget,
		HasTarget:      a.HasTarget,
		Counts:         a.Counts,
		AttentionTotal: len(attention),
		Attention:      attention[:min(max(show, 0), len(attention))],
		Delivered:      delivered,
		End:            a.Window.End,
	}
	if m.HasTarget && m.Target != 0 {
		m.Percent, m.HasPercent = m.Level/m.Target*100, true
	}
	w := a.Window
	if !w.Valid {
		return m
	}
	if length := w.WindowEnd.Sub(w.Start); length > 0 {
		el := min(max(now.Sub(w.Start), 0), length)
		m.Ramp = Ramp{Valid: true, Elapsed: el, Length: length, End: w.WindowEnd, Started: a.Counts.Responded + a.Counts.Late}
		m.Ramp.Expected = float64(a.Counts.Targeted) * m.Ramp.Share()
	}
	if left := w.End.Sub(w.elapsedEnd(now)); w.End.After(w.Start) {
		m.Projected = delivered.Delivered + m.Level*left.Hours()*q.energyFactor()
		m.HasProjected = true
		if m.HasTarget {
			m.ProjectedTarget = m.Target * w.End.Sub(w.Start).Hours() * q.energyFactor()
		}
		if m.ProjectedTarget != 0 {
			m.ProjectedPercent, m.HasProjectedPercent = m.Projected/m.ProjectedTarget*100, true
		}
	}
	return m
}

// byLongest orders attention from the earliest Since, then by id.
func byLongest(x, y Attention) int {
	return cmp.Or(x.Since.Compare(y.Since), strings.Compare(x.ResourceID, y.ResourceID))
}
