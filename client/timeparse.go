package client

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// noOffsetLayouts are tried when a time has no UTC offset; such times are UTC.
var noOffsetLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02",
}

// parseTime reads an API time: RFC 3339 with or without fractional seconds
// (up to 9 digits, so .NET's 7 are fine), or without an offset (UTC). Any
// year RFC 3339 allows is a time the API may send, 1892 included: an odd
// date is shown as it is, not hidden as invalid.
func parseTime(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return time.Time{}, errors.New("empty time")
	}
	if len(t) > 10 && (t[10] == ' ' || t[10] == 't') {
		t = t[:10] + "T" + t[11:]
	}
	if strings.HasSuffix(t, "z") {
		t = t[:len(t)-1] + "Z"
	}
	parsed, err := time.Parse(time.RFC3339Nano, t)
	if err != nil {
		// "+0200": an offset without its colon, as some serializers write it.
		parsed, err = time.Parse("2006-01-02T15:04:05.999999999Z0700", t)
	}
	if err != nil {
		parsed, err = parseWithoutOffset(t)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("not an RFC 3339 time: %q", s)
	}
	return parsed, nil
}

func parseWithoutOffset(s string) (time.Time, error) {
	var err error
	for _, layout := range noOffsetLayouts {
		var parsed time.Time
		if parsed, err = time.ParseInLocation(layout, s, time.UTC); err == nil {
			return parsed, nil
		}
	}
	return time.Time{}, err
}

// formatTime writes t as the API does: RFC 3339, fractional seconds only when present.
func formatTime(t time.Time) string { return t.Format(time.RFC3339Nano) }

// timeOrEmpty is formatTime, or "" for the zero time (missing or invalid).
func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}
