package events

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/views/components/form"
)

func TestComposeVehicles(t *testing.T) {
	targets := []client.TargetResource{{ResourceID: "a"}, {ResourceID: "b"}, {ResourceID: "c"}}
	tests := []struct {
		name  string
		descs []client.ReportDescriptor
		want  []string
	}{
		{"no descriptors: the targets", nil, []string{"a", "b", "c"}},
		{"a descriptor naming none: the targets", []client.ReportDescriptor{{PayloadType: "VehicleChargeAction"}}, []string{"a", "b", "c"}},
		{"named ones, each once, in order", []client.ReportDescriptor{
			{PayloadType: "VehicleChargeAction", TargetResources: []string{"c", "x"}},
			{TargetResources: []string{"x", "a"}},
		}, []string{"c", "x", "a"}},
		{"other payload types only: the targets", []client.ReportDescriptor{{PayloadType: "Other", TargetResources: []string{"x"}}}, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := composeVehicles(client.Event{TargetResources: targets, ReportDescriptors: tt.descs})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPrefill: a charging vehicle is offered Stop, the others Start with
// the event's per-vehicle target, and no vehicle is in the report until the
// operator puts it in; what a vehicle last reported fills its
// state of charge and location; a vehicle nobody heard from has none.
func TestPrefill(t *testing.T) {
	ev := testEvent()
	a := fleet.Analyze(ev, fleet.ActionsFromReports(testReports(), nil), t0, fleet.DefaultOptions())
	_, locs := whoReported(testReports())
	slots, v := prefill(ev, composeKnown{a: a, vehicles: vehicleNames(testResources()), locations: locs})
	if len(slots) != 6 || v[cfName] != "Evening peak reduction response" || v[cfEventID] != ev.ID {
		t.Fatalf("slots %d, values %v", len(slots), v)
	}
	tests := []struct {
		slot                          int
		action, power, soc, lat, head string
	}{
		{0, "Start", "7400", "41", "59.92", "ev-0001 · Tesla Model 3 · at oslo-frogner · responded"},
		{1, "Start", "7400", "61", "59.92", "ev-0002 · Volvo EX30 · at oslo-ullern · responded (stopped)"},
		{2, "Start", "7400", "", "", "ev-0003 · Nissan Leaf · at oslo-bjerke · no response"},
		{3, "Start", "7400", "23", "59.92", "ev-0004 · Kia EV6 · at oslo-frogner · responded"},
	}
	for _, tt := range tests {
		i := tt.slot
		got := []string{v[pf(i, pfAction)], v[pf(i, pfPower)], v[pf(i, pfSoC)], v[pf(i, pfLatitude)], slots[i].heading}
		want := []string{tt.action, tt.power, tt.soc, tt.lat, tt.head}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("slot %d: got %q, want %q", i, got, want)
		}
		if v[pf(i, pfInclude)] != includeNo || v[pf(i, pfResource)] != vehicleID(i+1) || slots[i].located != (tt.lat != "") {
			t.Errorf("slot %d: include %q resource %q located %v", i, v[pf(i, pfInclude)], v[pf(i, pfResource)], slots[i].located)
		}
	}
	// CurrentLevel events prefill the current instead.
	ev.Payload = client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}
	_, v = prefill(ev, composeKnown{a: a})
	if v[pf(2, pfCurrent)] != "16" || v[pf(2, pfPower)] != "" {
		t.Errorf("CurrentLevel: current %q power %q", v[pf(2, pfCurrent)], v[pf(2, pfPower)])
	}
}

func TestComposeChecks(t *testing.T) {
	tests := []struct {
		check func(string) string
		in    string
		want  string // a part of the message; "" for valid
	}{
		{checkLatitude, "59.91", ""},
		{checkLatitude, " -90 ", ""},
		{checkLatitude, "", "required"},
		{checkLatitude, "95", "must be between -90 and 90"},
		{checkLatitude, "north", "must be a number"},
		{checkLatitude, "NaN", "must be a number"},
		{checkLongitude, "180", ""},
		{checkLongitude, "-180.5", "must be between -180 and 180"},
		{checkLongitude, "0x10", "must be a number"},
		{checkOptionalNumber, "", ""},
		{checkOptionalNumber, "7400", ""},
		{checkOptionalNumber, "41.5", ""},
		{checkOptionalNumber, "7,4", "must be a number"},
		{checkOptionalNumber, "Inf", "must be a number"},
		{checkOptionalNumber, "1_000", "must be a number"},
		{checkAction, "Start", ""},
		{checkAction, "Stop", ""},
		{checkAction, "", "Start or Stop"},
		{checkPayloadResource, "ev-1", ""},
		{checkPayloadResource, "", "required"},
		{checkPayloadResource, "ev-1 ", "space"},
	}
	for _, tt := range tests {
		got := tt.check(tt.in)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("check(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestComposeRequest: vehicles left out are not sent, and sent[k] is the
// slot of payload k; empty optional numbers are absent, not zero.
func TestComposeRequest(t *testing.T) {
	slots := []slot{{resourceID: "a"}, {resourceID: "b"}, {resourceID: "c"}}
	v := form.Values{cfName: " peak ", cfEventID: "ev1"}
	for i, id := range []string{"a", "b", "c"} {
		v[pf(i, pfInclude)] = includeYes
		v[pf(i, pfResource)] = id
		v[pf(i, pfAction)] = "Start"
		v[pf(i, pfLatitude)], v[pf(i, pfLongitude)] = "59.9", "10.7"
	}
	v[pf(0, pfInclude)] = includeNo
	v[pf(2, pfAction)], v[pf(2, pfPower)], v[pf(2, pfSoC)] = "Stop", "0", " 41.5"
	req, sent := composeRequest("ev1", slots, v)
	if req.EventID != "ev1" || req.Name != "peak" || !reflect.DeepEqual(sent, []int{1, 2}) || len(req.Payloads) != 2 {
		t.Fatalf("req %+v sent %v", req, sent)
	}
	b, c := req.Payloads[0], req.Payloads[1]
	if b.ResourceID != "b" || b.Power != nil || b.StateOfCharge != nil || b.PayloadType != "VehicleChargeAction" ||
		b.Location != (client.Location{Latitude: 59.9, Longitude: 10.7}) {
		t.Errorf("payload b %+v", b)
	}
	if c.ActionType != client.ActionStop || c.Power == nil || *c.Power != 0 || c.StateOfCharge == nil || *c.StateOfCharge != 41.5 {
		t.Errorf("payload c %+v", c)
	}
}

// TestSlotErrors: the server names payloads by their index in the report
// sent; the composer's fields are named by slot.
func TestSlotErrors(t *testing.T) {
	slots := make([]slot, 4)
	sent := []int{1, 3}
	for _, tt := range []struct{ in, want string }{
		{"payloads[1].location.latitude", "payloads.3.location.latitude"},
		{"$.payloads[0].power", "payloads.1.power"},
		{"payloads.1.actionType", "payloads.3.actionType"},
		{"payloads[1]", "payloads.3"},
		{"payloads[7].power", "payloads[7].power"}, // no such payload: left as named
		{"payloads", "payloads"},
		{"eventId", "eventId"},
	} {
		if got := slotPath(tt.in, sent, slots); got != tt.want {
			t.Errorf("slotPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	orig := &client.Error{StatusCode: 400, Method: "POST", Path: "/reports", Problem: &client.ProblemDetails{
		Title:  "Validation failed",
		Errors: map[string][]string{"payloads[1].location.latitude": {"must be between -90 and 90"}, "eventId": {"unknown"}},
	}}
	err := slotErrors(orig, sent, slots)
	var ce *client.Error
	if !errors.As(err, &ce) || !reflect.DeepEqual(ce.Problem.Errors, map[string][]string{
		"payloads.3.location.latitude": {"must be between -90 and 90"}, "eventId": {"unknown"},
	}) {
		t.Errorf("renamed %+v", ce.Problem.Errors)
	}
	if _, ok := orig.Problem.Errors["payloads[1].location.latitude"]; !ok {
		t.Error("the original error was changed")
	}
	plain := errors.New("connection reset")
	if slotErrors(plain, sent, slots) != plain {
		t.Error("an error without a problem must pass as it is")
	}
}
