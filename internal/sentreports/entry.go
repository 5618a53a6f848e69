package sentreports

import (
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ecdash/ecdash/client"
)

// Entry is one report this ecdash sent and what came of it: one line of the
// record. It never holds a token or a secret: the request is the report's
// own content, the error text comes from client.Error (which holds none)
// and the server address is stripped of credentials and query.
type Entry struct {
	SentAt  time.Time            `json:"sentAt"`
	Server  string               `json:"server,omitempty"` // base URL the report went to
	Request client.ReportRequest `json:"request"`
	// Report is the server's answer; nil when it refused the report or no
	// answer arrived.
	Report *client.Report `json:"report,omitempty"`
	// Status is the HTTP status of the answer when sending failed (0 when
	// none arrived).
	Status int    `json:"status,omitempty"`
	Error  string `json:"error,omitempty"` // why sending failed, one line
}

// Outcome says whether the server has the report.
type Outcome string

const (
	// Accepted: the server answered 2xx with a report.
	Accepted Outcome = "accepted"
	// Refused: the server answered an error status and did not store it.
	Refused Outcome = "refused"
	// Unknown: no answer arrived (network, timeout) or a 2xx answer could
	// not be read; the server may or may not have stored it.
	Unknown Outcome = "unknown"
)

// Outcome classifies the entry.
func (e Entry) Outcome() Outcome {
	switch {
	case e.Error == "" && e.Report != nil:
		return Accepted
	case e.Status >= 400:
		return Refused
	}
	return Unknown
}

// maxErrorText caps the stored error: it is shown on one line.
const maxErrorText = 500

// NewEntry records the result of one CreateReport call: its answer rep
// when err is nil, else the error's text and HTTP status. server is the
// base URL the report was sent to.
func NewEntry(server string, req client.ReportRequest, sentAt time.Time, rep client.Report, err error) Entry {
	e := Entry{SentAt: sentAt, Server: safeServer(server), Request: req}
	if err == nil {
		e.Report = &rep
		return e
	}
	var ce *client.Error
	if errors.As(err, &ce) {
		e.Status = ce.StatusCode
	}
	e.Error = oneLine(err.Error())
	if e.Error == "" {
		e.Error = "sending failed"
	}
	return e
}

// safeServer keeps scheme, host and path: a user:password or a query could
// carry a secret.
func safeServer(s string) string {
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "(unparsable server address)"
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment, u.ForceQuery = nil, "", "", "", false
	return strings.TrimRight(u.String(), "/")
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= maxErrorText {
		return s
	}
	cut := maxErrorText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut-- // never split a character
	}
	return s[:cut] + "…"
}

// ForAPI keeps the entries recorded against api's server. A profile's record
// outlives any one server (a sandbox restarted with the same seed reuses
// event ids), so reports sent to another server must not count here. An API
// that cannot name its server keeps every entry.
func ForAPI(entries []Entry, api client.API) []Entry {
	named, ok := api.(interface{ BaseURL() string })
	if !ok {
		return entries
	}
	server := safeServer(named.BaseURL())
	kept := make([]Entry, 0, len(entries))
	for _, e := range entries {
		if e.Server == server {
			kept = append(kept, e)
		}
	}
	return kept
}
