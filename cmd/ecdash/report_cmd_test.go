package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
)

// sandboxAPI is a plain client for the test sandbox, to look things up
// around the command under test.
func sandboxAPI(t *testing.T, baseURL string) client.API {
	t.Helper()
	api, err := client.New(client.Options{BaseURL: baseURL, Token: sandboxToken})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// pastEvent is a finished PowerLevel event of the seeded sandbox.
func pastEvent(t *testing.T, api client.API) client.Event {
	t.Helper()
	events, err := api.ListEvents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range events {
		if ev.Payload.Type == client.PayloadPowerLevel && ev.IntervalPeriod.End().Before(fixedNow) && len(ev.TargetResources) > 0 {
			return ev
		}
	}
	t.Fatal("the seeded sandbox has no past PowerLevel event")
	return client.Event{}
}

// reportJSON is a one-payload report file for eventID and resourceID.
func reportJSON(eventID, resourceID string) string {
	return fmt.Sprintf(`{
  "eventId": %q,
  "name": "cli test",
  "payloads": [{
    "payloadType": "VehicleChargeAction",
    "resourceId": %q,
    "location": {"latitude": 59.91, "longitude": 10.75},
    "actionType": "Start",
    "power": 7400,
    "stateOfCharge": 41.5,
    "batteryCapacity": 77
  }]
}
`, eventID, resourceID)
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func recordEntries(t *testing.T, stateDir string) []sentreports.Entry {
	t.Helper()
	rec, err := sentreports.Open(filepath.Join(stateDir, "default"))
	if err != nil {
		t.Fatal(err)
	}
	entries, bad, err := rec.All()
	if err != nil || len(bad) > 0 {
		t.Fatalf("reading the record: %v %v", err, bad)
	}
	return entries
}

func TestReportSendRecordsTheServersAnswer(t *testing.T) {
	c, url := sandboxCLI(t)
	api := sandboxAPI(t, url)
	ev := pastEvent(t, api)
	stateDir := t.TempDir()
	file := writeTemp(t, "report.json", reportJSON(ev.ID, ev.TargetResources[0].ResourceID))

	r := c.run(t, "report", "send", "--file", file, "--base-url", url, "--token", sandboxToken, "--state-dir", stateDir).mustSucceed(t)
	entries := recordEntries(t, stateDir)
	if len(entries) != 1 || entries[0].Outcome() != sentreports.Accepted {
		t.Fatalf("record: %+v", entries)
	}
	e := entries[0]
	id := e.Report.ID
	for _, want := range []string{"id:", id, "event:", ev.ID, "created:", "2025-06-01 12:00:00", "payloads sent: 1", "recorded in:", filepath.Join(stateDir, "default", "sent-reports.jsonl")} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !e.SentAt.Equal(fixedNow) || e.Server != url || e.Request.EventID != ev.ID || len(e.Request.Payloads) != 1 ||
		*e.Request.Payloads[0].Power != 7400 || strings.Contains(string(mustRead(t, filepath.Join(stateDir, "default", "sent-reports.jsonl"))), sandboxToken) {
		t.Errorf("entry = %+v", e)
	}
	// The server has it, with the payload as sent.
	got, err := api.GetReport(context.Background(), id)
	if err != nil || got.EventID != ev.ID || len(got.Payloads) != 1 || got.Payloads[0].ResourceID != ev.TargetResources[0].ResourceID {
		t.Errorf("server's copy: %+v, %v", got, err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReportSendFromStdinPrintsRawAnswer(t *testing.T) {
	c, url := sandboxCLI(t)
	ev := pastEvent(t, sandboxAPI(t, url))
	stateDir := t.TempDir()

	var out, errOut bytes.Buffer
	e := c.env(&out, &errOut)
	e.stdin = strings.NewReader(reportJSON(ev.ID, ev.TargetResources[0].ResourceID))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := run(ctx, e, []string{"report", "send", "--file", "-", "-o", "json", "--base-url", url, "--token", sandboxToken, "--state-dir", stateDir})
	if code != 0 || errOut.Len() != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var answer map[string]any
	if err := json.Unmarshal(out.Bytes(), &answer); err != nil {
		t.Fatalf("-o json is not JSON: %v\n%s", err, out.String())
	}
	entries := recordEntries(t, stateDir)
	if len(entries) != 1 || answer["id"] != entries[0].Report.ID || answer["eventId"] != ev.ID || answer["createdDateTime"] == nil {
		t.Errorf("answer %v, record %+v", answer, entries)
	}
	if _, has := answer["payloads"]; has {
		t.Error("the v1 answer has no payloads; -o json must print it as received")
	}
}

// countingServer fails the test if a report file that should have been
// refused reaches the network.
func countingServer(t *testing.T) (string, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, &n
}

func TestReportSendValidatesBeforeSending(t *testing.T) {
	url, requests := countingServer(t)
	good := reportJSON("ev-1", "car-1")
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"syntax", strings.Replace(good, `"name": "cli test",`, `"name": "cli test"`, 1), []string{"line 4 column 3", "invalid JSON"}},
		{"eventId missing", strings.Replace(good, `"eventId": "ev-1",`, ``, 1), []string{"eventId: is required"}},
		{"wrong payloadType", strings.Replace(good, `"VehicleChargeAction"`, `"Other"`, 1), []string{"payloads[0].payloadType: must be \"VehicleChargeAction\""}},
		{"resourceId missing", strings.Replace(good, `"resourceId": "car-1",`, ``, 1), []string{"payloads[0].resourceId: is required"}},
		{"latitude out of range", strings.Replace(good, `59.91`, `95`, 1), []string{"payloads[0].location.latitude: 95 is out of range"}},
		{"longitude out of range", strings.Replace(good, `10.75`, `200`, 1), []string{"payloads[0].location.longitude: 200 is out of range"}},
		{"location missing", strings.Replace(good, `"location": {"latitude": 59.91, "longitude": 10.75},`, ``, 1), []string{"payloads[0].location: is required"}},
		{"actionType", strings.Replace(good, `"Start"`, `"Begin"`, 1), []string{"payloads[0].actionType: must be \"Start\" or \"Stop\""}},
		{"number as string", strings.Replace(good, `7400`, `"7400"`, 1), []string{"payloads[0].power: must be a number"}},
		{"several at once", strings.Replace(strings.Replace(good, `7400`, `"7400"`, 1), `"Start"`, `"Begin"`, 1), []string{"2 problems", "actionType", "power"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stateDir := t.TempDir()
			file := writeTemp(t, "report.json", tt.doc)
			r := cli{}.run(t, "report", "send", "--file", file, "--base-url", url, "--token", sandboxToken, "--state-dir", stateDir)
			r.mustFail(t, append([]string{"report.json: not sent: "}, tt.want...), sandboxToken)
			if r.stdout != "" {
				t.Errorf("stdout on failure: %q", r.stdout)
			}
			if _, err := os.Stat(filepath.Join(stateDir, "default")); !os.IsNotExist(err) {
				t.Error("a refused file left something in the state directory")
			}
		})
	}
	// Usage errors, checked before anything else too.
	cli{}.run(t, "report", "send", "--base-url", url, "--token", sandboxToken).mustFail(t, []string{"needs --file"})
	cli{}.run(t, "report", "send", "--file", "/nonexistent/r.json", "--base-url", url, "--token", sandboxToken).mustFail(t, []string{"no such file"})
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached the server; want none", n)
	}
}

func TestReportSendRefusedIsOneLineAndRecorded(t *testing.T) {
	c, url := sandboxCLI(t)
	stateDir := t.TempDir()
	file := writeTemp(t, "report.json", reportJSON("no-such-event", "car-1"))
	r := c.run(t, "report", "send", "--file", file, "--base-url", url, "--token", sandboxToken, "--state-dir", stateDir)
	r.mustExit(t, exitNotFound, []string{"ecdash: POST /reports: 404 Not Found", "no-such-event"}, sandboxToken)
	if strings.Contains(r.stderr, "may have stored") {
		t.Errorf("a refusal is not an unknown outcome: %q", r.stderr)
	}
	entries := recordEntries(t, stateDir)
	if len(entries) != 1 || entries[0].Outcome() != sentreports.Refused || entries[0].Status != 404 ||
		!strings.Contains(entries[0].Error, "404") || entries[0].Report != nil {
		t.Fatalf("record: %+v", entries)
	}
}

func TestReportSendWithoutAnswerIsNotRetriedAndSaysSo(t *testing.T) {
	var posts atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		// The connection dies before an answer: the report may or may not be stored.
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer ts.Close()
	stateDir := t.TempDir()
	file := writeTemp(t, "report.json", reportJSON("ev-1", "car-1"))
	r := cli{}.run(t, "report", "send", "--file", file, "--base-url", ts.URL, "--token", sandboxToken, "--state-dir", stateDir)
	r.mustFail(t, []string{"POST /reports", "may have stored the report"}, sandboxToken)
	if n := posts.Load(); n != 1 {
		t.Errorf("%d POSTs; a report must be sent exactly once", n)
	}
	if entries := recordEntries(t, stateDir); len(entries) != 1 || entries[0].Outcome() != sentreports.Unknown {
		t.Errorf("record: %+v", entries)
	}
}

func TestReportSendNotSentWhenItCannotBeRecorded(t *testing.T) {
	url, requests := countingServer(t)
	notADir := writeTemp(t, "state", "a file, not a directory")
	file := writeTemp(t, "report.json", reportJSON("ev-1", "car-1"))
	cli{}.run(t, "report", "send", "--file", file, "--base-url", url, "--token", sandboxToken, "--state-dir", notADir).
		mustFail(t, []string{"not sent"}, sandboxToken)
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests: a report that cannot be recorded must not be sent", n)
	}
}
