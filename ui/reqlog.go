package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
)

// pullLog renders the current snapshot for the overlay.
func (m *Model) pullLog() {
	if m.reqlog == nil {
		m.logLines = []string{"The request log is not connected: the client was built without the dashboard's observer."}
		return
	}
	recs := m.reqlog.Snapshot()
	lines := make([]string, 0, len(recs)+1)
	if len(recs) == 0 {
		lines = append(lines, "no requests yet")
	}
	now := m.ctx.Now()
	for _, r := range recs {
		lines = append(lines, formatRecord(r, now, m.ctx.Location))
	}
	m.logLines = lines
}

// formatRecord is one log line: time, method, path, status, duration, try,
// error; a request in flight shows "…" and how long it has waited so far.
func formatRecord(r client.RequestRecord, now time.Time, loc *time.Location) string {
	status := "---"
	switch {
	case r.InFlight:
		status = " … "
		r.Duration = max(now.Sub(r.At), 0)
	case r.Status != 0:
		status = fmt.Sprintf("%3d", r.Status)
	}
	at := "--:--:--"
	if !r.At.IsZero() {
		at = r.At.In(loc).Format("15:04:05")
	}
	line := fmt.Sprintf("%s  %-6s %-28s %s %7s  try %d", at, r.Method, r.Path, status,
		r.Duration.Round(time.Millisecond), max(r.Attempt, 1))
	if r.InFlight {
		line += "  in flight"
	}
	if r.Err != nil {
		line += "  " + oneLine(r.Err.Error())
	}
	return line
}

// logView draws the request log in the content area: a title, then the
// newest records that fit, exactly height lines.
func (m *Model) logView(width, height int) string {
	lines := make([]string, 0, height)
	lines = append(lines, m.styles.title.Paint(ansi.Truncate(" Request log (newest first) · esc closes", width, "…")))
	for _, l := range m.logLines {
		if len(lines) == height {
			break
		}
		lines = append(lines, m.styles.text.Paint(ansi.Truncate(" "+l, width, "…")))
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:height], "\n")
}
