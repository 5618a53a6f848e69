package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Each fault spoils an answer the way it says, and only truncated and
// malformed answers come after the request was applied.
func TestChaosFaults(t *testing.T) {
	for _, f := range Faults {
		t.Run(f.String(), func(t *testing.T) {
			sb := newTestServer(t, nil)
			picked := false
			h := Chaos(sb.Handler(), ChaosOptions{MaxDelay: time.Millisecond, Pick: func(*http.Request) Fault {
				if picked {
					return FaultNone
				}
				picked = true
				return f
			}})
			srv := httptest.NewServer(h)
			defer srv.Close()
			body := `{"resourceId":"chaos-1","userId":"u","metadata":{"resourceType":"Vehicle"}}`
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/resources", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+testToken)
			req.Header.Set("Content-Type", "application/json")
			resp, err := srv.Client().Do(req)
			var got []byte
			if err == nil {
				got, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			switch f {
			case FaultServerError:
				if err != nil || resp.StatusCode != 500 || !strings.Contains(string(got), "chaos") {
					t.Errorf("%v %v %s", resp, err, got)
				}
			case FaultTooMany:
				if err != nil || resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "1" {
					t.Errorf("%v %v", resp, err)
				}
			case FaultSlow:
				if err != nil || resp.StatusCode != http.StatusOK {
					t.Errorf("%v %v", resp, err)
				}
			case FaultDrop:
				if err == nil {
					t.Errorf("a dropped connection answered %d", resp.StatusCode)
				}
			case FaultTruncated:
				if !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("a truncated answer read as %q, %v", got, err)
				}
			case FaultMalformed:
				if err != nil || resp.StatusCode != http.StatusOK || json.Valid(got) {
					t.Errorf("a malformed answer: %v %v %s", resp, err, got)
				}
			}
			applied := len(sb.snapshot().Resources) > seedVehicles
			if wantApplied := f == FaultSlow || f == FaultTruncated || f == FaultMalformed; applied != wantApplied {
				t.Errorf("applied %v, want %v", applied, wantApplied)
			}
		})
	}
}

func TestChaosRate(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h := Chaos(ok, ChaosOptions{Rate: 0.3, Seed: 1, Faults: []Fault{FaultServerError}})
	spoiled := 0
	for range 2000 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/events", nil))
		if rec.Code == 500 {
			spoiled++
		}
	}
	if spoiled < 500 || spoiled > 700 {
		t.Errorf("rate 0.3 spoiled %d of 2000", spoiled)
	}
}
