// Package present is the one way ecdash writes API values as text, for the
// CLI's tables and the dashboard alike: targets with their units,
// durations, countdowns, local times, event statuses, values the client
// could not decode, and JSON with its secrets masked. Pure functions; the
// rules they follow are chosen once, here.
package present

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
)

// None is shown for a value that is absent.
const None = "—"

// Countdown renders a remaining time compactly, rounding down to whole
// seconds: "12s", "4m12s", "1h03m", "2d04h". Negative durations count as 0.
func Countdown(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int64(d / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%dh%02dm", s/3600, (s%3600)/60)
	default:
		return fmt.Sprintf("%dd%02dh", s/86400, (s%86400)/3600)
	}
}

// Duration renders an interval length without zero parts: "2h", "1h30m",
// "45m", "30s", "1d2h", "0s".
func Duration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	neg := d < 0
	if neg {
		d = -d
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	days := d / (24 * time.Hour)
	d -= days * 24 * time.Hour
	h := d / time.Hour
	d -= h * time.Hour
	m := d / time.Minute
	d -= m * time.Minute
	sec := d.Seconds()
	if days > 0 {
		fmt.Fprintf(&b, "%dd", days)
	}
	if h > 0 {
		fmt.Fprintf(&b, "%dh", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	if sec > 0 {
		b.WriteString(strconv.FormatFloat(sec, 'f', -1, 64) + "s")
	}
	return b.String()
}

// LocalTime renders t in loc as "2006-01-02 15:04:05"; the zero time is None.
func LocalTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return None
	}
	if loc == nil {
		loc = time.Local
	}
	return t.In(loc).Format("2006-01-02 15:04:05")
}

// ShortTime renders t in loc as "2006-01-02 15:04", for table cells.
func ShortTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return None
	}
	if loc == nil {
		loc = time.Local
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// Stamp renders when something happened, in loc (nil: local time), for a
// line that offers it back: "15:04" on the day of now, else "Jan 2 15:04".
func Stamp(at, now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	at, now = at.In(loc), now.In(loc)
	if at.Year() == now.Year() && at.YearDay() == now.YearDay() {
		return at.Format("15:04")
	}
	return at.Format("Jan 2 15:04")
}

// Target renders an event's target with its unit, the unit scaled to the
// value: "500 W", "7.4 kW", "1.25 MW" for power, "16 A" for current, a bare
// number for an unknown payload type; "" when the event has none. Up to two
// decimals, trailing zeros dropped.
func Target(p client.EventPayload) string {
	if !p.HasValue {
		return ""
	}
	return Quantity(p.Value, p.Unit())
}

// Quantity renders a value in an event's unit ("W", "A" or ""), as Target
// does: the fleet's response, a vehicle's power, a target.
func Quantity(v float64, unit string) string {
	switch unit {
	case "W":
		return Power(v)
	case "A":
		return Number(v, 2) + " A"
	}
	return Number(v, 2)
}

// Power renders watts with the unit scaled to the value: "500 W",
// "7.4 kW", "136.6 kW", "1.25 MW".
func Power(w float64) string {
	switch abs := math.Abs(w); {
	case abs >= 1e6:
		return Number(w/1e6, 2) + " MW"
	case abs >= 1e3:
		return Number(w/1e3, 2) + " kW"
	}
	return Number(w, 2) + " W"
}

// Number renders v with at most decimals digits after the point, trailing
// zeros removed: Number(7.40, 2) == "7.4", Number(16, 1) == "16".
func Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// OptFloat renders an optional number with a unit suffix, or None.
func OptFloat(v *float64, decimals int, unit string) string {
	if v == nil {
		return None
	}
	s := Number(*v, decimals)
	if unit != "" {
		s += " " + unit
	}
	return s
}

// OptInt renders an optional integer, or None.
func OptInt(v *int) string {
	if v == nil {
		return None
	}
	return strconv.Itoa(*v)
}

// Or returns s, or None when s is empty.
func Or(s string) string {
	if s == "" {
		return None
	}
	return s
}

// SortTime is a sort key for t that orders lexically like time; zero sorts first.
func SortTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000000000")
}

// SortNumber is a sort key for a number that orders lexically like the
// number (for values within ±1e15).
func SortNumber(v float64) string {
	// Offset into positive range, then zero-pad so string order is numeric
	// order: what fmt's %032.6f writes, without fmt's cost (every row of a
	// 100,000-row list has several of these).
	const width = 32
	var buf [64]byte
	digits := strconv.AppendFloat(buf[:0], v+1e15, 'f', 6, 64)
	if len(digits) >= width {
		return string(digits)
	}
	out := make([]byte, width)
	sign := 0
	if digits[0] == '-' {
		out[0], digits, sign = '-', digits[1:], 1
	}
	pad := width - len(digits)
	for i := sign; i < pad; i++ {
		out[i] = '0'
	}
	copy(out[pad:], digits)
	return string(out)
}

// EventLabel names an event as operators tell events apart: its local start
// ("12-05 07:00"), then its name; the start comes first so that a narrow
// column cuts the name, not the time. Without a start, the name alone; without
// a name, the id.
func EventLabel(name, id string, start time.Time, loc *time.Location) string {
	label := name
	if label == "" {
		label = id
	}
	if start.IsZero() {
		return Or(label)
	}
	if loc == nil {
		loc = time.Local
	}
	return start.In(loc).Format("01-02 15:04") + " " + label
}
