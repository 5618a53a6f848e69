package fleet

import (
	"encoding/json"
	"fmt"
	"io"
)

// The JSON export's shape. Numbers are rounded to 3 decimals; times are
// RFC 3339 in UTC; each row's vehicles array follows the top-level vehicles.
type (
	jsonExport struct {
		EventID     string        `json:"eventId"`
		EventName   string        `json:"eventName"`
		PayloadType string        `json:"payloadType"`
		Unit        string        `json:"unit"`
		Step        string        `json:"step"`
		StepSeconds float64       `json:"stepSeconds"`
		ValuesAre   string        `json:"valuesAre"`
		Vehicles    []jsonVehicle `json:"vehicles"`
		Rows        []jsonRow     `json:"rows"`
		Summary     jsonSummary   `json:"summary"`
	}
	jsonVehicle struct {
		ResourceID   string  `json:"resourceId"`
		Targeted     bool    `json:"targeted"`
		Status       string  `json:"status"`
		StoppedEarly bool    `json:"stoppedEarly"`
		FirstStart   string  `json:"firstStart,omitempty"`
		Energy       float64 `json:"energy"`
	}
	jsonRow struct {
		Time     string    `json:"time"`
		Target   float64   `json:"target"`
		Fleet    float64   `json:"fleet"`
		Vehicles []float64 `json:"vehicles"`
	}
	jsonSummary struct {
		Start         string   `json:"start"`
		End           string   `json:"end"`
		Now           string   `json:"now"`
		GraceSeconds  float64  `json:"graceSeconds"`
		VehicleTarget float64  `json:"vehicleTarget"`
		FleetTarget   float64  `json:"fleetTarget"`
		EnergyUnit    string   `json:"energyUnit"`
		Delivered     float64  `json:"delivered"`
		TargetEnergy  float64  `json:"targetEnergy"`
		Percent       *float64 `json:"percent"` // null before the start or without a target
		// The same from the end of the randomize-start window.
		AfterWindow struct {
			From           string   `json:"from"`
			Delivered      float64  `json:"delivered"`
			TargetEnergy   float64  `json:"targetEnergy"`
			Percent        *float64 `json:"percent"`
			ElapsedSeconds float64  `json:"elapsedSeconds"`
		} `json:"afterWindow"`
		ElapsedSeconds float64 `json:"elapsedSeconds"`
		Counts         struct {
			Targeted     int `json:"targeted"`
			Responded    int `json:"responded"`
			Late         int `json:"late"`
			Silent       int `json:"silent"`
			Pending      int `json:"pending"`
			StoppedEarly int `json:"stoppedEarly"`
			Extra        int `json:"extra"`
		} `json:"counts"`
		Silent       []string `json:"silent"`
		Late         []string `json:"late"`
		StoppedEarly []string `json:"stoppedEarly"`
		Extra        []string `json:"extra"`
		Anomalies    []string `json:"anomalies"`
	}
)

// WriteJSON writes the table as one indented JSON document with the
// vehicles, the rows and the summary.
func WriteJSON(w io.Writer, t Table) error {
	s := t.Summary
	out := jsonExport{
		EventID: s.EventID, EventName: s.EventName, PayloadType: string(s.PayloadType), Unit: s.Unit,
		Step: t.Step.String(), StepSeconds: t.Step.Seconds(),
		ValuesAre: "mean over [time, time+step) in unit; fleet = sum over targeted vehicles",
		Vehicles:  make([]jsonVehicle, 0, len(t.Vehicles)),
		Rows:      make([]jsonRow, 0, len(t.Rows)),
	}
	for _, v := range t.Vehicles {
		out.Vehicles = append(out.Vehicles, jsonVehicle{
			ResourceID: v.ResourceID, Targeted: v.Targeted, Status: string(v.Status),
			StoppedEarly: v.StoppedEarly, FirstStart: exportTime(v.FirstStart), Energy: round3(v.Energy),
		})
	}
	for _, r := range t.Rows {
		jr := jsonRow{Time: exportTime(r.T), Target: round3(r.Target), Fleet: round3(r.Fleet), Vehicles: make([]float64, len(r.Vehicles))}
		for i, v := range r.Vehicles {
			jr.Vehicles[i] = round3(v)
		}
		out.Rows = append(out.Rows, jr)
	}
	out.Summary = jsonSummaryOf(s)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write JSON export: %w", err)
	}
	return nil
}

func jsonSummaryOf(s Summary) jsonSummary {
	c := s.Compliance
	js := jsonSummary{
		Start: exportTime(s.Start), End: exportTime(s.End), Now: exportTime(s.Now),
		GraceSeconds:  s.Grace.Seconds(),
		VehicleTarget: round3(s.VehicleTarget), FleetTarget: round3(s.FleetTarget),
		EnergyUnit: c.Unit, Delivered: round3(c.Delivered), TargetEnergy: round3(c.Target),
		ElapsedSeconds: c.Elapsed.Seconds(),
		Silent:         nonNil(s.Silent), Late: nonNil(s.Late), StoppedEarly: nonNil(s.StoppedEarly),
		Extra: nonNil(s.Extra), Anomalies: nonNil(s.Anomalies),
	}
	if c.HasPercent {
		p := round3(c.Percent)
		js.Percent = &p
	}
	aw := &js.AfterWindow
	aw.From, aw.Delivered, aw.TargetEnergy = exportTime(s.WindowEnd), round3(s.AfterWindow.Delivered), round3(s.AfterWindow.Target)
	aw.ElapsedSeconds = s.AfterWindow.Elapsed.Seconds()
	if s.AfterWindow.HasPercent {
		p := round3(s.AfterWindow.Percent)
		aw.Percent = &p
	}
	n := s.Counts
	js.Counts.Targeted, js.Counts.Responded, js.Counts.Late = n.Targeted, n.Responded, n.Late
	js.Counts.Silent, js.Counts.Pending, js.Counts.StoppedEarly, js.Counts.Extra = n.Silent, n.Pending, n.StoppedEarly, n.Extra
	return js
}

// nonNil makes empty lists [] rather than null, so consumers can iterate.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
