package sandbox

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/client/contract"
)

// contractRig is the sandbox on a loopback port, reached through an HTTP
// client whose transport checks every exchange against client/openapi.yaml.
type contractRig struct {
	t       *testing.T
	srv     *Server
	url     string
	checker *contract.Checker
	http    *http.Client
}

func newContractRig(t *testing.T, wrap func(http.Handler) http.Handler) *contractRig {
	t.Helper()
	srv := newTestServer(t, nil)
	var h http.Handler = srv.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	checker, err := contract.NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	return &contractRig{t: t, srv: srv, url: ts.URL, checker: checker,
		http: &http.Client{Transport: checker.Transport(nil), Timeout: 30 * time.Second}}
}

// do sends one request; auth is the Authorization header ("" for none).
func (r *contractRig) do(method, path, body, auth string, want int) []byte {
	r.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, r.url+path, rd)
	if err != nil {
		r.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := r.http.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		r.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, out)
	}
	return out
}

const (
	goodAuth  = "Bearer " + testToken
	wrongAuth = "Bearer not-the-token"
)

// idIn extracts "id" from a JSON object answer.
func idIn(t *testing.T, body []byte) string {
	t.Helper()
	m := regexp.MustCompile(`"id":"([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("no id in %s", body)
	}
	return string(m[1])
}

// TestContractEveryOperation drives all 15 operations through their
// success and error answers with requests the contract allows, and
// requires that every answer matches the contract.
func TestContractEveryOperation(t *testing.T) {
	r := newContractRig(t, nil)
	st := r.srv.snapshot()
	ev, rep := st.Events[0].ID, st.Reports[0].ID
	res, other := st.Resources[0].ResourceID, st.Resources[1].ResourceID

	// every operation refuses a wrong token
	for _, op := range everyOperation(t, r.srv) {
		r.do(op[0], op[1], `{}`, wrongAuth, http.StatusUnauthorized)
	}

	// Events
	r.do("GET", "/events", "", goodAuth, 200)
	r.do("GET", "/events/"+ev, "", goodAuth, 200)
	r.do("GET", "/events/no-such-event", "", goodAuth, 404)
	r.do("POST", "/events", "", goodAuth, 200)
	r.do("POST", "/events", `{"name":"Contract dispatch","payload":{"payloadType":"CurrentLevel","targetCurrent":8},"duration":"00:20:00","targets":["`+res+`"]}`, goodAuth, 200)
	r.do("POST", "/events", `{"targets":["ev-9999"],"start":"2020-01-01T00:00:00Z"}`, goodAuth, 400) // not enrolled, in the past

	// Reports
	r.do("POST", "/reports", reportBody(ev), goodAuth, 200)
	r.do("POST", "/reports", `{"name":"no event id","payloads":[]}`, goodAuth, 400)
	r.do("POST", "/reports", reportBody("no-such-event"), goodAuth, 404)
	r.do("GET", "/reports", "", goodAuth, 200)
	r.do("GET", "/reports/"+rep, "", goodAuth, 200)
	r.do("GET", "/reports/no-such-report", "", goodAuth, 404)

	// Resources
	r.do("GET", "/resources", "", goodAuth, 200)
	r.do("GET", "/resources/"+res, "", goodAuth, 200)
	r.do("GET", "/resources/ev-9999", "", goodAuth, 404)
	created := `{"userId":"u-1","resourceId":"ev-contract","metadata":{"resourceType":"Vehicle","brand":"Kia","model":"EV6","year":2024,"vin":"` + goodVIN + `"}}`
	r.do("POST", "/resources", created, goodAuth, 200)
	r.do("POST", "/resources", created, goodAuth, 409)
	r.do("POST", "/resources", `{"resourceId":"ev-x","metadata":{"vin":"WVGZZZE2ZNP01234I"}}`, goodAuth, 400)
	r.do("POST", "/resources", `{"metadata":{"year":1989}}`, goodAuth, 400)
	// over 1 MiB: the contract sets no size limit, so this request is valid and the 400 is checked
	r.do("POST", "/resources", `{"resourceId":"`+strings.Repeat("x", maxBodyBytes)+`"}`, goodAuth, 400)
	r.do("PUT", "/resources?resourceId=ev-contract", `{"metadata":{"brand":"Kia","model":"EV6","year":2025}}`, goodAuth, 200)
	r.do("PUT", "/resources?resourceId=ev-contract", `{"metadata":{"year":2099}}`, goodAuth, 400)
	r.do("PUT", "/resources?resourceId=ev-9999", `{"resourceId":"ev-9999"}`, goodAuth, 404)
	r.do("PUT", "/resources?resourceId=ev-contract", `{"resourceId":"`+other+`"}`, goodAuth, 409)
	r.do("DELETE", "/resources?resourceId=ev-contract", "", goodAuth, 204)
	r.do("DELETE", "/resources?resourceId=ev-contract", "", goodAuth, 404)

	// Subscriptions
	r.do("GET", "/subscriptions", "", goodAuth, 200)
	sub := idIn(t, r.do("POST", "/subscriptions", testSubscription, goodAuth, 200))
	r.do("POST", "/subscriptions", `{"webhookUrl":"/relative"}`, goodAuth, 400)
	r.do("GET", "/subscriptions/"+sub, "", goodAuth, 200)
	r.do("GET", "/subscriptions/no-such-sub", "", goodAuth, 404)
	r.do("PUT", "/subscriptions/"+sub, `{"id":"`+sub+`","webhookUrl":"https://example.com/hook","eventPayloadTypes":["CurrentLevel"],"operationTypes":["Update"]}`, goodAuth, 200)
	r.do("PUT", "/subscriptions/"+sub, `{"id":"someone-else","webhookUrl":"https://example.com/hook"}`, goodAuth, 400)
	r.do("PUT", "/subscriptions/no-such-sub", testSubscription, goodAuth, 404)
	r.do("GET", "/subscriptions", "", goodAuth, 200)
	r.do("DELETE", "/subscriptions/"+sub, "", goodAuth, 204)
	r.do("DELETE", "/subscriptions/"+sub, "", goodAuth, 404)

	// methods a path does not have
	for _, m := range [][2]string{{"PATCH", "/events"}, {"PATCH", "/resources"}, {"DELETE", "/reports/" + rep}, {"POST", "/subscriptions/" + sub}} {
		r.do(m[0], m[1], "", goodAuth, 405)
	}

	if v := r.checker.Violations(); len(v) > 0 {
		t.Fatalf("%d contract violations:\n%s", len(v), strings.Join(v, "\n"))
	}
	if unseen := r.checker.Unseen(); len(unseen) > 0 {
		t.Fatalf("operations never exercised: %v", unseen)
	}
	want := map[string][]int{
		"listEvents":         {200, 401},
		"dispatchEvent":      {200, 400, 401},
		"getEvent":           {200, 401, 404},
		"createReport":       {200, 400, 401, 404},
		"listReports":        {200, 401},
		"getReport":          {200, 401, 404},
		"listResources":      {200, 401},
		"createResource":     {200, 400, 401, 409},
		"updateResource":     {200, 400, 401, 404, 409},
		"deleteResource":     {204, 401, 404},
		"getResource":        {200, 401, 404},
		"listSubscriptions":  {200, 401},
		"createSubscription": {200, 400, 401},
		"getSubscription":    {200, 401, 404},
		"updateSubscription": {200, 400, 401, 404},
		"deleteSubscription": {204, 401, 404},
	}
	if seen := r.checker.Seen(); !mapsEqual(seen, want) {
		t.Fatalf("statuses seen per operation:\n got %v\nwant %v", seen, want)
	}
	for key, statuses := range r.checker.Unrouted() {
		if !slices.Equal(statuses, []int{405}) {
			t.Errorf("%s answered %v, want 405", key, statuses)
		}
	}
	if n := len(r.checker.Unrouted()); n != 4 {
		t.Errorf("%d wrong-method requests checked, want 4", n)
	}
}

func mapsEqual(a, b map[string][]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestContractMalformedRequests sends requests that themselves break the
// contract (no token, broken JSON, unknown enum values, a string for a
// number, a missing required query parameter): the checker flags each request, and
// the sandbox's answer to each must still match the contract.
func TestContractMalformedRequests(t *testing.T) {
	r := newContractRig(t, nil)
	st := r.srv.snapshot()
	ev := st.Events[0].ID
	res := st.Resources[0].ResourceID
	sub := idIn(t, r.do("POST", "/subscriptions", testSubscription, goodAuth, 200))
	r.checker.Reset()

	type bad struct{ method, path, body, auth string }
	var cases []bad
	for _, op := range everyOperation(t, r.srv) {
		cases = append(cases, bad{op[0], op[1], `{}`, ""}) // no token at all
	}
	reportWith := func(field, value string) string {
		return `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","resourceId":"ev-0001","location":{"latitude":59.9,"longitude":10.7},"actionType":"Start",` + field + `:` + value + `}]}`
	}
	cases = append(cases,
		bad{"POST", "/resources", `{"resourceId":`, goodAuth},
		bad{"POST", "/resources", `[1,2]`, goodAuth},
		bad{"PUT", "/resources?resourceId=" + res, `{"resourceId":"x",}`, goodAuth},
		bad{"PUT", "/resources", `{"resourceId":"x"}`, goodAuth},
		bad{"DELETE", "/resources", "", goodAuth},
		bad{"POST", "/reports", `{"eventId":`, goodAuth},
		bad{"POST", "/reports", reportWith(`"payloadType"`, `"PowerLevel"`), goodAuth},
		bad{"POST", "/reports", reportWith(`"actionType"`, `"Pause"`), goodAuth},
		bad{"POST", "/reports", reportWith(`"power"`, `"7kW"`), goodAuth},
		bad{"POST", "/reports", `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","actionType":"Start"}]}`, goodAuth},
		bad{"POST", "/subscriptions", `{"webhookUrl":"https://example.com/x","eventPayloadTypes":["Voltage"]}`, goodAuth},
		bad{"POST", "/subscriptions", `{"webhookUrl":"https://example.com/x","operationTypes":["Upsert"]}`, goodAuth},
		bad{"PUT", "/subscriptions/" + sub, `not json`, goodAuth},
		bad{"POST", "/events", `{"payload":{"payloadType":"CurrentLevel","targetCurrent":0}}`, goodAuth},
		bad{"POST", "/events", `{"payload":{"payloadType":"Unknown"}}`, goodAuth},
		bad{"POST", "/events", `{"duration":"2 hours"}`, goodAuth},
		bad{"POST", "/events", `{"targetPower":7400}`, goodAuth},
		bad{"POST", "/events", `{"targets":"ev-0001"}`, goodAuth},
		bad{"POST", "/events", `[1]`, goodAuth},
	)
	for _, c := range cases {
		want := http.StatusBadRequest
		if c.auth == "" {
			want = http.StatusUnauthorized
		}
		r.do(c.method, c.path, c.body, c.auth, want)
	}
	if v := r.checker.ResponseViolations(); len(v) > 0 {
		t.Fatalf("answers to bad requests break the contract:\n%s", strings.Join(v, "\n"))
	}
	if got := len(r.checker.RequestViolations()); got < len(cases) {
		t.Fatalf("the checker flagged %d of %d bad requests:\n%s", got, len(cases), strings.Join(r.checker.RequestViolations(), "\n"))
	}
}

// rewriteAnswer returns middleware that applies re/repl to the body of the
// first answer to path, as a sandbox with a type bug in its encoding would.
func rewriteAnswer(path string, re *regexp.Regexp, repl string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			if r.URL.Path == path {
				body = re.ReplaceAll(body, []byte(repl))
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	}
}

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
