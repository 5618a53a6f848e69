package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// A server without GET /reports is asked once per client: the dashboard
// polls the Reports list and every dispatch screen gathers reports, and none
// of that may cost a 404 every few seconds.
func TestListReportsAsksOnce(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"title":"Not Found","status":404}`))
	}))
	defer srv.Close()
	c, _ := testClient(t, srv, Options{})
	for i := range 3 {
		_, err := c.ListReports(context.Background())
		if !errors.Is(err, ErrNotOffered) || StatusCode(err) != http.StatusNotFound {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("the server was asked %d times", n)
	}
}
