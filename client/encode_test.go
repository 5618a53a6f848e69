package client

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// validateAgainst checks v's JSON against a schema of openapi.yaml.
func validateAgainst(t *testing.T, schema string, data []byte) error {
	t.Helper()
	doc, err := LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	ref := doc.Components.Schemas[schema]
	if ref == nil {
		t.Fatalf("no schema %s", schema)
	}
	var value any
	if err := json.Unmarshal(data, &value); err != nil {
		t.Fatal(err)
	}
	return ref.Value.VisitJSON(value, openapi3.VisitAsResponse())
}

func sampleEvent() Event {
	return Event{
		ID: "evt-1", Name: "Evening peak", Priority: intp(0), ProgramID: "prog-1",
		CreatedDateTime:      time.Date(2024, 4, 30, 12, 0, 0, 123456700, time.UTC),
		ModificationDateTime: time.Date(2024, 4, 30, 12, 5, 0, 0, time.UTC),
		TargetResources:      []TargetResource{{"veh-1", "loc-1"}, {ResourceID: "veh-2"}},
		ReportDescriptors:    []ReportDescriptor{{PayloadType: ReportPayloadVehicleChargeAction, TargetResources: []string{"veh-1"}}},
		IntervalPeriod:       IntervalPeriod{Start: time.Date(2024, 5, 1, 16, 0, 0, 0, time.UTC), Duration: 26 * time.Hour, RandomizeStart: 90 * time.Second},
		Payload:              EventPayload{Type: PayloadCurrentLevel, Value: 16, HasValue: true},
	}
}

func TestEventMarshalJSONIsCanonicalAndRoundTrips(t *testing.T) {
	e := sampleEvent()
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"duration":"1.02:00:00"`, `"randomizeStart":"00:01:30"`, `"start":"2024-05-01T16:00:00Z"`,
		`"payload":{"payloadType":"CurrentLevel","targetCurrent":16}`, `"targetResources":[{"resourceId":"veh-1","locationId":"loc-1"},{"resourceId":"veh-2"}]`,
		`"createdDateTime":"2024-04-30T12:00:00.1234567Z"`, `"priority":0`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %s", data, want)
		}
	}
	if err := validateAgainst(t, "Event", data); err != nil {
		t.Errorf("Event JSON breaks the contract: %v\n%s", err, data)
	}
	back := mustEvent(t, string(data))
	back.Raw = nil
	if !reflect.DeepEqual(back, e) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, e)
	}
}

func TestEventMarshalJSONLeavesOutWhatCouldNotBeRead(t *testing.T) {
	e := mustEvent(t, `{"id":"e","intervalPeriod":{"start":"2024-05-01T16:00:00Z","duration":"soon"},"payload":{"payloadType":"PowerLevel","targetPower":"x"}}`)
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"duration"`) || strings.Contains(string(data), `"targetPower"`) {
		t.Errorf("made-up values: %s", data)
	}
	if err := validateAgainst(t, "Event", data); err != nil {
		t.Errorf("%v\n%s", err, data)
	}
	minimal, _ := json.Marshal(Event{ID: "bare"})
	if err := validateAgainst(t, "Event", minimal); err != nil {
		t.Errorf("%v\n%s", err, minimal)
	}
}

func TestResourceAndReportMarshalJSONMatchTheContract(t *testing.T) {
	res := Resource{ID: "r1", UserID: "u1", ResourceID: "veh-1", Metadata: VehicleResourceMetadata{ResourceType: "Vehicle", Brand: "Kia", Model: "EV6", Year: intp(2023), VIN: "KNDC14CF5P5000001"}}
	data, _ := json.Marshal(res)
	if err := validateAgainst(t, "Resource", data); err != nil {
		t.Errorf("%v\n%s", err, data)
	}
	var backRes Resource
	_ = json.Unmarshal(data, &backRes)
	backRes.Raw = nil
	if !reflect.DeepEqual(backRes, res) {
		t.Errorf("resource round trip %+v", backRes)
	}

	f := func(v float64) *float64 { return &v }
	rep := Report{ID: "rep-1", EventID: "evt-1", ProgramID: "prog-1", Name: "n", CreatedDateTime: time.Date(2024, 5, 1, 18, 0, 0, 0, time.UTC)}
	plain, _ := json.Marshal(rep)
	if strings.Contains(string(plain), "payloads") {
		t.Errorf("payloads without any: %s", plain)
	}
	if err := validateAgainst(t, "Report", plain); err != nil {
		t.Errorf("%v\n%s", err, plain)
	}
	rep.Payloads = []VehicleChargeActionPayload{{ResourceID: "veh-1", Location: Location{59.9, 10.7}, ActionType: ActionStart, Power: f(7400)}}
	withPayloads, _ := json.Marshal(rep)
	if !strings.Contains(string(withPayloads), `"payloadType":"VehicleChargeAction"`) {
		t.Errorf("payloadType not filled in: %s", withPayloads)
	}
	if err := validateAgainst(t, "ReportWithPayloads", withPayloads); err != nil {
		t.Errorf("%v\n%s", err, withPayloads)
	}
	if rep.Payloads[0].PayloadType != "" {
		t.Error("MarshalJSON changed the caller's payloads")
	}
}

// TestContractSchemasArePrecise makes sure a changed type fails the schema,
// which is what lets contract tests catch a server that changed a field.
func TestContractSchemasArePrecise(t *testing.T) {
	good, _ := json.Marshal(sampleEvent())
	breakages := map[string]func(m map[string]any){
		"priority as a string":  func(m map[string]any) { m["priority"] = "high" },
		"start as a number":     func(m map[string]any) { m["intervalPeriod"].(map[string]any)["start"] = 1714579200 },
		"duration not TimeSpan": func(m map[string]any) { m["intervalPeriod"].(map[string]any)["duration"] = "2 hours" },
		"unknown payload type":  func(m map[string]any) { m["payload"].(map[string]any)["payloadType"] = "Frequency" },
		"target as a string":    func(m map[string]any) { m["payload"].(map[string]any)["targetCurrent"] = "16" },
		"targets as strings":    func(m map[string]any) { m["targetResources"] = []any{"veh-1"} },
		"date not RFC 3339":     func(m map[string]any) { m["createdDateTime"] = "30/04/2024" },
		"id missing":            func(m map[string]any) { delete(m, "id") },
	}
	for name, breakIt := range breakages {
		var m map[string]any
		_ = json.Unmarshal(good, &m)
		breakIt(m)
		data, _ := json.Marshal(m)
		if err := validateAgainst(t, "Event", data); err == nil {
			t.Errorf("%s: the Event schema accepted %s", name, data)
		}
	}
}
