package sentreports

import (
	"errors"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestReportsKeepsAcceptedWithPayloadsAndSendTimes(t *testing.T) {
	req := request("ev1", "car-1", client.ActionStart, 7400)
	noID := NewEntry("", request("ev1", "car-3", client.ActionStop, 0), t0.Add(2*time.Minute), client.Report{}, nil)
	entries := []Entry{
		accepted("r1", req, t0),
		NewEntry("", request("ev1", "car-2", client.ActionStart, 1), t0, client.Report{}, &client.Error{StatusCode: 422}),
		NewEntry("", request("ev1", "car-2", client.ActionStart, 1), t0, client.Report{}, errors.New("timeout")),
		accepted("r1", request("ev1", "car-9", client.ActionStart, 1), t0.Add(time.Hour)), // same id again
		noID,
	}
	reports, sentAt := Reports(entries)
	if len(reports) != 2 {
		t.Fatalf("%d reports, want 2 (accepted r1 and the id-less one): %+v", len(reports), reports)
	}
	r := reports[0]
	if r.ID != "r1" || r.EventID != "ev1" || r.Name != "test" || len(r.Payloads) != 1 ||
		r.Payloads[0].ResourceID != "car-1" || r.Payloads[0].PayloadType != client.ReportPayloadVehicleChargeAction ||
		*r.Payloads[0].Power != 7400 || !sentAt["r1"].Equal(t0) {
		t.Errorf("report 0 = %+v, sentAt %v", r, sentAt["r1"])
	}
	if req.Payloads[0].PayloadType != "" {
		t.Error("Reports changed the entry's request")
	}
	local := reports[1]
	if local.ID != "local:2025-06-01T12:02:00Z" || !sentAt[local.ID].Equal(t0.Add(2*time.Minute)) || local.EventID != "ev1" {
		t.Errorf("id-less report = %+v", local)
	}
}
