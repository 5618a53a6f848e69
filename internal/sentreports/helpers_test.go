package sentreports

import (
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func f64(v float64) *float64 { return &v }

// request is a one-payload report for eventID.
func request(eventID, resourceID string, action client.ActionType, power float64) client.ReportRequest {
	return client.ReportRequest{EventID: eventID, Name: "test", Payloads: []client.VehicleChargeActionPayload{{
		ResourceID: resourceID, ActionType: action, Power: f64(power),
		Location: client.Location{Latitude: 59.9, Longitude: 10.7},
	}}}
}

// accepted is an entry for a report the server took under id.
func accepted(id string, req client.ReportRequest, sentAt time.Time) Entry {
	return NewEntry("http://127.0.0.1:1", req, sentAt, client.Report{ID: id, EventID: req.EventID, CreatedDateTime: sentAt.Add(time.Second)}, nil)
}

// openTemp opens a record in a fresh directory, nothing created yet.
func openTemp(t *testing.T) *Record {
	t.Helper()
	rec, err := Open(t.TempDir() + "/state/default")
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func mustAll(t *testing.T, rec *Record) ([]Entry, []BadLine) {
	t.Helper()
	entries, bad, err := rec.All()
	if err != nil {
		t.Fatal(err)
	}
	return entries, bad
}
