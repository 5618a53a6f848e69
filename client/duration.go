package client

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads a duration as the API sends it: .NET TimeSpan text
// ("02:00:00", "1.02:00:00", "00:00:30.5", "-00:10:00", also the general form
// "1:02:00:00" and "hh:mm") or ISO 8601 ("PT2H", "P1DT2H30M", "PT0.5S", "P1W").
// ISO years and months are refused because they have no fixed length, and a
// bare number is refused because it is ambiguous (.NET reads "7200" as days).
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("empty duration")
	}
	neg := false
	body := t
	if body[0] == '-' || body[0] == '+' {
		neg = body[0] == '-'
		body = body[1:]
	}
	var d time.Duration
	var err error
	if body != "" && (body[0] == 'P' || body[0] == 'p') {
		d, err = parseISODuration(body[1:])
	} else {
		d, err = parseTimeSpan(body)
	}
	if err != nil {
		return 0, fmt.Errorf("not a duration: %q: %w", s, err)
	}
	if neg {
		d = -d
	}
	return d, nil
}

// parseTimeSpan reads [d.]hh:mm[:ss[.f]] or d:hh:mm:ss[.f] (sign already removed).
func parseTimeSpan(s string) (time.Duration, error) {
	parts := strings.Split(s, ":")
	var days, hours, minutes int64
	var secText string
	var err error
	switch len(parts) {
	case 2, 3:
		head := parts[0]
		if dayText, hourText, ok := strings.Cut(head, "."); ok {
			if days, err = parseUnsigned(dayText, "days"); err != nil {
				return 0, err
			}
			head = hourText
		}
		if hours, err = parseUnsigned(head, "hours"); err != nil {
			return 0, err
		}
		if minutes, err = parseUnsigned(parts[1], "minutes"); err != nil {
			return 0, err
		}
		if len(parts) == 3 {
			secText = parts[2]
		}
	case 4:
		if days, err = parseUnsigned(parts[0], "days"); err != nil {
			return 0, err
		}
		if hours, err = parseUnsigned(parts[1], "hours"); err != nil {
			return 0, err
		}
		if minutes, err = parseUnsigned(parts[2], "minutes"); err != nil {
			return 0, err
		}
		secText = parts[3]
	default:
		return 0, errors.New("want [d.]hh:mm:ss[.fffffff] or an ISO 8601 duration like PT2H")
	}
	// Without a day part, hours beyond 23 are unambiguous ("48:00:00"), so accept them.
	if days > 0 && hours > 23 {
		return 0, errors.New("hours must be 0..23 when days are given")
	}
	if minutes > 59 {
		return 0, errors.New("minutes must be 0..59")
	}
	var secs, nanos int64
	if secText != "" {
		whole, frac, hasFrac := strings.Cut(secText, ".")
		if secs, err = parseUnsigned(whole, "seconds"); err != nil {
			return 0, err
		}
		if secs > 59 {
			return 0, errors.New("seconds must be 0..59")
		}
		if hasFrac {
			if nanos, err = parseFraction(frac); err != nil {
				return 0, err
			}
		}
	}
	total := new(durationSum)
	total.add(days, 24*time.Hour)
	total.add(hours, time.Hour)
	total.add(minutes, time.Minute)
	total.add(secs, time.Second)
	total.add(nanos, time.Nanosecond)
	return total.result()
}

// parseISODuration reads the part of an ISO 8601 duration after "P".
func parseISODuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, errors.New("no components after P")
	}
	total := new(durationSum)
	inTime := false
	seen := false
	for s != "" {
		if s[0] == 'T' || s[0] == 't' {
			if inTime {
				return 0, errors.New("T given twice")
			}
			inTime = true
			s = s[1:]
			if s == "" {
				return 0, errors.New("no components after T")
			}
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, fmt.Errorf("malformed component %q", s)
		}
		num := strings.Replace(s[:i], ",", ".", 1)
		unit := s[i] | 0x20 // lower case
		s = s[i+1:]
		var scale time.Duration
		switch {
		case !inTime && unit == 'w':
			scale = 7 * 24 * time.Hour
		case !inTime && unit == 'd':
			scale = 24 * time.Hour
		case !inTime && (unit == 'y' || unit == 'm'):
			return 0, errors.New("years and months have no fixed length")
		case inTime && unit == 'h':
			scale = time.Hour
		case inTime && unit == 'm':
			scale = time.Minute
		case inTime && unit == 's':
			scale = time.Second
		default:
			return 0, fmt.Errorf("unknown unit %q", string(unit))
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || math.IsInf(v, 0) {
			return 0, fmt.Errorf("bad number %q", num)
		}
		total.addFloat(v, scale)
		seen = true
	}
	if !seen {
		return 0, errors.New("no components")
	}
	return total.result()
}

func parseUnsigned(s, what string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("missing %s", what)
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%s %q is not a number", what, s)
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s %q out of range", what, s)
	}
	return n, nil
}

// parseFraction reads the digits after the seconds' decimal point as nanoseconds.
func parseFraction(s string) (int64, error) {
	if s == "" || len(s) > 9 {
		return 0, fmt.Errorf("fraction %q must have 1 to 9 digits", s)
	}
	n, err := parseUnsigned(s, "fraction")
	if err != nil {
		return 0, err
	}
	for i := len(s); i < 9; i++ {
		n *= 10
	}
	return n, nil
}

// durationSum adds components with overflow checks, so "99999999.00:00:00"
// is an error instead of a wrapped-around value.
type durationSum struct {
	ns       int64
	overflow bool
}

func (t *durationSum) add(n int64, unit time.Duration) {
	if n < 0 || n > math.MaxInt64/int64(unit) || t.ns > math.MaxInt64-n*int64(unit) {
		t.overflow = true
		return
	}
	t.ns += n * int64(unit)
}

// addFloat adds a possibly fractional count of unit (ISO 8601 allows "PT0.5H").
func (t *durationSum) addFloat(v float64, unit time.Duration) {
	whole := math.Floor(v)
	if whole >= float64(math.MaxInt64)/float64(unit) {
		t.overflow = true
		return
	}
	t.add(int64(whole), unit)
	t.add(int64(math.Round((v-whole)*float64(unit))), time.Nanosecond)
}

func (t *durationSum) result() (time.Duration, error) {
	if t.overflow {
		return 0, errors.New("too long")
	}
	return time.Duration(t.ns), nil
}

// FormatTimeSpan writes d as .NET TimeSpan text in its constant ("c") format,
// the form the API sends: [-][d.]hh:mm:ss[.fffffff].
func FormatTimeSpan(d time.Duration) string { return string(appendTimeSpan(nil, d)) }

// appendTimeSpan appends d as FormatTimeSpan writes it.
func appendTimeSpan(b []byte, d time.Duration) []byte {
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = uint64(-d) // math.MinInt64 negates to itself; as uint64 it is still right
	}
	ticks := u / 100 // .NET resolution is 100 ns
	frac := ticks % 10_000_000
	secs := ticks / 10_000_000
	days := secs / 86400
	secs %= 86400
	if days > 0 {
		b = strconv.AppendUint(b, days, 10)
		b = append(b, '.')
	}
	b = appendPadded(b, secs/3600, 2)
	b = append(b, ':')
	b = appendPadded(b, secs/60%60, 2)
	b = append(b, ':')
	b = appendPadded(b, secs%60, 2)
	if frac != 0 {
		b = append(b, '.')
		b = appendPadded(b, frac, 7)
	}
	return b
}

// appendPadded appends v in decimal with at least width digits.
func appendPadded(b []byte, v uint64, width int) []byte {
	var digits [20]byte
	n := len(strconv.AppendUint(digits[:0], v, 10))
	for ; n < width; n++ {
		b = append(b, '0')
	}
	return strconv.AppendUint(b, v, 10)
}
