package resources

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/sandbox"
	"github.com/ecdash/ecdash/views/list/listtest"
)

var testNow = time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)

const testToken = "test-token-0123456789"

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// newAPI serves a seeded sandbox whose clock reads now, on loopback.
func newAPI(t *testing.T, now time.Time) *client.Client {
	t.Helper()
	return newFailingAPI(t, now, nil)
}

// failing makes the sandbox answer 500 to the methods set in it.
type failing struct{ methods sync.Map }

func (f *failing) fail(method string, on bool) { f.methods.Store(method, on) }

func (f *failing) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if on, _ := f.methods.Load(r.Method); on == true {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"title":"Internal Server Error","status":500,"detail":"injected by the test"}`)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// newFailingAPI is newAPI with a switch to make methods fail (nil: none).
func newFailingAPI(t *testing.T, now time.Time, f *failing) *client.Client {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Token: testToken, Seed: 7, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = sb.Handler()
	if f != nil {
		h = f.wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); sb.Close() })
	c, err := client.New(client.Options{BaseURL: srv.URL, Token: testToken, RequestTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// harness is the Resources tab against a fresh sandbox, drafts in a
// temporary state directory.
func harness(t *testing.T) *listtest.Harness {
	t.Helper()
	return harnessWith(t, newAPI(t, testNow), t.TempDir(), false)
}

func harnessWith(t *testing.T, api client.API, stateDir string, readOnly bool) *listtest.Harness {
	t.Helper()
	return listtest.New(t, api, testNow, stateDir, readOnly, New)
}

// view is the tab's screen.
func view(h *listtest.Harness) string { return h.Tab.View() }

func mustContain(t *testing.T, screen string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(screen, w) {
			t.Fatalf("screen lacks %q:\n%s", w, screen)
		}
	}
}

func mustNotContain(t *testing.T, screen string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(screen, w) {
			t.Fatalf("screen shows %q:\n%s", w, screen)
		}
	}
}

// fill types a new vehicle into an open, empty form, field by field.
func fill(h *listtest.Harness, userID, resourceID, brand, model, year, vin string) {
	for _, v := range []string{userID, resourceID, brand, model, year, vin} {
		h.Type(v).Press("tab")
	}
}

func getResource(t *testing.T, api client.API, id string) (client.Resource, error) {
	t.Helper()
	return api.GetResource(context.Background(), id)
}

// selectRow moves the list cursor to the row of resourceId id.
func selectRow(t *testing.T, h *listtest.Harness, id string) {
	t.Helper()
	h.Tab.SetFilter(id)
	if shown, _ := h.Tab.Counts(); shown != 1 {
		t.Fatalf("filter %q shows %d rows", id, shown)
	}
}
