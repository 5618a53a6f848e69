package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/ecdash/ecdash/client"
)

// sanitize makes server-supplied text safe for a terminal table: control
// characters (tabs and newlines would break the columns; ESC sequences could
// drive the terminal) become U+FFFD.
func sanitize(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return sanitize(s)
}

// problemFor returns the decoding problem that concerns field (a JSON path such
// as "intervalPeriod.duration"), matching a problem on the field itself, on a
// part of it, or on the object that holds it.
func problemFor(problems []client.FieldProblem, field string) (client.FieldProblem, bool) {
	within := func(path, prefix string) bool {
		return path == prefix || strings.HasPrefix(path, prefix+".") || strings.HasPrefix(path, prefix+"[")
	}
	for _, p := range problems {
		if within(p.Field, field) || within(field, p.Field) {
			return p, true
		}
	}
	return client.FieldProblem{}, false
}

// invalid shows a value that could not be decoded: "!" and what was sent,
// shortened, so the rest of the row stays readable.
func invalid(p client.FieldProblem, limit int) string {
	raw := strings.TrimSpace(string(p.Raw))
	var s string
	if json.Unmarshal(p.Raw, &s) != nil {
		s = raw
	}
	if s == "" {
		s = "?"
	}
	s = sanitize(s)
	if r := []rune(s); limit > 0 && len(r) > limit {
		s = string(r[:limit-1]) + "…"
	}
	return "!" + s
}

// cell is value, unless field had a decoding problem.
func cell(problems []client.FieldProblem, field, value string) string {
	if p, ok := problemFor(problems, field); ok {
		return invalid(p, 24)
	}
	return orDash(value)
}

// humanDuration writes 2h, 1h 30m, 1d 2h, 30.5s.
func humanDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	var parts []string
	if d < 0 {
		parts = append(parts, "-")
		d = -d
	}
	if days := d / (24 * time.Hour); days > 0 {
		parts = append(parts, fmt.Sprintf("%dd", days))
		d -= days * 24 * time.Hour
	}
	if h := d / time.Hour; h > 0 {
		parts = append(parts, fmt.Sprintf("%dh", h))
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 {
		parts = append(parts, fmt.Sprintf("%dm", m))
		d -= m * time.Minute
	}
	if d > 0 {
		parts = append(parts, strconv.FormatFloat(d.Seconds(), 'f', -1, 64)+"s")
	}
	s := strings.Join(parts, " ")
	return strings.Replace(s, "- ", "-", 1)
}

// formatNumber rounds to two decimals and drops trailing zeros: 7.4, 16, 0.25.
func formatNumber(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// formatTarget is an event's target with its unit: "7.4 kW", "500 W", "16 A".
func formatTarget(p client.EventPayload) string {
	if !p.HasValue {
		return "-"
	}
	switch p.Unit() {
	case "W":
		switch abs := math.Abs(p.Value); {
		case abs >= 1e6:
			return formatNumber(p.Value/1e6) + " MW"
		case abs >= 1e3:
			return formatNumber(p.Value/1e3) + " kW"
		}
		return formatNumber(p.Value) + " W"
	case "A":
		return formatNumber(p.Value) + " A"
	}
	return formatNumber(p.Value)
}

// eventStatus derives an event's state from the clock: upcoming before its
// start, active until its end, done after. Without a start it is unknown, and
// so is whether a started event is over when its duration could not be read.
func eventStatus(ev client.Event, now time.Time) string {
	ip := ev.IntervalPeriod
	_, badDuration := problemFor(ev.Problems, "intervalPeriod.duration")
	switch {
	case ip.Start.IsZero():
		return "unknown"
	case now.Before(ip.Start):
		return "upcoming"
	case badDuration:
		return "unknown"
	case now.Before(ip.End()):
		return "active"
	}
	return "done"
}

const tableTime = "2006-01-02 15:04"

func formatTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(tableTime)
}

func formatTimeLong(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

func joinStrings[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ",")
}

// shownURL is a URL as an error may quote it: scheme, host and path, without
// user info, query or fragment, where credentials and tokens travel.
func shownURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unparsable URL)"
	}
	if u.User == nil && u.RawQuery == "" && u.Fragment == "" {
		return u.String()
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String() + " (credentials and query not shown)"
}
