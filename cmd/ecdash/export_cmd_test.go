package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/sandbox"
)

// parseCSVExport reads an export's records, skipping the '#' summary.
func parseCSVExport(t *testing.T, text string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, text)
	}
	if len(recs) == 0 {
		t.Fatal("empty CSV")
	}
	return recs
}

func TestExportPastEventCSVAgainstSandbox(t *testing.T) {
	c, url := sandboxCLI(t)
	ev := pastEvent(t, sandboxAPI(t, url))
	args := []string{"export", "event", ev.ID, "-o", "csv", "--step", "5m", "--base-url", url, "--token", sandboxToken, "--state-dir", t.TempDir()}
	r := c.run(t, args...).mustSucceed(t)

	recs := parseCSVExport(t, r.stdout)
	header := recs[0]
	if strings.Join(header[:3], ",") != "time,target_W,fleet_W" || len(header) < 3+len(ev.TargetResources) {
		t.Fatalf("header %q for %d targets", header, len(ev.TargetResources))
	}
	rows := recs[1:]
	if want := int(ev.IntervalPeriod.Duration / (5 * time.Minute)); len(rows) != want {
		t.Fatalf("%d rows, want one per 5 minutes of %s: %d", len(rows), ev.IntervalPeriod.Duration, want)
	}
	nonZero := 0
	for i, row := range rows {
		if want := ev.IntervalPeriod.Start.Add(time.Duration(i) * 5 * time.Minute).UTC().Format(time.RFC3339); row[0] != want {
			t.Fatalf("row %d time %s, want %s", i, row[0], want)
		}
		target, err1 := strconv.ParseFloat(row[1], 64)
		fleet, err2 := strconv.ParseFloat(row[2], 64)
		if err1 != nil || err2 != nil || target != ev.Payload.Value*float64(len(ev.TargetResources)) {
			t.Fatalf("row %d = %q", i, row)
		}
		if fleet > 0 {
			nonZero++
		}
	}
	if nonZero < len(rows)/2 {
		t.Errorf("only %d of %d rows have a non-zero fleet value: the sandbox fleet's reports are missing\n%s", nonZero, len(rows), r.stdout)
	}
	for _, want := range []string{"\n# event: " + ev.ID, "\n# delivered: ", "\n# vehicles: targeted " + strconv.Itoa(len(ev.TargetResources))} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q", want)
		}
	}

	// The default step is a minute.
	r1 := c.run(t, "export", "event", ev.ID, "--base-url", url, "--token", sandboxToken, "--state-dir", t.TempDir()).mustSucceed(t)
	if got, want := len(parseCSVExport(t, r1.stdout))-1, int(ev.IntervalPeriod.Duration/time.Minute); got != want {
		t.Errorf("default step: %d rows, want %d", got, want)
	}

	// --output writes the same bytes to a file and says where.
	out := filepath.Join(t.TempDir(), "export.csv")
	r2 := c.run(t, append(args, "--file", out)...).mustSucceed(t)
	if got := string(mustRead(t, out)); got != r.stdout {
		t.Errorf("--output file differs from stdout")
	}
	if !strings.HasPrefix(r2.stdout, "wrote "+out+": "+strconv.Itoa(len(rows))+" rows") {
		t.Errorf("--output message %q", r2.stdout)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*.tmp")); len(matches) != 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}

func TestExportJSONShape(t *testing.T) {
	c, url := sandboxCLI(t)
	ev := pastEvent(t, sandboxAPI(t, url))
	r := c.run(t, "export", "event", ev.ID, "-o", "json", "--step", "15m", "--base-url", url, "--token", sandboxToken, "--state-dir", t.TempDir()).mustSucceed(t)
	var got struct {
		EventID  string `json:"eventId"`
		Unit     string `json:"unit"`
		Step     string `json:"step"`
		Vehicles []struct {
			ResourceID string `json:"resourceId"`
			Targeted   bool   `json:"targeted"`
			Status     string `json:"status"`
		} `json:"vehicles"`
		Rows []struct {
			Time     string    `json:"time"`
			Target   float64   `json:"target"`
			Fleet    float64   `json:"fleet"`
			Vehicles []float64 `json:"vehicles"`
		} `json:"rows"`
		Summary struct {
			Delivered  float64  `json:"delivered"`
			EnergyUnit string   `json:"energyUnit"`
			Percent    *float64 `json:"percent"`
			Counts     struct {
				Targeted, Responded int
			} `json:"counts"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%.500s", err, r.stdout)
	}
	if got.EventID != ev.ID || got.Unit != "W" || got.Step != "15m0s" || len(got.Vehicles) < len(ev.TargetResources) {
		t.Fatalf("header: %+v", got)
	}
	if want := int(ev.IntervalPeriod.Duration / (15 * time.Minute)); len(got.Rows) != want {
		t.Fatalf("%d rows, want %d", len(got.Rows), want)
	}
	for i, row := range got.Rows {
		if len(row.Vehicles) != len(got.Vehicles) {
			t.Fatalf("row %d has %d vehicle values for %d vehicles", i, len(row.Vehicles), len(got.Vehicles))
		}
	}
	s := got.Summary
	if s.EnergyUnit != "kWh" || s.Delivered <= 0 || s.Percent == nil || s.Counts.Targeted != len(ev.TargetResources) || s.Counts.Responded == 0 {
		t.Errorf("summary: %+v", s)
	}
}

func TestExportUnknownEventIsOneLine404(t *testing.T) {
	c, url := sandboxCLI(t)
	r := c.run(t, "export", "event", "no-such-event", "--base-url", url, "--token", sandboxToken, "--state-dir", t.TempDir())
	r.mustExit(t, exitNotFound, []string{"ecdash: GET /events/no-such-event: 404"}, sandboxToken)
	if r.stdout != "" {
		t.Errorf("stdout on failure: %q", r.stdout)
	}
}

func TestExportRejectsBadFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-o", "xml"}, exitUsage, `invalid export format "xml": use -o csv or -o json (the file is --file)`},
		{[]string{"--output", "export.csv"}, exitUsage, `invalid export format "export.csv"`}, // the file was --output before
		{[]string{"--step", "0s"}, exitError, "invalid --step 0s"},
		{[]string{"--grace", "-1m"}, exitError, "invalid --grace"},
	} {
		// No server: flags are checked before anything is fetched.
		cli{}.run(t, append([]string{"export", "event", "e1", "--base-url", "http://127.0.0.1:1", "--token", sandboxToken}, tt.args...)...).
			mustExit(t, tt.code, []string{tt.want})
	}
}

// foreignSandbox serves the sandbox as a server without the GET /reports
// extension would: 404 on /reports reads.
func foreignSandbox(t *testing.T) string {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Token: sandboxToken, Seed: 7, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && (r.URL.Path == "/reports" || strings.HasPrefix(r.URL.Path, "/reports/")) {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return ts.URL
}

func TestExportWithoutReportsExtensionSaysSoWhenNothingIsFound(t *testing.T) {
	url := foreignSandbox(t)
	ev := pastEvent(t, sandboxAPI(t, url))
	r := cli{}.run(t, "export", "event", ev.ID, "--step", "30m", "--base-url", url, "--token", sandboxToken, "--state-dir", t.TempDir())
	if r.code != 0 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "does not list reports") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, row := range parseCSVExport(t, r.stdout)[1:] {
		if row[1] == "0" || row[2] != "0" {
			t.Errorf("row %q: want the target and no fleet value", row)
		}
	}
}

func TestExportWithoutReportsExtensionUsesTheLocalRecord(t *testing.T) {
	url := foreignSandbox(t)
	api := sandboxAPI(t, url)
	events, err := api.ListEvents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ev client.Event
	for _, e := range events {
		if !e.IntervalPeriod.Start.After(fixedNow) && e.IntervalPeriod.End().After(fixedNow.Add(time.Hour)) && len(e.TargetResources) > 0 {
			ev = e
			break
		}
	}
	if ev.ID == "" {
		t.Fatal("the seeded sandbox has no event running from now for an hour")
	}
	vehicle := ev.TargetResources[0].ResourceID
	stateDir := t.TempDir()
	file := writeTemp(t, "report.json", reportJSON(ev.ID, vehicle))
	cli{}.run(t, "report", "send", "--file", file, "--base-url", url, "--token", sandboxToken, "--state-dir", stateDir).mustSucceed(t)

	// Export 30 minutes later: the Start sent at 12:00 holds 7400 W since.
	var out, errOut bytes.Buffer
	e := cli{}.env(&out, &errOut)
	later := fixedNow.Add(30 * time.Minute)
	e.now = func() time.Time { return later }
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := run(ctx, e, []string{"export", "event", ev.ID, "--step", "10m", "--base-url", url, "--token", sandboxToken, "--state-dir", stateDir})
	if code != 0 || errOut.Len() != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	recs := parseCSVExport(t, out.String())
	col := -1
	for i, h := range recs[0] {
		if h == vehicle {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no column for %s in %q", vehicle, recs[0])
	}
	for _, row := range recs[1:] {
		at, _ := time.Parse(time.RFC3339, row[0])
		want := "0"
		if !at.Before(fixedNow) {
			want = "7400"
		}
		if row[col] != want || row[2] != want {
			t.Errorf("row %s: vehicle %s fleet %s, want %s for both", row[0], row[col], row[2], want)
		}
	}
	if last, _ := time.Parse(time.RFC3339, recs[len(recs)-1][0]); !last.Equal(later.Add(-10 * time.Minute)) {
		t.Errorf("last row at %s, want the step before now (%s)", last, later)
	}
}
