package events

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

// descriptorState is one report descriptor of the event (what the server
// asked to be reported, by which resources) and which of those resources
// have reported it: a resource has when any report for this event carries
// a payload of that type from it.
type descriptorState struct {
	payloadType string
	resources   []string // as asked; the event's targets when the descriptor names none
	reported    []string
	missing     []string
}

// describe judges each descriptor of ev against who reported what.
func describe(ev client.Event, reported map[reportedKey]bool) []descriptorState {
	out := make([]descriptorState, 0, len(ev.ReportDescriptors))
	for _, rd := range ev.ReportDescriptors {
		d := descriptorState{payloadType: rd.PayloadType, resources: rd.TargetResources}
		if d.payloadType == "" {
			d.payloadType = client.ReportPayloadVehicleChargeAction
		}
		if len(d.resources) == 0 {
			for _, t := range ev.TargetResources {
				d.resources = append(d.resources, t.ResourceID)
			}
		}
		for _, id := range d.resources {
			if reported[reportedKey{id, d.payloadType}] {
				d.reported = append(d.reported, id)
			} else {
				d.missing = append(d.missing, id)
			}
		}
		out = append(out, d)
	}
	return out
}

// compactDescriptors is the one-line summary under the chart:
// "reports asked: VehicleChargeAction 6/9 · not yet: ev-0042, ev-0043".
func compactDescriptors(ds []descriptorState, loaded bool) string {
	if len(ds) == 0 {
		return "reports asked: none (the event has no report descriptors)"
	}
	parts := make([]string, 0, len(ds))
	var missing []string
	seen := map[string]bool{}
	for _, d := range ds {
		parts = append(parts, d.payloadType+" "+strconv.Itoa(len(d.reported))+"/"+strconv.Itoa(len(d.resources)))
		for _, id := range d.missing {
			if !seen[id] {
				seen[id] = true
				missing = append(missing, id)
			}
		}
	}
	s := "reports asked: " + strings.Join(parts, ", ")
	switch {
	case !loaded:
		s += " · reports loading…"
	case len(missing) == 0:
		s += " · all reported"
	default:
		s += " · not yet: " + strings.Join(missing, ", ")
	}
	return s + " · d details"
}

// descriptorPanel lists every descriptor with the resources that have and
// have not reported, wrapped to width.
func descriptorPanel(ds []descriptorState, width int) []string {
	lines := []string{"report descriptors (" + strconv.Itoa(len(ds)) + ") · d back to the targets"}
	if len(ds) == 0 {
		return append(lines, "  none: the server asks for no reports")
	}
	for _, d := range ds {
		lines = append(lines, "  "+d.payloadType+" from "+plural(len(d.resources), "resource")+
			": reported by "+strconv.Itoa(len(d.reported)))
		lines = append(lines, wrapList("    reported: ", d.reported, width)...)
		lines = append(lines, wrapList("    not yet:  ", d.missing, width)...)
	}
	return lines
}

// wrapList writes ids after prefix, continuing on indented lines.
func wrapList(prefix string, ids []string, width int) []string {
	if len(ids) == 0 {
		return []string{prefix + present.None}
	}
	indentW := ansi.StringWidth(prefix)
	indent := strings.Repeat(" ", indentW)
	var lines []string
	var line strings.Builder
	line.WriteString(prefix)
	lineW, n := indentW, 0 // width of the current line, ids on it
	for i, id := range ids {
		item := id
		if i < len(ids)-1 {
			item += ","
		}
		itemW := cellWidth(item)
		if n > 0 && lineW+1+itemW > width {
			lines = append(lines, line.String())
			line.Reset()
			line.WriteString(indent)
			lineW, n = indentW, 0
		}
		if n > 0 {
			line.WriteByte(' ')
			lineW++
		}
		line.WriteString(item)
		lineW += itemW
		n++
	}
	return append(lines, line.String())
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// cellWidth is the width of s in cells; resource ids are plain ASCII,
// which is counted without the grapheme segmentation.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}
