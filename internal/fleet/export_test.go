package fleet_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/fleet/fleettest"
)

// exportFixture: a (7 kW from 10:00 to 10:30), b (7.4 kW from 10:20), c
// silent, x extra; exported at 10:45 with a 15-minute step.
func exportFixture(t *testing.T) fleet.Table {
	t.Helper()
	acts := []fleet.Action{
		fleettest.Start("a", 0, 7000), fleettest.Stop("a", 30),
		fleettest.Start("b", 20, 7400),
		fleettest.Start("x", 5, 1000),
	}
	a := fleet.Analyze(fleettest.Event("a", "b", "c"), acts, fleettest.At(45), fleet.DefaultOptions())
	tab, err := fleet.Sample(a, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestSample(t *testing.T) {
	tab := exportFixture(t)
	if len(tab.Rows) != 3 {
		t.Fatalf("rows = %d, want 3 (10:00, 10:15, 10:30 up to now 10:45)", len(tab.Rows))
	}
	// 10:15–10:30: a 7000 all along, b 7400 for the last 10 of 15 minutes.
	r := tab.Rows[1]
	wantB := 7400.0 * 10 / 15
	if !r.T.Equal(fleettest.At(15)) || !fleettest.Near(r.Target, 3*7400) || !fleettest.Near(r.Fleet, 7000+wantB) ||
		!reflect.DeepEqual(r.Vehicles, []float64{7000, wantB, 0, 1000}) {
		t.Errorf("row 10:15 = %+v", r)
	}
	// Rows × step add up to the summary's delivered energy.
	sum := 0.0
	for _, r := range tab.Rows {
		sum += r.Fleet * 0.25 / 1000
	}
	if !fleettest.Near(sum, tab.Summary.Compliance.Delivered) {
		t.Errorf("rows add to %v kWh, summary says %v", sum, tab.Summary.Compliance.Delivered)
	}
	if !reflect.DeepEqual(tab.Summary.Silent, []string{"c"}) || !reflect.DeepEqual(tab.Summary.Extra, []string{"x"}) ||
		!reflect.DeepEqual(tab.Summary.StoppedEarly, []string{"a"}) {
		t.Errorf("summary lists: %+v", tab.Summary)
	}
}

func TestSampleErrors(t *testing.T) {
	a := fleet.Analyze(fleettest.Event("a"), nil, fleettest.At(30), fleet.DefaultOptions())
	if _, err := fleet.Sample(a, 0); err == nil || !strings.Contains(err.Error(), "positive") {
		t.Errorf("step 0: err = %v", err)
	}
	if _, err := fleet.Sample(a, time.Nanosecond); err == nil || !strings.Contains(err.Error(), "longer step") {
		t.Errorf("tiny step: err = %v", err)
	}
	ev := fleettest.Event("a")
	ev.IntervalPeriod.Start = time.Time{}
	if _, err := fleet.Sample(fleet.Analyze(ev, nil, fleettest.At(30), fleet.DefaultOptions()), time.Minute); err == nil {
		t.Error("no interval: want an error")
	}
	before, err := fleet.Sample(fleet.Analyze(fleettest.Event("a"), nil, fleettest.At(-5), fleet.DefaultOptions()), time.Minute)
	if err != nil || len(before.Rows) != 0 {
		t.Errorf("before start: rows=%d err=%v, want none", len(before.Rows), err)
	}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := fleet.WriteCSV(&buf, exportFixture(t)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	r := csv.NewReader(strings.NewReader(text))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, text)
	}
	want := [][]string{
		{"time", "target_W", "fleet_W", "a", "b", "c", "x"},
		{"2025-03-01T10:00:00Z", "22200", "7000", "7000", "0", "0", "666.667"},
		{"2025-03-01T10:15:00Z", "22200", "11933.333", "7000", "4933.333", "0", "1000"},
		{"2025-03-01T10:30:00Z", "22200", "7400", "0", "7400", "0", "1000"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("CSV records\n got %q\nwant %q", recs, want)
	}
	for _, s := range []string{
		"# delivered: 6.583 kWh of 16.65 kWh target (39.54%) over 45m0s",
		// From 10:10: the whole less a's first 10 minutes at 7 kW (1.167 kWh), against 22.2 kW for 35 minutes.
		"# delivered after the randomize-start window (from 2025-03-01T10:10:00Z): 5.417 kWh of 12.95 kWh target (41.828%) over 35m0s",
		"# vehicles: targeted 3, responded 1, late 1, silent 1, pending 0, stopped early 1, extra 1 (grace 5m0s)",
		"# silent: c", "# extra (not targeted, not in fleet): x",
	} {
		if !strings.Contains(text, s+"\n") {
			t.Errorf("summary line %q missing in\n%s", s, text)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := fleet.WriteJSON(&buf, exportFixture(t)); err != nil {
		t.Fatal(err)
	}
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
			Fleet    float64   `json:"fleet"`
			Vehicles []float64 `json:"vehicles"`
		} `json:"rows"`
		Summary struct {
			Delivered   float64  `json:"delivered"`
			EnergyUnit  string   `json:"energyUnit"`
			Percent     *float64 `json:"percent"`
			AfterWindow struct {
				From      string   `json:"from"`
				Delivered float64  `json:"delivered"`
				Percent   *float64 `json:"percent"`
			} `json:"afterWindow"`
			Counts struct {
				Silent int `json:"silent"`
			} `json:"counts"`
			Silent    []string `json:"silent"`
			Anomalies []string `json:"anomalies"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("JSON does not parse: %v", err)
	}
	if got.EventID != "ev-1" || got.Unit != "W" || got.Step != "15m0s" || len(got.Vehicles) != 4 ||
		got.Vehicles[2].Status != "silent" || got.Vehicles[3].Targeted {
		t.Errorf("header fields: %+v", got)
	}
	if len(got.Rows) != 3 || got.Rows[1].Fleet != 11933.333 || len(got.Rows[1].Vehicles) != 4 {
		t.Errorf("rows: %+v", got.Rows)
	}
	if got.Summary.Delivered != 6.583 || got.Summary.EnergyUnit != "kWh" || got.Summary.Percent == nil ||
		*got.Summary.Percent != 39.54 || got.Summary.Counts.Silent != 1 || got.Summary.Anomalies == nil {
		t.Errorf("summary: %+v", got.Summary)
	}
	if aw := got.Summary.AfterWindow; aw.From != "2025-03-01T10:10:00Z" || aw.Delivered != 5.417 || aw.Percent == nil || *aw.Percent != 41.828 {
		t.Errorf("after the randomize window: %+v", aw)
	}
}
