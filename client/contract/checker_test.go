package contract

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestOperationsAreTheContracts(t *testing.T) {
	c, err := NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	ops := c.Operations()
	if len(ops) != 16 || !slices.Contains(ops, "listReports") || !slices.Contains(ops, "deleteSubscription") || !slices.Contains(ops, "dispatchEvent") {
		t.Errorf("operations %v", ops)
	}
	if len(c.Unseen()) != 16 {
		t.Errorf("unseen %v", c.Unseen())
	}
}

func TestTransportHandsBodiesOnIntactAndRecords(t *testing.T) {
	const answer = `{"id":"r1","resourceId":"veh-1","metadata":{"year":2021}}`
	var gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		_, _ = io.WriteString(w, answer)
	}))
	defer srv.Close()
	c, err := NewChecker(BasePath("/v1/"))
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: c.Transport(nil)}
	const sent = `{"resourceId":"veh-1","metadata":{"vin":"YV1XZK9V6R2000001"}}`
	req, _ := http.NewRequest("POST", srv.URL+"/v1/resources", strings.NewReader(sent))
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != answer || gotBody != sent {
		t.Errorf("bodies changed: sent %q got %q; answered %q read %q", sent, gotBody, answer, b)
	}
	if v := c.Violations(); len(v) != 0 {
		t.Errorf("violations %v", v)
	}
	if s := c.Seen(); !slices.Equal(s["createResource"], []int{201}) {
		t.Errorf("seen %v", s)
	}
	c.Reset()
	if len(c.Seen()) != 0 {
		t.Error("Reset kept records")
	}
}
