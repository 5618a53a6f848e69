package main

import (
	"net/url"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

// orDash is s made safe for a terminal table, or "-" when empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return present.Sanitize(s)
}

// cell is value, unless field had a decoding problem (present.Checked).
func cell(problems []client.FieldProblem, field, value string) string {
	return present.Checked(problems, field, orDash(value))
}

// formatTime is a table's time, "" (shown "-") when there is none.
func formatTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return present.ShortTime(t, loc)
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
