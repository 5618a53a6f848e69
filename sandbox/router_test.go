package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestUnknownPathsAre404(t *testing.T) {
	s := newTestServer(t, nil)
	for _, path := range []string{"/", "/nope", "/events/", "/events/a/b", "/resources/", "/v1/events"} {
		rec := call(t, s, http.MethodGet, path, "")
		mustStatus(t, rec, http.StatusNotFound)
		problemOf(t, rec)
	}
}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	s := newTestServer(t, nil)
	for _, tc := range []struct{ method, path, allow string }{
		{http.MethodPut, "/events", "GET, POST"},
		{http.MethodDelete, "/events/x", "GET"},
		{http.MethodPatch, "/resources", "DELETE, GET, POST, PUT"},
		{http.MethodPost, "/resources/ev-0001", "GET"},
		{http.MethodPut, "/reports", "GET, POST"},
		{http.MethodDelete, "/reports/x", "GET"},
		{http.MethodPatch, "/subscriptions", "GET, POST"},
		{http.MethodPost, "/subscriptions/x", "DELETE, GET, PUT"},
	} {
		rec := call(t, s, tc.method, tc.path, "")
		mustStatus(t, rec, http.StatusMethodNotAllowed)
		problemOf(t, rec)
		if got := rec.Header().Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, got, tc.allow)
		}
	}
}

func TestEscapedPathParameter(t *testing.T) {
	s := newTestServer(t, nil)
	rec := call(t, s, http.MethodPost, "/resources", `{"resourceId":"fleet/ev 1"}`)
	mustStatus(t, rec, http.StatusOK)
	mustStatus(t, call(t, s, http.MethodGet, "/resources/fleet%2Fev%201", ""), http.StatusOK)
}
