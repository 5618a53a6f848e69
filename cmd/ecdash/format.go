package main

import (
	"net/url"
	"strconv"
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
// urlProblem says what an API base URL lacks: "the scheme is missing:
// write http://127.0.0.1:8080".
func urlProblem(raw string) string {
	const want = "want an absolute http:// or https:// URL"
	if !strings.Contains(raw, "://") {
		return "the scheme is missing: write http://" + shownURL(raw) + " (or https://)"
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return want
	case u.Scheme != "http" && u.Scheme != "https":
		return "scheme " + strconv.Quote(u.Scheme) + " is not http or https"
	case u.Host == "":
		return "the host is missing"
	}
	return want
}

func shownURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || !strings.Contains(raw, "://") {
		// Not a URL with a host: shown as typed, but for what could hold a
		// secret (userinfo, a query).
		if i := strings.LastIndex(raw, "@"); i >= 0 {
			raw = "…@" + raw[i+1:]
		}
		if i := strings.IndexAny(raw, "?#"); i >= 0 {
			raw = raw[:i] + " (query not shown)"
		}
		return raw
	}
	if u.User == nil && u.RawQuery == "" && u.Fragment == "" {
		return u.String()
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String() + " (credentials and query not shown)"
}
