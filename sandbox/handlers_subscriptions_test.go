package sandbox

import (
	"net/http"
	"slices"
	"testing"
)

const testSubscription = `{"webhookUrl":"https://ops.example.com/webhook","webhookSecret":"s3cret-value-123","eventPayloadTypes":["PowerLevel","CurrentLevel"],"operationTypes":["Create","Update","Delete"]}`

// createTestSubscription creates a subscription and returns its id.
func createTestSubscription(t *testing.T, s *Server) string {
	t.Helper()
	rec := call(t, s, http.MethodPost, "/subscriptions", testSubscription)
	mustStatus(t, rec, http.StatusOK)
	var sub map[string]any
	decodeInto(t, rec, &sub)
	id, _ := sub["id"].(string)
	if len(id) != 36 {
		t.Fatalf("subscription id %q", id)
	}
	return id
}

func TestSubscriptionLifecycle(t *testing.T) {
	s := newTestServer(t, nil)
	rec := call(t, s, http.MethodGet, "/subscriptions", "")
	mustStatus(t, rec, http.StatusOK)
	if rec.Body.String() != "[]\n" {
		t.Fatalf("fresh sandbox subscriptions %s, want []", rec.Body)
	}
	id := createTestSubscription(t, s)

	rec = call(t, s, http.MethodGet, "/subscriptions/"+id, "")
	mustStatus(t, rec, http.StatusOK)
	var sub map[string]any
	decodeInto(t, rec, &sub)
	if sub["webhookUrl"] != "https://ops.example.com/webhook" || sub["webhookSecret"] != "s3cret-value-123" {
		t.Fatalf("GET %v", sub)
	}

	// PUT without a secret keeps it; the id in the body may be given
	rec = call(t, s, http.MethodPut, "/subscriptions/"+id, `{"id":"`+id+`","webhookUrl":"http://127.0.0.1:8787/webhook","eventPayloadTypes":["PowerLevel"],"operationTypes":["Create"]}`)
	mustStatus(t, rec, http.StatusOK)
	decodeInto(t, rec, &sub)
	if sub["id"] != id || sub["webhookUrl"] != "http://127.0.0.1:8787/webhook" || sub["webhookSecret"] != "s3cret-value-123" {
		t.Fatalf("PUT answer %v", sub)
	}
	if types, _ := sub["eventPayloadTypes"].([]any); len(types) != 1 || types[0] != "PowerLevel" {
		t.Fatalf("eventPayloadTypes %v", sub["eventPayloadTypes"])
	}

	rec = call(t, s, http.MethodGet, "/subscriptions", "")
	var list []map[string]any
	decodeInto(t, rec, &list)
	if len(list) != 1 || list[0]["webhookUrl"] != "http://127.0.0.1:8787/webhook" {
		t.Fatalf("list %v", list)
	}

	mustStatus(t, call(t, s, http.MethodDelete, "/subscriptions/"+id, ""), http.StatusNoContent)
	for _, m := range []string{http.MethodGet, http.MethodDelete} {
		rec = call(t, s, m, "/subscriptions/"+id, "")
		mustStatus(t, rec, http.StatusNotFound)
		problemOf(t, rec)
	}
	rec = call(t, s, http.MethodPut, "/subscriptions/"+id, testSubscription)
	mustStatus(t, rec, http.StatusNotFound)
}

func TestSubscriptionValidation(t *testing.T) {
	s := newTestServer(t, nil)
	id := createTestSubscription(t, s)
	for _, tc := range []struct {
		name, body string
		fields     []string
	}{
		{"missing webhookUrl", `{"eventPayloadTypes":["PowerLevel"]}`, []string{"webhookUrl"}},
		{"relative webhookUrl", `{"webhookUrl":"/webhook"}`, []string{"webhookUrl"}},
		{"ftp webhookUrl", `{"webhookUrl":"ftp://example.com/x"}`, []string{"webhookUrl"}},
		{"webhookUrl without host", `{"webhookUrl":"https://"}`, []string{"webhookUrl"}},
		{"webhookUrl with credentials", `{"webhookUrl":"https://u:p@example.com/x"}`, []string{"webhookUrl"}},
		{"unknown payload type", `{"webhookUrl":"https://example.com/x","eventPayloadTypes":["PowerLevel","Voltage"]}`, []string{"eventPayloadTypes[1]"}},
		{"payload types not a list", `{"webhookUrl":"https://example.com/x","eventPayloadTypes":"PowerLevel"}`, []string{"eventPayloadTypes"}},
		{"unknown operation type", `{"webhookUrl":"https://example.com/x","operationTypes":["Upsert"]}`, []string{"operationTypes[0]"}},
		{"secret not a string", `{"webhookUrl":"https://example.com/x","webhookSecret":42}`, []string{"webhookSecret"}},
	} {
		for _, target := range [][2]string{{http.MethodPost, "/subscriptions"}, {http.MethodPut, "/subscriptions/" + id}} {
			rec := call(t, s, target[0], target[1], tc.body)
			mustStatus(t, rec, http.StatusBadRequest)
			p := problemOf(t, rec)
			if got := sortedKeys(p.Errors); !slices.Equal(got, sorted(tc.fields)) {
				t.Errorf("%s %s: errors %v, want fields %v", target[0], tc.name, p.Errors, tc.fields)
			}
		}
	}
	rec := call(t, s, http.MethodPut, "/subscriptions/"+id, `{"id":"other","webhookUrl":"https://example.com/x"}`)
	mustStatus(t, rec, http.StatusBadRequest)
	if p := problemOf(t, rec); len(p.Errors["id"]) == 0 {
		t.Fatalf("id mismatch errors %v", p.Errors)
	}
	if n := len(s.snapshot().Subscriptions); n != 1 {
		t.Fatalf("%d subscriptions after rejected requests, want 1", n)
	}
}

func TestSubscriptionSecretNotLogged(t *testing.T) {
	var logs logBuffer
	s := newTestServer(t, func(o *Options) { o.Logger = logs.logger() })
	createTestSubscription(t, s)
	call(t, s, http.MethodGet, "/events", "")
	if out := logs.String(); contains(out, "s3cret-value-123") || contains(out, testToken) || !contains(out, "/subscriptions") {
		t.Fatalf("log leaks a secret or misses the request:\n%s", out)
	}
}

func TestRejectedWebhookURLIsNotEchoed(t *testing.T) {
	s := newTestServer(t, nil)
	for _, u := range []string{"hooks.example.com/in?token=SECRETTOKEN", "ftp://example.com/in?token=SECRETTOKEN", "https://user:SECRETTOKEN@example.com/in", "http://[::1%zz/SECRETTOKEN"} {
		rec := call(t, s, http.MethodPost, "/subscriptions", `{"webhookUrl":"`+u+`"}`)
		mustStatus(t, rec, http.StatusBadRequest)
		if p := problemOf(t, rec); len(p.Errors["webhookUrl"]) == 0 || contains(rec.Body.String(), "SECRETTOKEN") {
			t.Errorf("%s: %s", u, rec.Body)
		}
	}
}
