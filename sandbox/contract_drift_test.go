package sandbox

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestContractCatchesAChangedFieldType(t *testing.T) {
	for _, tc := range []struct {
		name, path, re, repl string
	}{
		{"priority as a string", "/events", `"priority":(\d+)`, `"priority":"$1"`},
		{"targetPower as a string", "/events", `"targetPower":(\d+)`, `"targetPower":"$1"`},
		{"duration as seconds", "/events", `"duration":"[^"]*"`, `"duration":7200`},
		{"year as a string", "/resources", `"year":(\d+)`, `"year":"$1"`},
		{"power as a string", "/reports", `"power":(\d+)`, `"power":"$1"`},
		{"problem status as a string", "/events/nope", `"status":404`, `"status":"404"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newContractRig(t, rewriteAnswer(tc.path, regexp.MustCompile(tc.re), tc.repl))
			want := 200
			if tc.path == "/events/nope" {
				want = 404
			}
			body := r.do("GET", tc.path, "", goodAuth, want)
			if !regexp.MustCompile(regexp.QuoteMeta(strings.Split(tc.repl, "$")[0])).Match(body) {
				t.Fatalf("the rewrite did not apply: %.300s", body)
			}
			v := r.checker.ResponseViolations()
			if len(v) == 0 {
				t.Fatalf("changing %s went unnoticed by the contract check", tc.name)
			}
			t.Logf("caught: %s", v[0])
		})
	}
	// and the same rig without a rewrite is clean (the check is not always failing)
	r := newContractRig(t, nil)
	for _, p := range []string{"/events", "/resources", "/reports"} {
		r.do("GET", p, "", goodAuth, 200)
	}
	r.do("GET", "/events/nope", "", goodAuth, 404)
	if v := r.checker.Violations(); len(v) > 0 {
		t.Fatalf("unmodified answers flagged: %v", v)
	}
}

// TestClientAgainstSandbox runs ecdash's own client over every operation
// against the sandbox, through the contract checker: both sides agree, and
// the client decodes every seeded object without a problem.
func TestClientAgainstSandbox(t *testing.T) {
	r := newContractRig(t, nil)
	c, err := client.New(client.Options{BaseURL: r.url, Token: testToken, HTTPClient: r.http})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	events, err := c.ListEvents(ctx)
	if err != nil || len(events) != len(seedSchedule) {
		t.Fatalf("ListEvents: %d, %v", len(events), err)
	}
	want := r.srv.snapshot()
	for i, ev := range events {
		w := want.Events[i]
		if len(ev.Problems) > 0 || ev.ID != w.ID || !ev.IntervalPeriod.Start.Equal(w.IntervalPeriod.Start) ||
			ev.IntervalPeriod.Duration != w.IntervalPeriod.Duration || ev.IntervalPeriod.RandomizeStart != w.IntervalPeriod.RandomizeStart ||
			ev.Payload != w.Payload || len(ev.TargetResources) != len(w.TargetResources) || *ev.Priority != *w.Priority {
			t.Fatalf("event %d decoded as %+v, served %+v", i, ev, w)
		}
	}
	if ev, err := c.GetEvent(ctx, events[2].ID); err != nil || ev.Name != events[2].Name {
		t.Fatalf("GetEvent: %+v, %v", ev, err)
	}
	if _, err := c.GetEvent(ctx, "nope"); !client.IsNotFound(err) {
		t.Fatalf("GetEvent(nope) = %v, want a 404", err)
	}

	resources, err := c.ListResources(ctx)
	if err != nil || len(resources) != seedVehicles {
		t.Fatalf("ListResources: %d, %v", len(resources), err)
	}
	for _, res := range resources {
		if len(res.Problems) > 0 || res.Metadata.VIN == "" {
			t.Fatalf("resource %+v", res)
		}
	}
	year := 2024
	created, err := c.CreateResource(ctx, client.ResourceRequest{UserID: "u", ResourceID: "ev-client",
		Metadata: client.VehicleResourceMetadata{ResourceType: "Vehicle", Brand: "Volvo", Model: "EX30", Year: &year, VIN: goodVIN}})
	if err != nil || created.ResourceID != "ev-client" || created.ID == "" {
		t.Fatalf("CreateResource: %+v, %v", created, err)
	}
	if _, err := c.CreateResource(ctx, client.ResourceRequest{ResourceID: "ev-client"}); !client.IsConflict(err) {
		t.Fatalf("duplicate CreateResource = %v, want 409", err)
	}
	bad := 1800
	_, err = c.CreateResource(ctx, client.ResourceRequest{ResourceID: "ev-old", Metadata: client.VehicleResourceMetadata{Year: &bad}})
	if client.StatusCode(err) != 400 || !strings.Contains(err.Error(), "metadata.year") {
		t.Fatalf("CreateResource with year 1800 = %v, want a 400 naming metadata.year", err)
	}
	updated, err := c.UpdateResource(ctx, "ev-client", client.ResourceRequest{ResourceID: "ev-client", Metadata: client.VehicleResourceMetadata{Brand: "Volvo", Model: "EX30", VIN: goodVIN}})
	if err != nil || updated.ID != created.ID {
		t.Fatalf("UpdateResource: %+v, %v", updated, err)
	}
	if got, err := c.GetResource(ctx, "ev-client"); err != nil || got.Metadata.Year != nil {
		t.Fatalf("GetResource after a PUT without year: %+v, %v", got, err)
	}
	if err := c.DeleteResource(ctx, "ev-client"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetResource(ctx, "ev-client"); !client.IsNotFound(err) {
		t.Fatalf("GetResource after delete = %v", err)
	}

	sub, err := c.CreateSubscription(ctx, client.SubscriptionRequest{WebhookURL: "https://example.com/hook", WebhookSecret: "s3cret-value-123",
		EventPayloadTypes: []client.PayloadType{client.PayloadPowerLevel}, OperationTypes: []client.OperationType{client.OperationCreate}})
	if err != nil || sub.ID == "" || sub.WebhookSecret != "s3cret-value-123" {
		t.Fatalf("CreateSubscription: %v, %v", sub, err)
	}
	sub.OperationTypes = client.OperationTypes
	if got, err := c.UpdateSubscription(ctx, sub.ID, sub); err != nil || len(got.OperationTypes) != 3 {
		t.Fatalf("UpdateSubscription: %v, %v", got, err)
	}
	if subs, err := c.ListSubscriptions(ctx); err != nil || len(subs) != 1 {
		t.Fatalf("ListSubscriptions: %v, %v", subs, err)
	}
	if got, err := c.GetSubscription(ctx, sub.ID); err != nil || got.WebhookURL != sub.WebhookURL {
		t.Fatalf("GetSubscription: %v, %v", got, err)
	}
	if err := c.DeleteSubscription(ctx, sub.ID); err != nil {
		t.Fatal(err)
	}

	power, soc := 7360.0, 55.5
	rep, err := c.CreateReport(ctx, client.ReportRequest{EventID: events[0].ID, Name: "from the client", Payloads: []client.VehicleChargeActionPayload{{
		PayloadType: client.ReportPayloadVehicleChargeAction, ResourceID: "ev-0001", Location: client.Location{Latitude: 59.9, Longitude: 10.7},
		ActionType: client.ActionStart, Power: &power, StateOfCharge: &soc}}})
	if err != nil || rep.ProgramID != events[0].ProgramID || !rep.CreatedDateTime.Equal(testNow) {
		t.Fatalf("CreateReport: %+v, %v", rep, err)
	}
	reports, err := c.ListReports(ctx)
	if err != nil || len(reports) != len(want.Reports)+1 {
		t.Fatalf("ListReports: %d, %v", len(reports), err)
	}
	for _, x := range reports {
		if len(x.Problems) > 0 || len(x.Payloads) == 0 {
			t.Fatalf("report %+v", x)
		}
	}
	got, err := c.GetReport(ctx, rep.ID)
	if err != nil || len(got.Payloads) != 1 || *got.Payloads[0].Power != power {
		t.Fatalf("GetReport: %+v, %v", got, err)
	}

	if v := r.checker.Violations(); len(v) > 0 {
		t.Fatalf("contract violations:\n%s", strings.Join(v, "\n"))
	}
	// dispatchEvent (POST /events) is the sandbox's own extension, which
	// ecdash calls in-process (Server.Dispatch), not through the client.
	if unseen := slices.DeleteFunc(r.checker.Unseen(), func(op string) bool { return op == "dispatchEvent" }); len(unseen) > 0 {
		t.Fatalf("operations the client never called: %v", unseen)
	}
}
