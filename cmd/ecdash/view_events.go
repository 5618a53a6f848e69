package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
)

var eventHeader = []string{"ID", "NAME", "STATUS", "START", "DURATION", "TARGET", "TARGETS", "PRIORITY", "PROGRAM"}

// eventRow is one event as a table row; a field the client could not decode
// shows as "!<what was sent>".
func eventRow(ev client.Event, now time.Time, loc *time.Location) []string {
	pr := ev.Problems
	st, _ := fleet.StatusOf(ev, now)
	dur := ""
	if !ev.IntervalPeriod.Start.IsZero() || ev.IntervalPeriod.Duration != 0 {
		dur = present.Duration(ev.IntervalPeriod.Duration)
	}
	return []string{
		cell(pr, "id", ev.ID),
		cell(pr, "name", ev.Name),
		st.String(),
		cell(pr, "intervalPeriod.start", formatTime(ev.IntervalPeriod.Start, loc)),
		cell(pr, "intervalPeriod.duration", dur),
		cell(pr, "payload", present.Target(ev.Payload)),
		cell(pr, "targetResources", strconv.Itoa(len(ev.TargetResources))),
		cell(pr, "priority", formatPriority(ev.Priority)),
		cell(pr, "programId", ev.ProgramID),
	}
}

func formatPriority(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// eventFields lays one event out for reading.
func eventFields(ev client.Event, now time.Time, loc *time.Location) []field {
	pr := ev.Problems
	ip := ev.IntervalPeriod
	st, left := fleet.StatusOf(ev, now)
	status := st.String()
	if c := present.EventCountdown(st, left); c != "" {
		status += ", " + c
	}
	end := ""
	if !ip.Start.IsZero() {
		end = formatTimeLong(ip.End(), loc)
	}
	randomize := "none"
	if ip.RandomizeStart > 0 {
		randomize = present.Duration(ip.RandomizeStart)
	}
	fs := []field{
		{"id", cell(pr, "id", ev.ID)},
		{"name", cell(pr, "name", ev.Name)},
		{"status", status},
		{"payload type", cell(pr, "payload.payloadType", string(ev.Payload.Type))},
		{"target", cell(pr, "payload", present.Target(ev.Payload))},
		{"start", cell(pr, "intervalPeriod.start", formatTimeLong(ip.Start, loc))},
		{"end", end},
		{"duration", cell(pr, "intervalPeriod.duration", present.Duration(ip.Duration))},
		{"randomize start", cell(pr, "intervalPeriod.randomizeStart", randomize)},
		{"priority", cell(pr, "priority", formatPriority(ev.Priority))},
		{"program", cell(pr, "programId", ev.ProgramID)},
		{"created", cell(pr, "createdDateTime", formatTimeLong(ev.CreatedDateTime, loc))},
		{"modified", cell(pr, "modificationDateTime", formatTimeLong(ev.ModificationDateTime, loc))},
	}
	fs = append(fs, listFields(fmt.Sprintf("targets (%d)", len(ev.TargetResources)), targetLines(ev.TargetResources))...)
	var descs []string
	for _, d := range ev.ReportDescriptors {
		descs = append(descs, orDash(d.PayloadType)+" for "+orDash(strings.Join(d.TargetResources, ", ")))
	}
	fs = append(fs, listFields("report descriptors", descs)...)
	return append(fs, problemFields(pr)...)
}

func targetLines(ts []client.TargetResource) []string {
	var out []string
	for _, t := range ts {
		line := orDash(t.ResourceID)
		if t.LocationID != "" {
			line += " at " + t.LocationID
		}
		out = append(out, line)
	}
	return out
}

// listFields is a key followed by one line per item, or "-" when empty.
func listFields(key string, items []string) []field {
	if len(items) == 0 {
		return []field{{key, "-"}}
	}
	out := make([]field, len(items))
	for i, it := range items {
		out[i] = field{value: it}
	}
	out[0].key = key
	return out
}
