package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client/contract"
	"github.com/ecdash/ecdash/sandbox"
)

const sandboxToken = "sbx-test-token-4f9a2c7e1b"

// startTestSandbox serves our sandbox, seeded deterministically at the fixed
// clock, on a loopback httptest server.
func startTestSandbox(t *testing.T) *httptest.Server {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Token: sandboxToken, Seed: 7, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return ts
}

// sandboxCLI is a command line pointed at ts through flags, whose requests are
// checked against client/openapi.yaml.
func sandboxCLI(t *testing.T) (cli, string) {
	t.Helper()
	ts := startTestSandbox(t)
	chk, err := contract.NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	c := cli{httpClient: &http.Client{Transport: chk.Transport(http.DefaultTransport)}}
	t.Cleanup(func() {
		for _, v := range chk.Violations() {
			t.Errorf("contract violation: %s", v)
		}
		if len(chk.Seen()) == 0 {
			t.Error("the contract checker saw no exchange: the CLI did not use the test's HTTP client")
		}
	})
	return c, ts.URL
}

// rawGET fetches path from the server directly, for comparison with the CLI.
func rawGET(t *testing.T, baseURL, path string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, baseURL+path, nil)
	req.Header.Set("Authorization", "Bearer "+sandboxToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
	}
	return body
}

func compact(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return out.String()
}

func TestGetEventsJSONAgainstSandbox(t *testing.T) {
	c, url := sandboxCLI(t)
	r := c.run(t, "get", "events", "-o", "json", "--base-url", url, "--token", sandboxToken).mustSucceed(t)

	var events []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &events); err != nil {
		t.Fatalf("stdout is not a JSON array: %v\n%s", err, r.stdout)
	}
	if len(events) == 0 {
		t.Fatal("no events")
	}
	for i, ev := range events {
		if ev["intervalPeriod"] == nil || ev["payload"] == nil {
			t.Errorf("event %d lacks intervalPeriod or payload: %v", i, ev)
		}
	}
	// The objects are the server's, byte for byte once whitespace is ignored.
	if got, want := compact(t, []byte(r.stdout)), compact(t, rawGET(t, url, "/events")); got != want {
		t.Errorf("-o json differs from the server's answer:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(r.stdout, "\n  {\n    \"") {
		t.Errorf("output is not indented:\n%.300s", r.stdout)
	}
}

func TestGetResourcesTableAgainstSandbox(t *testing.T) {
	c, url := sandboxCLI(t)
	r := c.run(t, "get", "resources", "--base-url", url, "--token", sandboxToken).mustSucceed(t)
	lines := tableLines(r.stdout)
	if got := strings.Join(strings.Fields(lines[0]), " "); got != "RESOURCE ID USER BRAND MODEL YEAR VIN" {
		t.Fatalf("header %q", lines[0])
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(rawGET(t, url, "/resources"), &raw); err != nil {
		t.Fatal(err)
	}
	if rows := len(lines) - 1; rows != len(raw) || rows < 30 {
		t.Fatalf("%d rows for %d resources:\n%s", rows, len(raw), r.stdout)
	}
	// Columns are aligned: every row's VIN starts where the header's does.
	vinCol := strings.Index(lines[0], "VIN")
	for _, l := range lines[1:] {
		if len(l) < vinCol+17 || strings.Contains(l[vinCol:vinCol+17], " ") {
			t.Fatalf("VIN column misaligned in %q", l)
		}
	}
}

func TestGetEventsTableAgainstSandbox(t *testing.T) {
	c, url := sandboxCLI(t)
	r := c.run(t, "get", "events", "--base-url", url, "--token", sandboxToken).mustSucceed(t)
	lines := tableLines(r.stdout)
	if got := strings.Join(strings.Fields(lines[0]), " "); got != "ID NAME STATUS START DURATION TARGET TARGETS PRIORITY PROGRAM" {
		t.Fatalf("header %q", lines[0])
	}
	for _, status := range []string{"upcoming", "active", "done"} {
		if !strings.Contains(r.stdout, " "+status+" ") {
			t.Errorf("no %s event in:\n%s", status, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, " kW ") && !strings.Contains(r.stdout, " A ") {
		t.Errorf("no target with a unit in:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "!") {
		t.Errorf("our own sandbox's events show invalid fields:\n%s", r.stdout)
	}
}

func TestGetOneObjectAgainstSandbox(t *testing.T) {
	c, url := sandboxCLI(t)
	auth := []string{"--base-url", url, "--token", sandboxToken}

	var events []struct{ ID, Name string }
	if err := json.Unmarshal(rawGET(t, url, "/events"), &events); err != nil || len(events) == 0 {
		t.Fatalf("events: %v", err)
	}
	r := c.run(t, append([]string{"get", "event", events[0].ID}, auth...)...).mustSucceed(t)
	for _, want := range []string{"id:", events[0].ID, "name:", events[0].Name, "status:", "target:", "targets ("} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("event layout lacks %q:\n%s", want, r.stdout)
		}
	}
	r = c.run(t, append([]string{"get", "event", events[0].ID, "-o", "json"}, auth...)...).mustSucceed(t)
	if got, want := compact(t, []byte(r.stdout)), compact(t, rawGET(t, url, "/events/"+events[0].ID)); got != want {
		t.Errorf("get event -o json:\n got %s\nwant %s", got, want)
	}

	var resources []struct{ ResourceID string }
	if err := json.Unmarshal(rawGET(t, url, "/resources"), &resources); err != nil || len(resources) == 0 {
		t.Fatalf("resources: %v", err)
	}
	r = c.run(t, append([]string{"get", "resource", resources[0].ResourceID}, auth...)...).mustSucceed(t)
	if !strings.Contains(r.stdout, "vin:") || !strings.Contains(r.stdout, resources[0].ResourceID) {
		t.Errorf("resource layout:\n%s", r.stdout)
	}

	c.run(t, append([]string{"get", "resource", "no-such-vehicle"}, auth...)...).
		mustExit(t, exitNotFound, []string{"404"}, sandboxToken)
}

func TestGetSubscriptionsMasksSecrets(t *testing.T) {
	c, url := sandboxCLI(t)
	const secret = "webhook-secret-do-not-print-123"
	body := `{"webhookUrl":"https://partner.example/hook","webhookSecret":"` + secret + `","eventPayloadTypes":["PowerLevel"],"operationTypes":["Create","Delete"]}`
	req, _ := http.NewRequest(http.MethodPost, url+"/subscriptions", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+sandboxToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 || created.ID == "" {
		t.Fatalf("creating a subscription: %d", resp.StatusCode)
	}

	auth := []string{"--base-url", url, "--token", sandboxToken}
	for _, args := range [][]string{
		{"get", "subscriptions"},
		{"get", "subscriptions", "-o", "json"},
		{"get", "subscription", created.ID},
		{"get", "subscription", created.ID, "-o", "json"},
	} {
		r := c.run(t, append(args, auth...)...).mustSucceed(t)
		if strings.Contains(r.stdout, secret) {
			t.Errorf("%v prints the webhook secret:\n%s", args, r.stdout)
		}
		if !strings.Contains(r.stdout, "https://partner.example/hook") || !strings.Contains(r.stdout, "••••") {
			t.Errorf("%v lacks the URL or the masked secret:\n%s", args, r.stdout)
		}
	}
	r := c.run(t, append([]string{"get", "subscriptions"}, auth...)...)
	if !strings.Contains(r.stdout, "PowerLevel") || !strings.Contains(r.stdout, "Create,Delete") {
		t.Errorf("payload types or operations missing:\n%s", r.stdout)
	}
}

func TestGetReportsFromSandboxExtension(t *testing.T) {
	c, url := sandboxCLI(t)
	r := c.run(t, "get", "reports", "--base-url", url, "--token", sandboxToken).mustSucceed(t)
	if got := strings.Join(strings.Fields(tableLines(r.stdout)[0]), " "); got != "ID EVENT NAME PROGRAM CREATED PAYLOADS" {
		t.Fatalf("header %q", got)
	}
}

func TestWrongTokenIsOneLineWithoutTheToken(t *testing.T) {
	c, url := sandboxCLI(t)
	const wrong = "not-the-right-token-88ad"
	for _, args := range [][]string{
		{"get", "events"},
		{"get", "events", "-o", "json"},
		{"get", "resources"},
	} {
		r := c.run(t, append(args, "--base-url", url, "--token", wrong)...)
		r.mustExit(t, exitAuth, []string{"ecdash: GET /" + args[1] + ": 401 Unauthorized"}, wrong, sandboxToken)
		if r.stdout != "" {
			t.Errorf("%v printed to stdout on failure: %q", args, r.stdout)
		}
	}
}
