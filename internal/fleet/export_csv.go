package fleet

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// WriteCSV writes a header (time, target_<unit>, fleet_<unit>, then one
// column per vehicle named by its resource id) and one row per step, then
// the summary as trailing lines starting with '#' (read them back with
// csv.Reader.Comment = '#', or pandas' comment="#"). Times are RFC 3339 in
// UTC; numbers have at most 3 decimals.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	unit := t.Summary.Unit
	header := []string{"time", "target_" + unit, "fleet_" + unit}
	for _, v := range t.Vehicles {
		header = append(header, v.ResourceID)
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write CSV header: %w", err)
	}
	rec := make([]string, len(header))
	for _, r := range t.Rows {
		rec = rec[:0]
		rec = append(rec, exportTime(r.T), number(r.Target), number(r.Fleet))
		for _, v := range r.Vehicles {
			rec = append(rec, number(v))
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write CSV row %s: %w", exportTime(r.T), err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	var b strings.Builder
	for _, line := range summaryLines(t) {
		b.WriteString("# " + oneLine(line) + "\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write CSV summary: %w", err)
	}
	return nil
}

// summaryLines is the summary in words, one fact per line.
func summaryLines(t Table) []string {
	s := t.Summary
	c := s.Compliance
	lines := []string{
		fmt.Sprintf("event: %s %q (%s)", s.EventID, s.EventName, s.PayloadType),
		fmt.Sprintf("values: %s, mean over [time, time+%s); fleet = sum over targeted vehicles", s.Unit, t.Step),
		fmt.Sprintf("interval: %s to %s; exported at %s", exportTime(s.Start), exportTime(s.End), exportTime(s.Now)),
		fmt.Sprintf("target: %s %s per vehicle x %d = %s %s", number(s.VehicleTarget), s.Unit, s.Counts.Targeted, number(s.FleetTarget), s.Unit),
	}
	delivered := func(c Compliance) string {
		pct := "n/a"
		if c.HasPercent {
			pct = number(c.Percent) + "%"
		}
		return fmt.Sprintf("%s %s of %s %s target (%s) over %s", number(c.Delivered), c.Unit, number(c.Target), c.Unit, pct, c.Elapsed.Round(time.Second))
	}
	lines = append(lines,
		"delivered: "+delivered(c), // over the whole event
		fmt.Sprintf("delivered after the randomize-start window (from %s): %s", exportTime(s.WindowEnd), delivered(s.AfterWindow)),
		fmt.Sprintf("vehicles: targeted %d, responded %d, late %d, silent %d, pending %d, stopped early %d, extra %d (grace %s)",
			s.Counts.Targeted, s.Counts.Responded, s.Counts.Late, s.Counts.Silent, s.Counts.Pending, s.Counts.StoppedEarly, s.Counts.Extra, s.Grace))
	for _, l := range []struct {
		name string
		ids  []string
	}{{"silent", s.Silent}, {"late", s.Late}, {"stopped early", s.StoppedEarly}, {"extra (not targeted, not in fleet)", s.Extra}} {
		if len(l.ids) > 0 {
			lines = append(lines, l.name+": "+strings.Join(l.ids, " "))
		}
	}
	for _, a := range s.Anomalies {
		lines = append(lines, "anomaly: "+a)
	}
	return lines
}

// number renders v with at most 3 decimals and no trailing zeros.
func number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatFloat(round3(v), 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// exportTime renders t as RFC 3339 in UTC ("" for the zero time).
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// oneLine keeps a comment on one line whatever the ids contain.
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}
