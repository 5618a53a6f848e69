package client

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestDecodeResource(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		want     Resource
		problems []string
	}{
		{
			name: "canonical",
			body: `{"userId":"u1","resourceId":"veh-1","metadata":{"resourceType":"Vehicle","brand":"Tesla","model":"Model 3","year":2022,"vin":"5YJ3E1EA7KF317000"},"id":"r1"}`,
			want: Resource{ID: "r1", UserID: "u1", ResourceID: "veh-1", Metadata: VehicleResourceMetadata{ResourceType: "Vehicle", Brand: "Tesla", Model: "Model 3", Year: intp(2022), VIN: "5YJ3E1EA7KF317000"}},
		},
		{
			name: "nulls and a year as a string",
			body: `{"userId":null,"resourceId":"veh-2","metadata":{"brand":null,"year":"2019"},"id":7}`,
			want: Resource{ID: "7", ResourceID: "veh-2", Metadata: VehicleResourceMetadata{Year: intp(2019)}},
		},
		{
			name:     "metadata missing, year garbled",
			body:     `{"id":"r3","metadata":{"year":"twenty","vin":["x"]}}`,
			want:     Resource{ID: "r3"},
			problems: []string{"metadata.year", "metadata.vin"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Resource
			if err := json.Unmarshal([]byte(tt.body), &r); err != nil {
				t.Fatal(err)
			}
			if got := problemFields(r.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems %q, want %q", got, tt.problems)
			}
			r.Raw, r.Problems = nil, nil
			if !reflect.DeepEqual(r, tt.want) {
				t.Errorf("got %+v, want %+v", r, tt.want)
			}
		})
	}
}

func TestDecodeReportWithPayloads(t *testing.T) {
	body := `{"id":"rep-1","eventId":"evt-1","programId":null,"name":"r","createdDateTime":"2024-05-01T18:00:00Z",
	  "payloads":[
	    {"payloadType":"VehicleChargeAction","resourceId":"veh-1","location":{"latitude":59.91,"longitude":"10.75"},"actionType":"Start","current":16,"power":"3680","stateOfCharge":0.5,"batteryCapacity":75000},
	    {"payloadType":"VehicleChargeAction","resourceId":"veh-2","actionType":"Pause","power":"lots"},
	    "junk"
	  ]}`
	var r Report
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != "rep-1" || r.EventID != "evt-1" || r.CreatedDateTime.IsZero() || len(r.Payloads) != 2 {
		t.Fatalf("%+v", r)
	}
	p := r.Payloads[0]
	if p.Location != (Location{59.91, 10.75}) || *p.Current != 16 || *p.Power != 3680 || *p.StateOfCharge != 0.5 || *p.BatteryCapacity != 75000 {
		t.Errorf("payload 0: %+v", p)
	}
	if q := r.Payloads[1]; q.ActionType != "Pause" || q.Power != nil || q.Current != nil {
		t.Errorf("payload 1: %+v", q)
	}
	want := []string{"payloads[1].power", "payloads[1].actionType", "payloads[2]"}
	if got := problemFields(r.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

func TestDecodeSubscription(t *testing.T) {
	body := `{"id":"s1","webhookSecret":"shh-very-secret","webhookUrl":"https://example.test/hook",
	  "eventPayloadTypes":"CurrentLevel, PowerLevel","operationTypes":["Create","Explode",null]}`
	var s Subscription
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	if s.ID != "s1" || s.WebhookURL != "https://example.test/hook" || s.WebhookSecret != "shh-very-secret" {
		t.Errorf("%+v", s)
	}
	if !reflect.DeepEqual(s.EventPayloadTypes, []PayloadType{PayloadCurrentLevel, PayloadPowerLevel}) {
		t.Errorf("payload types %v", s.EventPayloadTypes)
	}
	if !reflect.DeepEqual(s.OperationTypes, []OperationType{OperationCreate, "Explode"}) {
		t.Errorf("operation types %v", s.OperationTypes)
	}
	if got := problemFields(s.Problems); !reflect.DeepEqual(got, []string{"operationTypes[2]", "operationTypes"}) {
		t.Errorf("problems %q", got)
	}
}

func TestDecodeProblemDetails(t *testing.T) {
	body := `{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.",
	  "status":"400","traceId":"00-abc","errors":{"Metadata.Vin":["The VIN must be 17 characters."],"year":"too old","n":[1]}}`
	var p ProblemDetails
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != 400 || p.Title != "One or more validation errors occurred." {
		t.Errorf("%+v", p)
	}
	wantErrs := map[string][]string{"Metadata.Vin": {"The VIN must be 17 characters."}, "year": {"too old"}, "n": {"1"}}
	if !reflect.DeepEqual(p.Errors, wantErrs) {
		t.Errorf("errors %v", p.Errors)
	}
	if string(p.Extensions["traceId"]) != `"00-abc"` || len(p.Extensions) != 1 {
		t.Errorf("extensions %v", p.Extensions)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil || back["traceId"] != "00-abc" || back["status"] != 400.0 {
		t.Errorf("MarshalJSON = %s (%v)", out, err)
	}
}

func intp(n int) *int { return &n }
