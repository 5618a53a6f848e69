package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/internal/state"
)

// noReportsAPI is a server without the GET /reports extension that names
// its base URL, as *client.Client does.
type noReportsAPI struct{ fakeAPI }

func (noReportsAPI) ListReports(context.Context) ([]client.Report, error) {
	return nil, &client.Error{StatusCode: 404, Err: client.ErrNotOffered}
}
func (noReportsAPI) BaseURL() string { return "http://127.0.0.1:8080" }

// TestReportsTabListsSentReportsWithoutTheExtension: the v1 API cannot list
// reports, so the ones this profile sent come from the local record.
func TestReportsTabListsSentReportsWithoutTheExtension(t *testing.T) {
	rec, err := sentreports.Open(t.TempDir() + "/default")
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Ready(); err != nil {
		t.Fatal(err)
	}
	req := client.ReportRequest{EventID: "ev-9", Name: "peak response", Payloads: []client.VehicleChargeActionPayload{
		{ResourceID: "car-1", ActionType: client.ActionStart, Location: client.Location{Latitude: 59.9, Longitude: 10.7}},
	}}
	sent := client.Report{ID: "rep-1", EventID: "ev-9", Name: "peak response", CreatedDateTime: fixedNow()}
	if err := rec.Append(sentreports.NewEntry("http://127.0.0.1:8080", req, fixedNow(), sent, nil)); err != nil {
		t.Fatal(err)
	}

	opts := testOptions(&noReportsAPI{})
	opts.SentReports = rec
	m := New(opts)
	t.Cleanup(m.Shutdown)
	m.Update(sizeMsg(testWidth, testHeight))
	load(t, m, state.Reports)
	press(m, "3")

	if shown, total := m.activeTab().Counts(); shown != 1 || total != 1 {
		t.Fatalf("reports %d/%d, want the one sent", shown, total)
	}
	if v := m.View(); !strings.Contains(v, "peak response") || !strings.Contains(v, "ev-9") {
		t.Errorf("the sent report is not listed:\n%s", v)
	}
	if m.cache.ReportsOffered() {
		t.Error("a server without GET /reports counted as offering it")
	}
}
