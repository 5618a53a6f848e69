package client_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
)

// fakeServer is a small, spec-abiding API server for contract tests. It is
// not the sandbox: it answers canned objects, and the ids "missing" (404),
// "dup" (409) and "plain" (plain-text 400) trigger error answers.
type fakeServer struct {
	token         string
	offersReports bool
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeProblem(w http.ResponseWriter, status int, detail string, errs map[string][]string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(client.ProblemDetails{
		Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Errors: errs,
		Extensions: map[string]json.RawMessage{"traceId": json.RawMessage(`"00-fake"`)},
	})
}

var fakeStart = time.Date(2024, 5, 1, 16, 0, 0, 0, time.UTC)

func fakeEvent(id string) client.Event {
	prio := 1
	return client.Event{
		ID: id, Name: "Evening peak " + id, Priority: &prio, ProgramID: "prog-1",
		CreatedDateTime:      fakeStart.Add(-24 * time.Hour),
		ModificationDateTime: fakeStart.Add(-23 * time.Hour),
		TargetResources:      []client.TargetResource{{ResourceID: "veh-1", LocationID: "loc-1"}},
		ReportDescriptors:    []client.ReportDescriptor{{PayloadType: client.ReportPayloadVehicleChargeAction, TargetResources: []string{"veh-1"}}},
		IntervalPeriod:       client.IntervalPeriod{Start: fakeStart, Duration: 2 * time.Hour, RandomizeStart: 15 * time.Minute},
		Payload:              client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true},
	}
}

func fakeResource(resourceID string) client.Resource {
	year := 2022
	return client.Resource{ID: "r-" + resourceID, UserID: "user-1", ResourceID: resourceID,
		Metadata: client.VehicleResourceMetadata{ResourceType: "Vehicle", Brand: "Volvo", Model: "EX30", Year: &year, VIN: "YV1XZK9V6R2000001"}}
}

func fakeSubscription(id string) client.Subscription {
	return client.Subscription{ID: id, WebhookURL: "https://partner.example/hook", WebhookSecret: "whsec-fake",
		EventPayloadTypes: []client.PayloadType{client.PayloadPowerLevel}, OperationTypes: []client.OperationType{client.OperationCreate}}
}

func fakeReport(id string) client.Report {
	power := 3680.0
	return client.Report{ID: id, EventID: "evt-1", ProgramID: "prog-1", Name: "report " + id, CreatedDateTime: fakeStart,
		ModificationDateTime: fakeStart,
		Payloads: []client.VehicleChargeActionPayload{{ResourceID: "veh-1", Location: client.Location{Latitude: 59.91, Longitude: 10.75},
			ActionType: client.ActionStart, Power: &power}}}
}

func (f *fakeServer) handler() http.Handler {
	mux := http.NewServeMux()
	byID := func(get func(id string) any) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if id := r.PathValue("id"); id == "missing" {
				writeProblem(w, 404, "no object with id "+id, nil)
				return
			}
			writeJSON(w, 200, get(r.PathValue("id")))
		}
	}
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []client.Event{fakeEvent("evt-1"), fakeEvent("evt-2")})
	})
	mux.HandleFunc("GET /events/{id}", byID(func(id string) any { return fakeEvent(id) }))

	mux.HandleFunc("POST /reports", func(w http.ResponseWriter, r *http.Request) {
		var req client.ReportRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.EventID == "" {
			writeProblem(w, 400, "", map[string][]string{"eventId": {"The eventId field is required."}})
			return
		}
		if req.EventID == "missing" {
			writeProblem(w, 404, "no event missing", nil)
			return
		}
		rep := fakeReport("rep-new")
		rep.EventID, rep.Name, rep.Payloads = req.EventID, req.Name, nil
		writeJSON(w, 201, rep)
	})
	if f.offersReports {
		mux.HandleFunc("GET /reports", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, []client.Report{fakeReport("rep-1")})
		})
		mux.HandleFunc("GET /reports/{id}", byID(func(id string) any { return fakeReport(id) }))
	} else {
		notThere := func(status int) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) { writeProblem(w, status, "", nil) }
		}
		mux.HandleFunc("GET /reports", notThere(405))
		mux.HandleFunc("GET /reports/{id}", notThere(404))
	}

	mux.HandleFunc("GET /resources", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []client.Resource{fakeResource("veh-1"), fakeResource("veh-2")})
	})
	mux.HandleFunc("POST /resources", func(w http.ResponseWriter, r *http.Request) {
		var req client.ResourceRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		switch {
		case req.ResourceID == "dup":
			writeProblem(w, 409, "resourceId dup already exists", nil)
		case len(req.Metadata.VIN) != 17:
			writeProblem(w, 400, "", map[string][]string{"metadata.vin": {"must be 17 characters"}})
		default:
			writeJSON(w, 201, fakeResource(req.ResourceID))
		}
	})
	mux.HandleFunc("PUT /resources", func(w http.ResponseWriter, r *http.Request) {
		switch id := r.URL.Query().Get("resourceId"); id {
		case "missing":
			writeProblem(w, 404, "no resource missing", nil)
		case "plain":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(400)
			_, _ = w.Write([]byte("resourceId 'plain' is reserved"))
		default:
			writeJSON(w, 200, fakeResource(id))
		}
	})
	mux.HandleFunc("DELETE /resources", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("resourceId") == "missing" {
			writeProblem(w, 404, "no resource missing", nil)
			return
		}
		w.WriteHeader(204)
	})
	mux.HandleFunc("GET /resources/{id}", byID(func(id string) any { return fakeResource(id) }))

	mux.HandleFunc("GET /subscriptions", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []client.Subscription{fakeSubscription("sub-1")})
	})
	mux.HandleFunc("POST /subscriptions", func(w http.ResponseWriter, r *http.Request) {
		var req client.SubscriptionRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		if !strings.HasPrefix(req.WebhookURL, "https://") {
			writeProblem(w, 400, "", map[string][]string{"webhookUrl": {"must be an https URL"}})
			return
		}
		writeJSON(w, 201, fakeSubscription("sub-new"))
	})
	mux.HandleFunc("GET /subscriptions/{id}", byID(func(id string) any { return fakeSubscription(id) }))
	mux.HandleFunc("PUT /subscriptions/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "missing" {
			writeProblem(w, 404, "", nil)
			return
		}
		var sub client.Subscription
		if err := json.NewDecoder(r.Body).Decode(&sub); err != nil || sub.ID != r.PathValue("id") {
			writeProblem(w, 400, "the body's id must match the path", nil)
			return
		}
		writeJSON(w, 200, sub)
	})
	mux.HandleFunc("DELETE /subscriptions/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "missing" {
			writeProblem(w, 404, "", nil)
			return
		}
		w.WriteHeader(204)
	})

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+f.token {
			writeProblem(w, 401, "invalid token", nil)
			return
		}
		mux.ServeHTTP(w, r)
	})
}
