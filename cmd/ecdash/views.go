package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

// The views of the four kinds `get` prints: name, table and wide columns.
// Wide adds what scripts and audits ask for that the table leaves out.

func eventView(a *app) view[client.Event] {
	return view[client.Event]{
		kind: "event", raw: func(e client.Event) json.RawMessage { return e.Raw }, id: func(e client.Event) string { return e.ID },
		header: eventHeader, row: func(e client.Event) []string { return eventRow(e, a.now(), a.loc) },
		wideHead: []string{"RANDOMIZE", "CREATED", "MODIFIED"},
		wideRow: func(e client.Event) []string {
			pr := e.Problems
			return []string{
				cell(pr, "intervalPeriod.randomizeStart", present.Duration(e.IntervalPeriod.RandomizeStart)),
				cell(pr, "createdDateTime", formatTime(e.CreatedDateTime, a.loc)),
				cell(pr, "modificationDateTime", formatTime(e.ModificationDateTime, a.loc)),
			}
		},
	}
}

var resourceView = view[client.Resource]{
	kind: "resource", raw: func(r client.Resource) json.RawMessage { return r.Raw }, id: func(r client.Resource) string { return r.ResourceID },
	header: resourceHeader, row: resourceRow,
	wideHead: []string{"ID", "TYPE"},
	wideRow: func(r client.Resource) []string {
		return []string{cell(r.Problems, "id", r.ID), cell(r.Problems, "metadata.resourceType", r.Metadata.ResourceType)}
	},
}

var subscriptionView = view[client.Subscription]{
	kind: "subscription", raw: func(s client.Subscription) json.RawMessage { return s.Raw }, id: func(s client.Subscription) string { return s.ID },
	header: subscriptionHeader, row: subscriptionRow,
	wideHead: []string{"PROBLEMS"},
	wideRow: func(s client.Subscription) []string {
		return []string{problemSummary(present.HideSecrets(s.Problems, secretField))}
	},
}

func reportView(a *app) view[client.Report] {
	return view[client.Report]{
		kind: "report", raw: func(r client.Report) json.RawMessage { return r.Raw }, id: func(r client.Report) string { return r.ID },
		header: reportHeader, row: func(r client.Report) []string { return reportRow(r, a.loc) },
		wideHead: []string{"MODIFIED", "RESOURCES"},
		wideRow: func(r client.Report) []string {
			seen := map[string]bool{}
			var ids []string
			for _, p := range r.Payloads {
				if !seen[p.ResourceID] {
					seen[p.ResourceID] = true
					ids = append(ids, present.Sanitize(p.ResourceID))
				}
			}
			return []string{cell(r.Problems, "modificationDateTime", formatTime(r.ModificationDateTime, a.loc)), strings.Join(ids, ",")}
		},
	}
}

// problemSummary is "2 fields invalid", or "" when none.
func problemSummary(pr []client.FieldProblem) string {
	switch len(pr) {
	case 0:
		return ""
	case 1:
		return "1 field invalid"
	}
	return strconv.Itoa(len(pr)) + " fields invalid"
}
