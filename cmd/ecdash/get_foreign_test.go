package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A server that implements the seed but is not ours: optional fields left
// out, nulls, plain-string and OpenADR targets, ISO 8601 durations, numbers
// sent as strings, one garbled duration, no GET /reports.
const (
	foreignToken        = "foreign-token-77c1d0"
	foreignClientID     = "partner-client"
	foreignClientSecret = "foreign-client-secret-5e2a"
	foreignEvents       = `[
 {"id":"f-1","name":"Evening peak","priority":"2","programId":null,
  "targetResources":["veh-1","veh-2"],
  "intervalPeriod":{"start":"2025-06-01T17:00:00Z","duration":"PT2H","randomizeStart":null},
  "payload":{"payloadType":"PowerLevel","targetPower":"7400"},
  "unknownField":{"nested":[1,2,3]}},
 {"id":"f-2","name":"Night valley",
  "targetResources":[{"targetType":"RESOURCE_NAME","values":["veh-3","veh-4","veh-5"]}],
  "intervalPeriod":{"start":"2025-06-01T11:00:00Z","duration":"1.02:00:00"},
  "payload":{"payloadType":"CurrentLevel","targetCurrent":16}},
 {"id":"f-3","name":null,"targetResources":null,
  "intervalPeriod":{"start":"2025-05-01T00:00:00Z","duration":"2 hours"},
  "payload":null},
 {"id":"f-4"},
 {"id":"f-5","name":"Trickle charge","targetResources":["veh-1"],
  "intervalPeriod":{"start":"2025-06-01T18:00:00Z","duration":"PT1H"},
  "payload":{"payloadType":"PowerLevel","targetPower":500}},
 {"id":"f-6","name":"Garbled window","targetResources":["veh-2"],
  "intervalPeriod":{"start":"2025-06-01T10:00:00Z","duration":"ninety minutes"},
  "payload":{"payloadType":"CurrentLevel","targetCurrent":6.25}}
]`
	foreignResources = `[
 {"id":"r1","resourceId":"veh-1","userId":null,"metadata":{"brand":"Tesla","model":"Model 3","year":"2021","vin":"5YJ3E1EA7KF000001"}},
 {"resourceId":"veh-2"}
]`
	foreignSubscriptions = `[
 {"id":"s1","webhookUrl":"https://partner.example/hook","webhookSecret":"foreign-webhook-secret-value","eventPayloadTypes":null}
]`
)

func foreignServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	serve := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer "+foreignToken {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(body))
		}
	}
	mux.HandleFunc("GET /events", serve(foreignEvents))
	var events []json.RawMessage
	if err := json.Unmarshal([]byte(foreignEvents), &events); err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("GET /events/{id}", func(w http.ResponseWriter, r *http.Request) {
		for _, ev := range events {
			var head struct{ ID string }
			json.Unmarshal(ev, &head)
			if head.ID == r.PathValue("id") {
				serve(string(ev))(w, r)
				return
			}
		}
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /resources", serve(foreignResources))
	mux.HandleFunc("GET /subscriptions", serve(foreignSubscriptions))
	// An OAuth2 client-credentials endpoint that issues foreignToken.
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.PostFormValue("client_id"), r.PostFormValue("client_secret")
		}
		if r.PostFormValue("grant_type") != "client_credentials" || id != foreignClientID || secret != foreignClientSecret {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":"invalid_client"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"access_token":"` + foreignToken + `","token_type":"Bearer","expires_in":3600}`))
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// rejectingServer answers 401 problem+json to everything: a wrong server to
// point a lower-precedence setting at, that fails fast (no retries).
func rejectingServer(t *testing.T) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"title":"Unauthorized","status":401,"detail":"wrong server"}`))
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// rowOf returns the fields of the table row whose first column is id.
func rowOf(t *testing.T, table, id string) string {
	t.Helper()
	for _, l := range tableLines(table) {
		if strings.HasPrefix(l, id+" ") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	t.Fatalf("no row %s in:\n%s", id, table)
	return ""
}

func TestGetEventsFromForeignServer(t *testing.T) {
	ts := foreignServer(t)
	c := cli{vars: map[string]string{"ECDASH_BASE_URL": ts.URL, "ECDASH_TOKEN": foreignToken}}

	r := c.run(t, "get", "events").mustSucceed(t)
	tests := []struct{ id, want string }{
		// at the fixed clock (12:00 UTC): f-1 starts at 17:00, f-2 started at 11:00
		{"f-1", "f-1 Evening peak upcoming 2025-06-01 17:00 2h 7.4 kW 2 2 -"},
		{"f-2", "f-2 Night valley active 2025-06-01 11:00 1d2h 16 A 3 - -"},
		// started, its duration unreadable: active, end unknown (as the dashboard says)
		{"f-3", "f-3 - active 2025-05-01 00:00 !2 hours"},
		{"f-4", "f-4 - unknown - - - 0 - -"},
	}
	for _, tt := range tests {
		if got := rowOf(t, r.stdout, tt.id); !strings.HasPrefix(got, tt.want) {
			t.Errorf("row %s:\n got %s\nwant %s…", tt.id, got, tt.want)
		}
	}
	if got := rowOf(t, r.stdout, "f-3"); !strings.Contains(got, "!2 hours") {
		t.Errorf("the garbled duration is not shown as invalid: %s", got)
	}

	r = c.run(t, "get", "events", "-o", "json").mustSucceed(t)
	if got, want := compact(t, []byte(r.stdout)), compact(t, []byte(foreignEvents)); got != want {
		t.Errorf("-o json differs from what the server sent:\n got %s\nwant %s", got, want)
	}

	r = c.run(t, "get", "event", "f-1").mustSucceed(t)
	for _, want := range []string{"Evening peak", "7.4 kW", "veh-1", "veh-2", "randomize start: none"} {
		if !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), want) {
			t.Errorf("event layout lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestGetResourcesAndSubscriptionsFromForeignServer(t *testing.T) {
	ts := foreignServer(t)
	c := cli{vars: map[string]string{"ECDASH_BASE_URL": ts.URL, "ECDASH_TOKEN": foreignToken}}

	r := c.run(t, "get", "resources").mustSucceed(t)
	if got := rowOf(t, r.stdout, "veh-1"); got != "veh-1 - Tesla Model 3 2021 5YJ3E1EA7KF000001" {
		t.Errorf("veh-1 row: %s", got)
	}
	if got := rowOf(t, r.stdout, "veh-2"); got != "veh-2 - - - - -" {
		t.Errorf("veh-2 row: %s", got)
	}
	r = c.run(t, "get", "resources", "-o", "json").mustSucceed(t)
	if got, want := compact(t, []byte(r.stdout)), compact(t, []byte(foreignResources)); got != want {
		t.Errorf("-o json:\n got %s\nwant %s", got, want)
	}

	r = c.run(t, "get", "subscriptions").mustSucceed(t)
	if got := rowOf(t, r.stdout, "s1"); got != "s1 https://partner.example/hook - - ••••••••" {
		t.Errorf("s1 row: %s", got)
	}
	r = c.run(t, "get", "subscriptions", "-o", "json").mustSucceed(t)
	if strings.Contains(r.stdout, "foreign-webhook-secret-value") || !strings.Contains(r.stdout, `"webhookSecret": "••••••••"`) {
		t.Errorf("secret not masked in JSON:\n%s", r.stdout)
	}
}

func TestGetReportsWhereNotOffered(t *testing.T) {
	ts := foreignServer(t)
	c := cli{vars: map[string]string{"ECDASH_BASE_URL": ts.URL, "ECDASH_TOKEN": foreignToken}}
	c.run(t, "get", "reports").mustFail(t, []string{"does not list reports", "never lists them back"}, foreignToken)
}
