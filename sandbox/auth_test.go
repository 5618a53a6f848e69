package sandbox

import (
	"net/http"
	"testing"
)

// everyOperation is each method and path the sandbox serves, with ids that
// exist in the seed where a path needs one.
func everyOperation(t *testing.T, s *Server) [][2]string {
	t.Helper()
	st := s.snapshot()
	ev, res, rep := st.Events[0].ID, st.Resources[0].ResourceID, st.Reports[0].ID
	return [][2]string{
		{http.MethodGet, "/events"},
		{http.MethodPost, "/events"},
		{http.MethodGet, "/events/" + ev},
		{http.MethodPost, "/reports"},
		{http.MethodGet, "/reports"},
		{http.MethodGet, "/reports/" + rep},
		{http.MethodGet, "/resources"},
		{http.MethodPost, "/resources"},
		{http.MethodPut, "/resources?resourceId=" + res},
		{http.MethodDelete, "/resources?resourceId=" + res},
		{http.MethodGet, "/resources/" + res},
		{http.MethodGet, "/subscriptions"},
		{http.MethodPost, "/subscriptions"},
		{http.MethodGet, "/subscriptions/x"},
		{http.MethodPut, "/subscriptions/x"},
		{http.MethodDelete, "/subscriptions/x"},
	}
}

func TestEveryOperationRequiresTheToken(t *testing.T) {
	s := newTestServer(t, nil)
	for _, op := range everyOperation(t, s) {
		for _, tc := range []struct {
			auth, detail string
		}{
			{"", "missing bearer token"},
			{"Basic dXNlcjpwYXNz", "missing bearer token"},
			{"Bearer", "missing bearer token"},
			{"Bearer wrong-token", "invalid token"},
			{"Bearer " + testToken + "x", "invalid token"},
		} {
			rec := callWith(t, s, op[0], op[1], `{}`, tc.auth)
			mustStatus(t, rec, http.StatusUnauthorized)
			p := problemOf(t, rec)
			if p.Title != "Unauthorized" || p.Detail != tc.detail {
				t.Errorf("%s %s with %q: title %q detail %q, want Unauthorized / %q", op[0], op[1], tc.auth, p.Title, p.Detail, tc.detail)
			}
			if rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("%s %s: 401 without WWW-Authenticate", op[0], op[1])
			}
		}
	}
}

func TestTokenNeverInAnswer(t *testing.T) {
	s := newTestServer(t, nil)
	rec := callWith(t, s, http.MethodGet, "/events", "", "Bearer "+testToken+"-almost")
	mustStatus(t, rec, http.StatusUnauthorized)
	if body := rec.Body.String(); contains(body, testToken) {
		t.Fatalf("401 body echoes the token: %s", body)
	}
}

func TestBearerSchemeIsCaseInsensitive(t *testing.T) {
	s := newTestServer(t, nil)
	for _, auth := range []string{"bearer " + testToken, "BEARER " + testToken, "Bearer  " + testToken + " "} {
		mustStatus(t, callWith(t, s, http.MethodGet, "/events", "", auth), http.StatusOK)
	}
}

func TestNewRequiresAToken(t *testing.T) {
	for _, tok := range []string{"", "has space"} {
		if _, err := New(Options{Token: tok}); err == nil {
			t.Errorf("New with token %q: no error", tok)
		}
	}
}
