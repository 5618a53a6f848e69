package sandbox

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

func reportBody(eventID string) string {
	return fmt.Sprintf(`{"eventId":%q,"name":"ops console","payloads":[
	 {"payloadType":"VehicleChargeAction","resourceId":"ev-0001","location":{"latitude":59.91,"longitude":10.75},"actionType":"Start","power":7360,"current":10.7,"stateOfCharge":42.5,"batteryCapacity":77},
	 {"payloadType":"VehicleChargeAction","resourceId":"ev-0002","location":{"latitude":59.92,"longitude":10.70},"actionType":"Stop","power":null}]}`, eventID)
}

func TestCreateAndListReports(t *testing.T) {
	s := newTestServer(t, nil)
	st := s.snapshot()
	ev := st.Events[len(st.Events)-1]
	before := len(st.Reports)

	rec := call(t, s, http.MethodPost, "/reports", reportBody(ev.ID))
	mustStatus(t, rec, http.StatusOK)
	var rep map[string]any
	decodeInto(t, rec, &rep)
	id, _ := rep["id"].(string)
	if len(id) != 36 || rep["eventId"] != ev.ID || rep["programId"] != ev.ProgramID || rep["name"] != "ops console" {
		t.Fatalf("POST answer %v", rep)
	}
	if _, has := rep["payloads"]; has {
		t.Fatalf("v1 POST /reports answer carries payloads: %v", rep)
	}
	if created, _ := rep["createdDateTime"].(string); !sameInstant(created, testNow) {
		t.Fatalf("createdDateTime %v, want %v", rep["createdDateTime"], testNow)
	}
	if rec.Header().Get("Location") != "/reports/"+id {
		t.Fatalf("Location %q", rec.Header().Get("Location"))
	}

	rec = call(t, s, http.MethodGet, "/reports", "")
	mustStatus(t, rec, http.StatusOK)
	var list []map[string]any
	decodeInto(t, rec, &list)
	if len(list) != before+1 || list[len(list)-1]["id"] != id {
		t.Fatalf("GET /reports has %d, last %v; want %d ending with %s", len(list), list[len(list)-1]["id"], before+1, id)
	}
	rec = call(t, s, http.MethodGet, "/reports/"+id, "")
	mustStatus(t, rec, http.StatusOK)
	decodeInto(t, rec, &rep)
	payloads, _ := rep["payloads"].([]any)
	if len(payloads) != 2 {
		t.Fatalf("GET /reports/%s payloads %v", id, rep["payloads"])
	}
	p0, _ := payloads[0].(map[string]any)
	if p0["resourceId"] != "ev-0001" || p0["actionType"] != "Start" || p0["power"] != 7360.0 {
		t.Fatalf("payload 0 %v", p0)
	}
	rec = call(t, s, http.MethodGet, "/reports/no-such-report", "")
	mustStatus(t, rec, http.StatusNotFound)
	problemOf(t, rec)
}

func sameInstant(s string, want time.Time) bool {
	got, err := time.Parse(time.RFC3339Nano, s)
	return err == nil && got.Equal(want)
}

func TestCreateReportUnknownEventIs404(t *testing.T) {
	s := newTestServer(t, nil)
	rec := call(t, s, http.MethodPost, "/reports", reportBody("no-such-event"))
	mustStatus(t, rec, http.StatusNotFound)
	if p := problemOf(t, rec); !contains(p.Detail, "no-such-event") {
		t.Fatalf("detail %q", p.Detail)
	}
}

func TestCreateReportValidation(t *testing.T) {
	s := newTestServer(t, nil)
	ev := s.snapshot().Events[0].ID
	good := `"payloadType":"VehicleChargeAction","resourceId":"ev-0001","location":{"latitude":59.9,"longitude":10.7},"actionType":"Start"`
	for _, tc := range []struct {
		name, body string
		fields     []string
	}{
		{"missing eventId", `{"payloads":[{` + good + `}]}`, []string{"eventId"}},
		{"missing payloads", `{"eventId":"` + ev + `"}`, []string{"payloads"}},
		{"empty payloads", `{"eventId":"` + ev + `","payloads":[]}`, []string{"payloads"}},
		{"payloads not a list", `{"eventId":"` + ev + `","payloads":{}}`, []string{"payloads"}},
		{"payload not an object", `{"eventId":"` + ev + `","payloads":[42]}`, []string{"payloads[0]"}},
		{"unknown payloadType", `{"eventId":"` + ev + `","payloads":[{"payloadType":"PowerLevel","resourceId":"a","location":{"latitude":1,"longitude":2},"actionType":"Start"}]}`, []string{"payloads[0].payloadType"}},
		{"missing payloadType", `{"eventId":"` + ev + `","payloads":[{"resourceId":"a","location":{"latitude":1,"longitude":2},"actionType":"Start"}]}`, []string{"payloads[0].payloadType"}},
		{"missing resourceId", `{"eventId":"` + ev + `","payloads":[{` + good + `},{"payloadType":"VehicleChargeAction","location":{"latitude":1,"longitude":2},"actionType":"Stop"}]}`, []string{"payloads[1].resourceId"}},
		{"missing location", `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","resourceId":"a","actionType":"Start"}]}`, []string{"payloads[0].location"}},
		{"location missing longitude", `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","resourceId":"a","location":{"latitude":1},"actionType":"Start"}]}`, []string{"payloads[0].location.longitude"}},
		{"latitude out of range", `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","resourceId":"a","location":{"latitude":91,"longitude":2},"actionType":"Start"}]}`, []string{"payloads[0].location.latitude"}},
		{"unknown actionType", `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","resourceId":"a","location":{"latitude":1,"longitude":2},"actionType":"Pause"}]}`, []string{"payloads[0].actionType"}},
		{"missing actionType", `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","resourceId":"a","location":{"latitude":1,"longitude":2}}]}`, []string{"payloads[0].actionType"}},
		{"power not a number", `{"eventId":"` + ev + `","payloads":[{` + good + `,"power":"7kW"}]}`, []string{"payloads[0].power"}},
	} {
		rec := call(t, s, http.MethodPost, "/reports", tc.body)
		mustStatus(t, rec, http.StatusBadRequest)
		p := problemOf(t, rec)
		if got := sortedKeys(p.Errors); !slices.Equal(got, sorted(tc.fields)) {
			t.Errorf("%s: errors %v, want fields %v", tc.name, p.Errors, tc.fields)
		}
	}
}
