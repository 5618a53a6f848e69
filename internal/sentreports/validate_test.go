package sentreports

import (
	"errors"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
)

const validReport = `{
  "eventId": "ev-1",
  "name": "fleet answer",
  "payloads": [
    {
      "payloadType": "VehicleChargeAction",
      "resourceId": "car-1",
      "location": {"latitude": 59.91, "longitude": 10.75},
      "actionType": "Start",
      "power": 7400,
      "current": null,
      "stateOfCharge": 0.5,
      "batteryCapacity": 75000
    },
    {"resourceId": "car-2", "location": {"latitude": -33.9, "longitude": 151.2}, "actionType": "Stop"}
  ]
}
`

func TestDecodeRequestValid(t *testing.T) {
	req, err := DecodeRequest("report.json", []byte(validReport))
	if err != nil {
		t.Fatal(err)
	}
	if req.EventID != "ev-1" || req.Name != "fleet answer" || len(req.Payloads) != 2 {
		t.Fatalf("req = %+v", req)
	}
	p := req.Payloads[0]
	if p.ResourceID != "car-1" || p.ActionType != client.ActionStart || *p.Power != 7400 || p.Current != nil ||
		*p.StateOfCharge != 0.5 || *p.BatteryCapacity != 75000 || p.Location.Latitude != 59.91 {
		t.Errorf("payload 0 = %+v", p)
	}
	if q := req.Payloads[1]; q.PayloadType != client.ReportPayloadVehicleChargeAction || q.Power != nil || q.ActionType != client.ActionStop {
		t.Errorf("payload 1 = %+v", q)
	}
}

// Each case breaks one rule; the error names the place and the rule.
func TestDecodeRequestProblems(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(validReport, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		return strings.Replace(validReport, old, new, 1)
	}
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"empty file", "  \n", []string{"the file is empty"}},
		{"syntax error", replace(`"actionType": "Start",`, `"actionType": "Start"`), []string{"line 10 column 7", "invalid JSON", "after object key:value pair"}},
		{"truncated", validReport[:60], []string{"line 4 column 12", "ends before the report does"}},
		{"two documents", validReport + "{}", []string{"line 18 column 1", "after top-level value"}},
		{"not an object", `["ev-1"]`, []string{"a report must be a JSON object", "got an array"}},
		{"eventId missing", replace(`"eventId": "ev-1",`, ``), []string{"line 1 column 1: eventId: is required"}},
		{"eventId empty", replace(`"ev-1"`, `" "`), []string{"line 2 column 14: eventId: must not be empty"}},
		{"eventId a number", replace(`"ev-1"`, `42`), []string{"eventId: must be a string, got the number 42"}},
		{"payloads missing", `{"eventId": "e"}`, []string{"payloads: is required"}},
		{"payloads empty", `{"eventId": "e", "payloads": []}`, []string{"payloads: is empty"}},
		{"payloads an object", `{"eventId": "e", "payloads": {}}`, []string{"payloads: must be an array"}},
		{"payload not an object", `{"eventId": "e", "payloads": [7]}`, []string{"payloads[0]: must be a VehicleChargeAction object, got the number 7"}},
		{"wrong payloadType", replace(`"payloadType": "VehicleChargeAction"`, `"payloadType": "SoC"`), []string{"line 6 column 22: payloads[0].payloadType: must be \"VehicleChargeAction\"", `got the string "SoC"`}},
		{"resourceId missing", replace(`"resourceId": "car-2", `, ``), []string{"payloads[1].resourceId: is required"}},
		{"location missing", replace(`"location": {"latitude": -33.9, "longitude": 151.2}, `, ``), []string{"payloads[1].location: is required"}},
		{"latitude out of range", replace(`59.91`, `91`), []string{"payloads[0].location.latitude: 91 is out of range: must be between -90 and 90"}},
		{"longitude out of range", replace(`151.2`, `-180.5`), []string{"payloads[1].location.longitude: -180.5 is out of range"}},
		{"latitude missing", replace(`"latitude": -33.9, `, ``), []string{"payloads[1].location.latitude: is required"}},
		{"latitude a string", replace(`59.91`, `"59.91"`), []string{"payloads[0].location.latitude: must be a number, got the string \"59.91\""}},
		{"actionType missing", replace(`, "actionType": "Stop"`, ``), []string{"payloads[1].actionType: is required"}},
		{"actionType wrong", replace(`"Stop"`, `"stop"`), []string{"payloads[1].actionType: must be \"Start\" or \"Stop\", got the string \"stop\""}},
		{"power a string", replace(`7400`, `"7.4 kW"`), []string{"payloads[0].power: must be a number, got the string \"7.4 kW\""}},
		{"soc a bool", replace(`0.5`, `true`), []string{"payloads[0].stateOfCharge: must be a number, got true"}},
		{"number overflow", replace(`75000`, `1e400`), []string{"payloads[0].batteryCapacity: 1e400 is too large"}},
		{"unknown member with hint", replace(`"power": 7400`, `"powr": 7400`), []string{"payloads[0].powr: unknown member: did you mean \"power\"?"}},
		{"unknown top member", replace(`"name"`, `"title"`), []string{"title: unknown member: allowed are eventId, name, payloads"}},
		{"duplicate member", replace(`"power": 7400,`, `"power": 7400, "power": 3700,`), []string{"member \"power\" appears twice"}},
		{"one payload per vehicle", replace(`"car-2"`, `"car-1"`), []string{"payloads[1].resourceId: vehicle \"car-1\" already has payloads[0]"}},
		{"too deep", strings.Repeat("[", 40) + strings.Repeat("]", 40), []string{"nested more than 32 levels"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRequest("report.json", []byte(tt.doc))
			var inv *InvalidError
			if !errors.As(err, &inv) {
				t.Fatalf("err = %v, want an *InvalidError", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "report.json: not sent: ") || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line naming the file", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestDecodeRequestListsEveryProblemInOrder(t *testing.T) {
	doc := `{"eventId": "", "payloads": [{"resourceId": "c", "actionType": "Go", "location": {"latitude": 100, "longitude": 0}}]}`
	_, err := DecodeRequest("r.json", []byte(doc))
	var inv *InvalidError
	if !errors.As(err, &inv) || len(inv.Problems) != 3 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "3 problems: line 1 column 13: eventId") {
		t.Errorf("message %q", err)
	}
	for i := 1; i < len(inv.Problems); i++ {
		if inv.Problems[i].Column < inv.Problems[i-1].Column {
			t.Errorf("problems out of order: %v", inv.Problems)
		}
	}
}

func TestCloseOne(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{{"power", "powr", true}, {"power", "powers", true}, {"power", "pwoer", false}, {"power", "current", false}, {"soc", "sod", true}} {
		if got := close1(c.a, c.b); got != c.want {
			t.Errorf("close1(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
