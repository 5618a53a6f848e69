package sentreports

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

// listingAPI answers ListReports only; any other call panics (the embedded
// nil interface), which is what Gather must not make.
type listingAPI struct {
	client.API
	reports []client.Report
	err     error
}

func (a listingAPI) ListReports(context.Context) ([]client.Report, error) { return a.reports, a.err }

func TestGather(t *testing.T) {
	rec := openTemp(t)
	for _, e := range []Entry{
		accepted("both", request("ev1", "car-1", client.ActionStart, 7400), t0),
		accepted("local-only", request("ev1", "car-2", client.ActionStart, 3700), t0.Add(time.Minute)),
		accepted("other-event", request("ev2", "car-3", client.ActionStart, 1), t0),
	} {
		if err := rec.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	server := []client.Report{
		{ID: "fleet-1", EventID: "ev1", CreatedDateTime: t0, Payloads: []client.VehicleChargeActionPayload{{ResourceID: "car-7", ActionType: client.ActionStart}}},
		{ID: "both", EventID: "ev1", CreatedDateTime: t0.Add(time.Second)}, // listed without payloads
		{ID: "fleet-2", EventID: "ev2"},
	}
	notOffered := &client.Error{StatusCode: 404, Err: client.ErrNotOffered}
	down := &client.Error{Op: "ListReports", Err: errors.New("connection refused")}

	tests := []struct {
		name                string
		api                 listingAPI
		rec                 *Record
		eventID             string
		wantIDs             []string
		listed              bool
		fromServer, fromRec int
		wantErr             bool
	}{
		{"offered: merged and deduped", listingAPI{reports: server}, rec, "ev1", []string{"fleet-1", "both", "local-only"}, true, 2, 1, false},
		{"not offered: record only", listingAPI{err: notOffered}, rec, "ev1", []string{"both", "local-only"}, false, 0, 2, false},
		{"all events", listingAPI{reports: server}, rec, "", []string{"fleet-1", "both", "fleet-2", "local-only", "other-event"}, true, 3, 2, false},
		{"no record", listingAPI{reports: server}, nil, "ev1", []string{"fleet-1", "both"}, true, 2, 0, false},
		{"server down: record and the error", listingAPI{err: down}, rec, "ev1", []string{"both", "local-only"}, false, 0, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Gather(context.Background(), tt.api, tt.rec, tt.eventID)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			var ids []string
			for _, r := range g.Reports {
				ids = append(ids, r.ID)
			}
			if !equal(ids, tt.wantIDs) || g.Listed != tt.listed || g.FromServer != tt.fromServer || g.FromRecord != tt.fromRec {
				t.Errorf("ids %v listed %v from server %d record %d", ids, g.Listed, g.FromServer, g.FromRecord)
			}
			for _, r := range g.Reports {
				if r.ID == "both" {
					if tt.rec != nil && (len(r.Payloads) != 1 || r.Payloads[0].ResourceID != "car-1") {
						t.Errorf("merged report lacks the payloads sent: %+v", r)
					}
					if tt.listed && !r.CreatedDateTime.Equal(t0.Add(time.Second)) {
						t.Errorf("merged report is not the server's copy: %+v", r)
					}
				}
			}
			if tt.rec != nil && (!g.SentAt["local-only"].Equal(t0.Add(time.Minute)) || g.RecordPath != rec.Path()) {
				t.Errorf("sentAt %v path %q", g.SentAt, g.RecordPath)
			}
		})
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// namedAPI is a listingAPI that names its server, as *client.Client does.
type namedAPI struct {
	listingAPI
	base string
}

func (a namedAPI) BaseURL() string { return a.base }

// TestGatherKeepsToTheAPIsServer: reports recorded against another server
// (the same profile pointed elsewhere, or a sandbox restarted with the same
// seed) do not count for this one.
func TestGatherKeepsToTheAPIsServer(t *testing.T) {
	rec := openTemp(t)
	notOffered := &client.Error{StatusCode: 404, Err: client.ErrNotOffered}
	for _, e := range []Entry{
		NewEntry("http://127.0.0.1:8080", request("ev1", "car-1", client.ActionStart, 7400), t0, client.Report{ID: "here", EventID: "ev1"}, nil),
		NewEntry("http://127.0.0.1:9090", request("ev1", "car-2", client.ActionStart, 7400), t0, client.Report{ID: "elsewhere", EventID: "ev1"}, nil),
	} {
		if err := rec.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	g, err := Gather(context.Background(), namedAPI{listingAPI{err: notOffered}, "http://127.0.0.1:8080/"}, rec, "ev1")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Reports) != 1 || g.Reports[0].ID != "here" {
		t.Errorf("reports %+v, want only the one sent to this server", g.Reports)
	}
}
