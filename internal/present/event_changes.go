package present

import (
	"strconv"
	"time"

	"github.com/ecdash/ecdash/client"
)

// EventChanges says what an operator needs to know changed from old to ev,
// each as "before → after": the target ("6 A → 5 A"), the start ("start
// 07:00 → 07:15", with the date when it moved to another day), the
// duration, the randomize-start window, the name and the number of targets.
// Nothing when none of them changed.
func EventChanges(old, ev client.Event, loc *time.Location) []string {
	var out []string
	if a, b := Target(old.Payload), Target(ev.Payload); a != b || old.Payload.Type != ev.Payload.Type {
		out = append(out, Or(a)+" → "+Or(b))
	}
	if a, b := old.IntervalPeriod.Start, ev.IntervalPeriod.Start; !a.Equal(b) {
		layout := "15:04"
		if loc == nil {
			loc = time.Local
		}
		if la, lb := a.In(loc), b.In(loc); la.YearDay() != lb.YearDay() || la.Year() != lb.Year() {
			layout = "01-02 15:04"
		}
		out = append(out, "start "+clock(a, loc, layout)+" → "+clock(b, loc, layout))
	}
	if a, b := old.IntervalPeriod.Duration, ev.IntervalPeriod.Duration; a != b {
		out = append(out, "duration "+Duration(a)+" → "+Duration(b))
	}
	if a, b := old.IntervalPeriod.RandomizeStart, ev.IntervalPeriod.RandomizeStart; a != b {
		out = append(out, "randomize "+Duration(a)+" → "+Duration(b))
	}
	if old.Name != ev.Name {
		out = append(out, "name "+Or(old.Name)+" → "+Or(ev.Name))
	}
	if a, b := len(old.TargetResources), len(ev.TargetResources); a != b {
		out = append(out, "targets "+strconv.Itoa(a)+" → "+strconv.Itoa(b))
	}
	return out
}

func clock(t time.Time, loc *time.Location, layout string) string {
	if t.IsZero() {
		return None
	}
	return t.In(loc).Format(layout)
}
