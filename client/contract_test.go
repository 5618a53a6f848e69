package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/client/contract"
)

const basePath = "/energy-coordination/v1"

// checked starts handler behind a contract-checking middleware under
// basePath, and returns a client whose transport checks too.
func checked(t *testing.T, handler http.Handler, token string) (c *client.Client, server, clientSide *contract.Checker) {
	t.Helper()
	var err error
	if server, err = contract.NewChecker(contract.BasePath(basePath)); err != nil {
		t.Fatal(err)
	}
	if clientSide, err = contract.NewChecker(contract.BasePath(basePath)); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(basePath+"/", http.StripPrefix(basePath, handler))
	srv := httptest.NewServer(server.Middleware(mux))
	t.Cleanup(srv.Close)
	c = newClient(t, srv.URL+basePath, token, clientSide)
	return c, server, clientSide
}

func newClient(t *testing.T, baseURL, token string, ch *contract.Checker) *client.Client {
	t.Helper()
	c, err := client.New(client.Options{
		BaseURL:     baseURL,
		Token:       token,
		HTTPClient:  &http.Client{Transport: ch.Transport(nil)},
		MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// everyOperation calls each of the 15 operations once with the given ids.
func everyOperation(c *client.Client, id string) map[string]error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	errs := map[string]error{}
	_, errs["listEvents"] = c.ListEvents(ctx)
	_, errs["getEvent"] = c.GetEvent(ctx, id)
	_, errs["createReport"] = c.CreateReport(ctx, client.ReportRequest{EventID: id, Name: "r",
		Payloads: []client.VehicleChargeActionPayload{{ResourceID: "veh-1", Location: client.Location{Latitude: 59.9, Longitude: 10.7}, ActionType: client.ActionStop}}})
	_, errs["listResources"] = c.ListResources(ctx)
	_, errs["createResource"] = c.CreateResource(ctx, client.ResourceRequest{UserID: "user-1", ResourceID: id,
		Metadata: client.VehicleResourceMetadata{ResourceType: "Vehicle", Brand: "Volvo", Model: "EX30", VIN: "YV1XZK9V6R2000001"}})
	_, errs["updateResource"] = c.UpdateResource(ctx, id, client.ResourceRequest{ResourceID: id})
	errs["deleteResource"] = c.DeleteResource(ctx, id)
	_, errs["getResource"] = c.GetResource(ctx, id)
	_, errs["listSubscriptions"] = c.ListSubscriptions(ctx)
	_, errs["createSubscription"] = c.CreateSubscription(ctx, client.SubscriptionRequest{WebhookURL: "https://partner.example/hook",
		WebhookSecret: "whsec-1", EventPayloadTypes: client.PayloadTypes, OperationTypes: client.OperationTypes})
	_, errs["getSubscription"] = c.GetSubscription(ctx, id)
	_, errs["updateSubscription"] = c.UpdateSubscription(ctx, id, client.Subscription{WebhookURL: "https://partner.example/hook2",
		EventPayloadTypes: []client.PayloadType{client.PayloadCurrentLevel}, OperationTypes: []client.OperationType{client.OperationUpdate}})
	errs["deleteSubscription"] = c.DeleteSubscription(ctx, id)
	_, errs["listReports"] = c.ListReports(ctx)
	_, errs["getReport"] = c.GetReport(ctx, id)
	return errs
}

func TestContractEveryOperationAndItsErrorAnswers(t *testing.T) {
	fake := &fakeServer{token: "good-token", offersReports: true}
	c, server, clientSide := checked(t, fake.handler(), "good-token")

	for op, err := range everyOperation(c, "veh-1") {
		if err != nil {
			t.Errorf("%s: %v", op, err)
		}
	}
	// Error answers: unknown ids, duplicates, invalid bodies, a plain-text 400.
	ctx := context.Background()
	for op, err := range everyOperation(c, "missing") {
		switch op {
		case "listEvents", "listResources", "listSubscriptions", "listReports", "createSubscription":
			continue // no id involved
		case "createResource":
			if err != nil {
				t.Errorf("createResource(missing): %v", err)
			}
		default:
			if !client.IsNotFound(err) {
				t.Errorf("%s(missing): %v, want a 404", op, err)
			}
		}
	}
	if _, err := c.CreateResource(ctx, client.ResourceRequest{ResourceID: "dup", Metadata: client.VehicleResourceMetadata{VIN: "YV1XZK9V6R2000001"}}); !client.IsConflict(err) {
		t.Errorf("duplicate: %v", err)
	}
	if _, err := c.CreateResource(ctx, client.ResourceRequest{ResourceID: "v9", Metadata: client.VehicleResourceMetadata{VIN: "SHORT"}}); client.StatusCode(err) != 400 ||
		!strings.Contains(err.Error(), "metadata.vin: must be 17 characters") {
		t.Errorf("bad VIN: %v", err)
	}
	if _, err := c.UpdateResource(ctx, "plain", client.ResourceRequest{}); err == nil || err.Error() != "PUT /resources: 400 Bad Request: resourceId 'plain' is reserved" {
		t.Errorf("plain-text 400: %v", err)
	}
	if _, err := c.CreateReport(ctx, client.ReportRequest{Name: "no event"}); client.StatusCode(err) != 400 {
		t.Errorf("report without event: %v", err)
	}
	if _, err := c.CreateSubscription(ctx, client.SubscriptionRequest{WebhookURL: "http://insecure.example"}); client.StatusCode(err) != 400 {
		t.Errorf("insecure webhook: %v", err)
	}
	// Every operation refuses a wrong token with a problem+json 401.
	wrong := newClient(t, c.BaseURL(), "wrong-token", clientSide)
	for op, err := range everyOperation(wrong, "veh-1") {
		if !client.IsAuth(err) || err.Error() != strings.SplitN(err.Error(), ":", 2)[0]+": 401 Unauthorized: invalid token" {
			t.Errorf("%s with a wrong token: %v", op, err)
		}
	}

	for name, ch := range map[string]*contract.Checker{"server": server, "client": clientSide} {
		if v := ch.Violations(); len(v) != 0 {
			t.Errorf("%s-side violations:\n%s", name, strings.Join(v, "\n"))
		}
		// dispatchEvent is the sandbox's own extension (POST /events); the client
		// never calls it, and the sandbox's tests check it.
		if u := slices.DeleteFunc(ch.Unseen(), func(op string) bool { return op == "dispatchEvent" }); len(u) != 0 {
			t.Errorf("%s side never saw %v", name, u)
		}
		seen := ch.Seen()
		wantStatuses := map[string][]int{
			"listEvents": {200, 401}, "getEvent": {200, 401, 404},
			"createReport":  {201, 400, 401, 404},
			"listResources": {200, 401}, "createResource": {201, 400, 401, 409}, "updateResource": {200, 400, 401, 404},
			"deleteResource": {204, 401, 404}, "getResource": {200, 401, 404},
			"listSubscriptions": {200, 401}, "createSubscription": {201, 400, 401}, "getSubscription": {200, 401, 404},
			"updateSubscription": {200, 401, 404}, "deleteSubscription": {204, 401, 404},
			"listReports": {200, 401}, "getReport": {200, 401, 404},
		}
		for op, want := range wantStatuses {
			if !slices.Equal(seen[op], want) {
				t.Errorf("%s side: %s answered %v, want %v", name, op, seen[op], want)
			}
		}
	}
}

func TestContractReportsExtensionAbsent(t *testing.T) {
	fake := &fakeServer{token: "t"}
	c, server, clientSide := checked(t, fake.handler(), "t")
	ctx := context.Background()
	if _, err := c.ListReports(ctx); !errors.Is(err, client.ErrNotOffered) || client.StatusCode(err) != 405 {
		t.Errorf("ListReports: %v", err)
	}
	if _, err := c.GetReport(ctx, "rep-1"); !errors.Is(err, client.ErrNotOffered) {
		t.Errorf("GetReport: %v", err)
	}
	for _, ch := range []*contract.Checker{server, clientSide} {
		if v := ch.Violations(); len(v) != 0 {
			t.Errorf("violations: %v", v)
		}
		if s := ch.Seen(); !slices.Equal(s["listReports"], []int{405}) || !slices.Equal(s["getReport"], []int{404}) {
			t.Errorf("seen %v", s)
		}
	}
}

// TestContractCatchesAChangedAnswer is the reason for all of this: a server
// that changes a field's type, status or content type must fail the tests.
func TestContractCatchesAChangedAnswer(t *testing.T) {
	tests := []struct {
		name   string
		status int
		ctype  string
		body   string
		want   string // in the violation
	}{
		{"priority as a string", 200, "application/json",
			`{"id":"e1","priority":"high","payload":{"payloadType":"PowerLevel","targetPower":1}}`, `"/priority"`},
		{"start as a number", 200, "application/json",
			`{"id":"e1","intervalPeriod":{"start":1714579200,"duration":"02:00:00"}}`, `"/intervalPeriod/start"`},
		{"duration in ISO form", 200, "application/json",
			`{"id":"e1","intervalPeriod":{"start":"2024-05-01T16:00:00Z","duration":"PT2H"}}`, `"/intervalPeriod/duration"`},
		{"targets as strings", 200, "application/json",
			`{"id":"e1","targetResources":["veh-1"]}`, `"/targetResources/0"`},
		{"404 as plain text", 404, "text/plain", `not found`, "text/plain"},
		{"an undocumented status", 500, "application/problem+json", `{"title":"boom"}`, "status is not supported"},
		{"problem with a numeric title", 404, "application/problem+json", `{"title":404}`, `"/title"`},
		{"problem errors not lists", 404, "application/problem+json", `{"title":"x","errors":{"id":"bad"}}`, `"/errors/id"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, server, clientSide := checked(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.ctype)
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}), "t")
			_, _ = c.GetEvent(context.Background(), "e1") // the client copes; the contract must not
			for name, ch := range map[string]*contract.Checker{"server": server, "client": clientSide} {
				v := ch.ResponseViolations()
				if len(v) != 1 || !strings.Contains(v[0], tt.want) || !strings.HasPrefix(v[0], "response getEvent") {
					t.Errorf("%s side: violations %q, want one mentioning %q", name, v, tt.want)
				}
				if len(ch.RequestViolations()) != 0 {
					t.Errorf("%s side: request violations %v", name, ch.RequestViolations())
				}
			}
		})
	}
}

func TestContractCatchesBadRequests(t *testing.T) {
	ch, err := contract.NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(ch.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		if r.Header.Get("Authorization") == "" {
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"title":"Unauthorized","status":401}`))
			return
		}
		w.WriteHeader(400)
		_, _ = w.Write([]byte(`{"title":"Bad Request","status":400}`))
	})))
	defer srv.Close()
	send := func(method, path, auth, body string) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	send("GET", "/events", "", "")                                                // no token
	send("DELETE", "/resources", "Bearer x", "")                                  // no resourceId
	send("POST", "/reports", "Bearer x", `{"payloads":[{"actionType":"Pause"}]}`) // bad payload
	send("POST", "/subscriptions", "Bearer x", `{"eventPayloadTypes":["Frequency"]}`)
	send("POST", "/resources", "Bearer x", `{"metadata":{"year":"2020"}}`)
	got := ch.RequestViolations()
	if len(got) != 5 {
		t.Errorf("%d request violations, want 5:\n%s", len(got), strings.Join(got, "\n"))
	}
	if v := ch.ResponseViolations(); len(v) != 0 {
		t.Errorf("response violations: %v", v)
	}
	for _, v := range got {
		if strings.Contains(v, "Bearer x") {
			t.Errorf("a violation quotes the Authorization header: %s", v)
		}
	}
}

func TestContractUnroutedMethods(t *testing.T) {
	ch, err := contract.NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	status := 405
	srv := httptest.NewServer(ch.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"title":"Method Not Allowed","status":405}`))
	})))
	defer srv.Close()
	do := func(method, path string) {
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer x")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	do("PATCH", "/events")
	do("POST", "/connect/token") // not API traffic: ignored
	if v := ch.Violations(); len(v) != 0 {
		t.Errorf("violations %v", v)
	}
	if u := ch.Unrouted(); !slices.Equal(u["PATCH /events"], []int{405}) || len(u) != 1 {
		t.Errorf("unrouted %v", u)
	}
	status = 200
	do("DELETE", "/events/e1")
	if v := ch.Violations(); len(v) != 1 || !strings.Contains(v[0], "no such operation") {
		t.Errorf("a 2xx to an undefined method: %v", v)
	}
}
