package sandbox

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestPostEventsWithoutBodyDispatchesAGeneratedEvent(t *testing.T) {
	for _, body := range []string{"", " \n\t "} {
		s := newTestServer(t, nil)
		rec := call(t, s, http.MethodPost, "/events", body)
		mustStatus(t, rec, http.StatusOK)
		var ev client.Event
		decodeInto(t, rec, &ev)
		if loc := rec.Header().Get("Location"); loc != "/events/"+ev.ID {
			t.Fatalf("Location %q for %s", loc, ev.ID)
		}
		checkDispatched(t, s, ev, testNow)
	}
}

func TestPostEventsAppliesOverrides(t *testing.T) {
	s := newTestServer(t, nil)
	start := testNow.Add(2 * time.Hour).Truncate(time.Minute)
	body := `{"name":"Operator test","programId":"ops-drill","priority":0,
		"payload":{"payloadType":"CurrentLevel","targetCurrent":12.5},
		"start":"` + start.Format(time.RFC3339) + `","duration":"PT45M","randomizeStart":"00:03:00",
		"targets":["ev-0003","ev-0001"]}`
	rec := call(t, s, http.MethodPost, "/events", body)
	mustStatus(t, rec, http.StatusOK)
	var ev client.Event
	decodeInto(t, rec, &ev)
	iv := ev.IntervalPeriod
	if ev.Name != "Operator test" || ev.ProgramID != "ops-drill" || ev.Priority == nil || *ev.Priority != 0 ||
		ev.Payload != (client.EventPayload{Type: client.PayloadCurrentLevel, Value: 12.5, HasValue: true}) ||
		!iv.Start.Equal(start) || iv.Duration != 45*time.Minute || iv.RandomizeStart != 3*time.Minute {
		t.Fatalf("event %+v", ev)
	}
	var ids []string
	for _, tr := range ev.TargetResources {
		ids = append(ids, tr.ResourceID)
		if tr.LocationID == "" {
			t.Fatalf("target %+v without a location", tr)
		}
	}
	if !slices.Equal(ids, []string{"ev-0001", "ev-0003"}) || !slices.Equal(ev.ReportDescriptors[0].TargetResources, ids) {
		t.Fatalf("targets %v, descriptors %+v", ids, ev.ReportDescriptors)
	}

	// a payload type without a value gets a value of that type
	for _, pt := range []client.PayloadType{client.PayloadPowerLevel, client.PayloadCurrentLevel} {
		rec = call(t, s, http.MethodPost, "/events", `{"payload":{"payloadType":"`+string(pt)+`"},"duration":"00:16:00"}`)
		mustStatus(t, rec, http.StatusOK)
		decodeInto(t, rec, &ev)
		if ev.Payload.Type != pt || !ev.Payload.HasValue || ev.Payload.Value <= 0 || ev.IntervalPeriod.Duration != 16*time.Minute {
			t.Fatalf("%s: %+v", pt, ev)
		}
		if pt == client.PayloadCurrentLevel && ev.Payload.Value > 32 || pt == client.PayloadPowerLevel && ev.Payload.Value < 1000 {
			t.Fatalf("%s with value %v", pt, ev.Payload.Value)
		}
		if ev.IntervalPeriod.RandomizeStart >= ev.IntervalPeriod.Duration {
			t.Fatalf("randomize window %v does not fit %v", ev.IntervalPeriod.RandomizeStart, ev.IntervalPeriod.Duration)
		}
	}
	// a start a few seconds ago (a script's "now") is accepted
	rec = call(t, s, http.MethodPost, "/events", `{"start":"`+testNow.Add(-10*time.Second).Format(time.RFC3339)+`"}`)
	mustStatus(t, rec, http.StatusOK)
}

func TestPostEventsRejectsBadBodies(t *testing.T) {
	s := newTestServer(t, nil)
	events := len(s.snapshot().Events)
	for _, tc := range []struct {
		name, body string
		fields     []string // members of the problem's errors
	}{
		{"not JSON", `{"name":`, []string{"body"}},
		{"not an object", `["ev-0001"]`, []string{"body"}},
		{"unknown member", `{"targetPower":7400}`, []string{"targetPower"}},
		{"blank name", `{"name":"  "}`, []string{"name"}},
		{"payload type missing", `{"payload":{"targetPower":7400}}`, []string{"payload.payloadType"}},
		{"payload type unknown", `{"payload":{"payloadType":"Unknown"}}`, []string{"payload.payloadType"}},
		{"value of the other type", `{"payload":{"payloadType":"PowerLevel","targetCurrent":10}}`, []string{"payload.targetCurrent"}},
		{"zero target", `{"payload":{"payloadType":"PowerLevel","targetPower":0}}`, []string{"payload.targetPower"}},
		{"target not a number", `{"payload":{"payloadType":"PowerLevel","targetPower":"7kW"}}`, []string{"payload.targetPower"}},
		{"start not a time", `{"start":"tomorrow"}`, []string{"start"}},
		{"start in the past", `{"start":"2025-11-28T15:00:00Z"}`, []string{"start"}},
		{"duration not a span", `{"duration":"2 hours"}`, []string{"duration"}},
		{"duration too short", `{"duration":"00:00:30"}`, []string{"duration"}},
		{"window longer than the event", `{"duration":"00:20:00","randomizeStart":"00:20:00"}`, []string{"randomizeStart"}},
		{"targets not a list", `{"targets":"ev-0001"}`, []string{"targets"}},
		{"no targets", `{"targets":[]}`, []string{"targets"}},
		{"target not enrolled, twice", `{"targets":["ev-9999","ev-0001","ev-0001"]}`, []string{"targets[0]", "targets[2]"}},
		{"priority negative", `{"priority":-1}`, []string{"priority"}},
		{"several at once", `{"priority":1.5,"duration":"x","bogus":1}`, []string{"bogus", "duration", "priority"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := call(t, s, http.MethodPost, "/events", tc.body)
			mustStatus(t, rec, http.StatusBadRequest)
			p := problemOf(t, rec)
			var got []string
			for f := range p.Errors {
				got = append(got, f)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.fields) {
				t.Fatalf("errors %v, want fields %v", p.Errors, tc.fields)
			}
		})
	}
	if n := len(s.snapshot().Events); n != events {
		t.Fatalf("bad requests created %d events", n-events)
	}
}

func TestPostEventsContract(t *testing.T) {
	r := newContractRig(t, nil)
	r.do("POST", "/events", "", goodAuth, 200)
	r.do("POST", "/events", `{"name":"x","payload":{"payloadType":"PowerLevel","targetPower":11000},"start":"2025-11-28T18:00:00Z","duration":"01:00:00","randomizeStart":"00:05:00","targets":["ev-0001"]}`, goodAuth, 200)
	r.do("POST", "/events", `{"start":"2025-11-28T18:00:00Z","targets":["ev-0001","ev-9999"]}`, goodAuth, 400)
	r.do("POST", "/events", "", wrongAuth, 401)
	for _, res := range r.srv.snapshot().Resources {
		r.do("DELETE", "/resources?resourceId="+res.ResourceID, "", goodAuth, 204)
	}
	body := r.do("POST", "/events", "", goodAuth, 409)
	if !strings.Contains(string(body), "no enrolled vehicles") {
		t.Fatalf("409 body %s", body)
	}
	if v := r.checker.Violations(); len(v) > 0 {
		t.Fatalf("contract violations:\n%s", strings.Join(v, "\n"))
	}
	if got := r.checker.Seen()["dispatchEvent"]; !slices.Equal(got, []int{200, 400, 401, 409}) {
		t.Fatalf("dispatchEvent answered %v", got)
	}
}
