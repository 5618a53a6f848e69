package client

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustEvent(t *testing.T, s string) Event {
	t.Helper()
	var e Event
	if err := json.Unmarshal([]byte(s), &e); err != nil {
		t.Fatalf("Unmarshal(%s): %v", s, err)
	}
	return e
}

// problemFields lists the Field of each problem, for comparing in tests.
func problemFields(ps []FieldProblem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func TestDecodeEventCanonical(t *testing.T) {
	const body = `{
	  "name": "Evening peak", "priority": 1, "programId": "prog-1",
	  "reportDescriptors": [{"payloadType": "VehicleChargeAction", "targetResources": ["veh-1", "veh-2"]}],
	  "targetResources": [{"resourceId": "veh-1", "locationId": "loc-1"}, {"resourceId": "veh-2", "locationId": null}],
	  "intervalPeriod": {"start": "2024-05-01T16:00:00Z", "duration": "02:00:00", "randomizeStart": "00:15:00"},
	  "payload": {"payloadType": "PowerLevel", "targetPower": 7400.5},
	  "id": "evt-1", "createdDateTime": "2024-04-30T12:00:00.1234567Z", "modificationDateTime": "2024-04-30T12:05:00Z",
	  "somethingNew": {"ignored": true}
	}`
	e := mustEvent(t, body)
	if len(e.Problems) != 0 {
		t.Fatalf("problems: %v", e.Problems)
	}
	one := 1
	want := Event{
		ID: "evt-1", Name: "Evening peak", Priority: &one, ProgramID: "prog-1",
		CreatedDateTime:      time.Date(2024, 4, 30, 12, 0, 0, 123456700, time.UTC),
		ModificationDateTime: time.Date(2024, 4, 30, 12, 5, 0, 0, time.UTC),
		TargetResources:      []TargetResource{{"veh-1", "loc-1"}, {"veh-2", ""}},
		ReportDescriptors:    []ReportDescriptor{{PayloadType: "VehicleChargeAction", TargetResources: []string{"veh-1", "veh-2"}}},
		IntervalPeriod: IntervalPeriod{
			Start: time.Date(2024, 5, 1, 16, 0, 0, 0, time.UTC), Duration: 2 * time.Hour, RandomizeStart: 15 * time.Minute,
		},
		Payload: EventPayload{Type: PayloadPowerLevel, Value: 7400.5, HasValue: true},
	}
	e.Raw = nil
	if !reflect.DeepEqual(e, want) {
		t.Errorf("got  %+v\nwant %+v", e, want)
	}
	if got := mustEvent(t, body).Raw; string(got) != strings.TrimSpace(body) {
		t.Errorf("Raw is not the exact bytes: %s", got)
	}
	if e.Payload.Unit() != "W" || e.IntervalPeriod.End() != want.IntervalPeriod.Start.Add(2*time.Hour) {
		t.Errorf("unit %q end %v", e.Payload.Unit(), e.IntervalPeriod.End())
	}
}

func TestDecodeEventTolerance(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		check    func(t *testing.T, e Event)
		problems []string // fields expected in Problems, in order
	}{
		{
			name: "nulls everywhere",
			body: `{"id":"e","name":null,"priority":null,"programId":null,"reportDescriptors":null,"targetResources":null,
			        "intervalPeriod":{"start":null,"duration":null,"randomizeStart":null},"payload":null,
			        "createdDateTime":null,"modificationDateTime":null}`,
			check: func(t *testing.T, e Event) {
				if e.ID != "e" || e.Priority != nil || e.TargetResources != nil || !e.IntervalPeriod.Start.IsZero() || e.Payload.HasValue {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name: "empty object",
			body: `{}`,
			check: func(t *testing.T, e Event) {
				if e.ID != "" || e.Payload.Type != "" {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name: "numbers as strings, ISO durations, no offset",
			body: `{"id":42,"priority":"3","intervalPeriod":{"start":"2024-05-01T16:00:00","duration":"PT2H","randomizeStart":"PT0.5S"},
			        "payload":{"payloadType":"CurrentLevel","targetCurrent":"16"}}`,
			check: func(t *testing.T, e Event) {
				if e.ID != "42" || *e.Priority != 3 || e.IntervalPeriod.Duration != 2*time.Hour ||
					e.IntervalPeriod.RandomizeStart != 500*time.Millisecond ||
					!e.IntervalPeriod.Start.Equal(time.Date(2024, 5, 1, 16, 0, 0, 0, time.UTC)) ||
					e.Payload != (EventPayload{Type: PayloadCurrentLevel, Value: 16, HasValue: true}) || e.Payload.Unit() != "A" {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name: "targets as strings and OpenADR",
			body: `{"targetResources":["veh-1", {"targetType":"RESOURCE_NAME","values":["veh-2","veh-3"]},
			        {"targetType":"resourceId","values":["veh-4"]}, {"targetType":"POWER_SERVICE_LOCATION","values":["loc-9"]}, 7]}`,
			check: func(t *testing.T, e Event) {
				want := []TargetResource{{ResourceID: "veh-1"}, {ResourceID: "veh-2"}, {ResourceID: "veh-3"}, {ResourceID: "veh-4"}, {LocationID: "loc-9"}, {ResourceID: "7"}}
				if !reflect.DeepEqual(e.TargetResources, want) {
					t.Errorf("targets %+v", e.TargetResources)
				}
			},
		},
		{
			name: "one OpenADR target object instead of a list",
			body: `{"targetResources":{"targetType":"RESOURCE_NAME","values":["veh-2"]}}`,
			check: func(t *testing.T, e Event) {
				if !reflect.DeepEqual(e.TargetResources, []TargetResource{{ResourceID: "veh-2"}}) {
					t.Errorf("targets %+v", e.TargetResources)
				}
			},
		},
		{
			name: "PascalCase members",
			body: `{"Id":"e1","Payload":{"PayloadType":"PowerLevel","TargetPower":11000}}`,
			check: func(t *testing.T, e Event) {
				if e.ID != "e1" || e.Payload.Value != 11000 {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name: "payload type inferred from the value's name",
			body: `{"payload":{"targetPower":3700}}`,
			check: func(t *testing.T, e Event) {
				if e.Payload != (EventPayload{Type: PayloadPowerLevel, Value: 3700, HasValue: true}) {
					t.Errorf("%+v", e.Payload)
				}
			},
		},
		{
			name: "garbage in single fields is kept raw and the rest survives",
			body: `{"id":"e2","name":"kept","priority":"high","createdDateTime":"the day before",
			        "intervalPeriod":{"start":1714579200,"duration":"2 hours","randomizeStart":"-00:05:00"},
			        "payload":{"payloadType":"PowerLevel","targetPower":-5},"targetResources":[{"resourceId":"ok"},{},true]}`,
			problems: []string{"priority", "createdDateTime", "targetResources[1]", "targetResources[2]",
				"intervalPeriod.start", "intervalPeriod.duration", "intervalPeriod.randomizeStart", "payload.targetPower"},
			check: func(t *testing.T, e Event) {
				if e.ID != "e2" || e.Name != "kept" || e.Priority != nil || !e.CreatedDateTime.IsZero() ||
					e.IntervalPeriod != (IntervalPeriod{}) || e.Payload.HasValue || e.Payload.Value != 0 ||
					!reflect.DeepEqual(e.TargetResources, []TargetResource{{ResourceID: "ok"}}) {
					t.Errorf("%+v", e)
				}
				for _, p := range e.Problems {
					if len(p.Raw) == 0 || p.Message == "" {
						t.Errorf("problem without raw value or message: %+v", p)
					}
				}
				if p := e.Problems[0]; string(p.Raw) != `"high"` || !strings.Contains(p.Error(), `priority: not a number: "high"`) {
					t.Errorf("priority problem: %+v (%s)", p, p.Error())
				}
			},
		},
		{
			name:     "members of the wrong kind",
			body:     `{"id":{"x":1},"intervalPeriod":"soon","payload":[1],"reportDescriptors":[5],"priority":2.5}`,
			problems: []string{"id", "priority", "reportDescriptors[0]", "intervalPeriod", "payload"},
		},
		{
			name:     "unknown payload type and a mismatched value",
			body:     `{"payload":{"payloadType":"Frequency","targetPower":1}}`,
			problems: []string{"payload.payloadType"},
			check: func(t *testing.T, e Event) {
				if e.Payload.Type != "Frequency" || e.Payload.HasValue {
					t.Errorf("%+v", e.Payload)
				}
			},
		},
		{
			name:     "value under the other type's name",
			body:     `{"payload":{"payloadType":"PowerLevel","targetCurrent":16}}`,
			problems: []string{"payload.targetCurrent"},
		},
		{
			name:     "unsupported OpenADR target type",
			body:     `{"targetResources":[{"targetType":"SERVICE_AREA","values":["north"]}]}`,
			problems: []string{"targetResources[0].targetType"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustEvent(t, tt.body)
			if got := problemFields(e.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problem fields = %q, want %q (%v)", got, tt.problems, e.Problems)
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}
}

func TestDecodeEventNotAnObject(t *testing.T) {
	e := mustEvent(t, `"evt-1"`)
	if len(e.Problems) != 1 || e.Problems[0].Field != "" || string(e.Raw) != `"evt-1"` {
		t.Errorf("%+v", e)
	}
	var n Event
	if err := json.Unmarshal([]byte(`null`), &n); err != nil || n.Raw != nil || n.Problems != nil {
		t.Errorf("null: %+v %v", n, err)
	}
}

func TestDecodeEventListKeepsEveryElement(t *testing.T) {
	c, _ := New(Options{BaseURL: "http://127.0.0.1:1"})
	body := `[{"id":"a","intervalPeriod":{"duration":"garbled"}}, 17, null, {"id":"d","priority":"2"}]`
	got, err := decodeList(c, &answer{call: call{op: "ListEvents", method: "GET", path: "/events"}, status: 200, body: []byte(body)}, decodeEvent)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("len = %d, want 4", len(got))
	}
	if got[0].ID != "a" || problemFields(got[0].Problems)[0] != "intervalPeriod.duration" {
		t.Errorf("[0] = %+v", got[0])
	}
	for i := 1; i <= 2; i++ {
		if len(got[i].Problems) != 1 || got[i].Problems[0].Field != "["+string(rune('0'+i))+"]" {
			t.Errorf("[%d] = %+v", i, got[i])
		}
	}
	if string(got[1].Raw) != "17" || string(got[2].Raw) != "null" {
		t.Errorf("raw of bad elements: %s %s", got[1].Raw, got[2].Raw)
	}
	if got[3].ID != "d" || *got[3].Priority != 2 || len(got[3].Problems) != 0 {
		t.Errorf("[3] = %+v", got[3])
	}
	if string(got[3].Raw) != `{"id":"d","priority":"2"}` {
		t.Errorf("[3].Raw = %s", got[3].Raw)
	}
}
