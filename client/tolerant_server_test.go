package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

// otherServerEvents is what another implementation of the seed might send:
// nulls, omitted optional members, string and OpenADR targets, ISO durations,
// numbers as strings, times without offsets or with 7-digit fractions.
const otherServerEvents = `[
  {"id":"a","name":null,"priority":null,"programId":null,"reportDescriptors":null,"targetResources":null,
   "intervalPeriod":{"start":"2024-05-01T16:00:00Z","duration":"PT2H","randomizeStart":null},
   "payload":{"payloadType":"PowerLevel","targetPower":"7400.5"}},
  {"id":"b","targetResources":["veh-1","veh-2"],"intervalPeriod":{"start":"2024-05-01T16:00:00","duration":"P1DT2H30M"},
   "payload":{"payloadType":"CurrentLevel","targetCurrent":16}},
  {"id":"c","targetResources":[{"targetType":"RESOURCE_NAME","values":["veh-3"]}],
   "reportDescriptors":[{"payloadType":"VehicleChargeAction","targetResources":[{"resourceId":"veh-3"}]}],
   "intervalPeriod":{"start":"2024-05-01T16:00:00.1234567+02:00","duration":"00:00:30.5"},"payload":{"payloadType":"Unknown"},
   "createdDateTime":"2024-04-30T10:00:00.1234567Z","extra":{"nested":[1,2,3]}},
  {"id":"d"}
]`

func TestClientCopesWithAnotherServersShapes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write([]byte(otherServerEvents))
	}))
	defer srv.Close()
	c, err := client.New(client.Options{BaseURL: srv.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	events, err := c.ListEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 4 {
		t.Fatalf("%d events", len(events))
	}
	for _, e := range events {
		if len(e.Problems) != 0 {
			t.Errorf("event %s: problems %v", e.ID, e.Problems)
		}
	}
	a, b, cc, d := events[0], events[1], events[2], events[3]
	if a.IntervalPeriod.Duration != 2*time.Hour || a.Payload != (client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400.5, HasValue: true}) || a.Priority != nil {
		t.Errorf("a: %+v", a)
	}
	if !reflect.DeepEqual(b.TargetResources, []client.TargetResource{{ResourceID: "veh-1"}, {ResourceID: "veh-2"}}) ||
		b.IntervalPeriod.Duration != 26*time.Hour+30*time.Minute || !b.IntervalPeriod.Start.Equal(time.Date(2024, 5, 1, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("b: %+v", b)
	}
	if !reflect.DeepEqual(cc.TargetResources, []client.TargetResource{{ResourceID: "veh-3"}}) ||
		!reflect.DeepEqual(cc.ReportDescriptors[0].TargetResources, []string{"veh-3"}) ||
		cc.IntervalPeriod.Duration != 30500*time.Millisecond || cc.Payload.Type != client.PayloadUnknown || cc.Payload.HasValue ||
		!cc.IntervalPeriod.Start.Equal(time.Date(2024, 5, 1, 14, 0, 0, 123456700, time.UTC)) {
		t.Errorf("c: %+v", cc)
	}
	if d.ID != "d" || d.Payload.Type != "" || string(d.Raw) != `{"id":"d"}` {
		t.Errorf("d: %+v", d)
	}
	// Re-encoded, each is in the canonical shape our own contract describes.
	for _, e := range events {
		if _, err := e.MarshalJSON(); err != nil {
			t.Errorf("%s: %v", e.ID, err)
		}
	}
}
