package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/atomicfile"
)

func TestPersistenceRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	a := newTestServer(t, func(o *Options) { o.DataFile = path })
	assertDataFile(t, path)
	mustStatus(t, call(t, a, http.MethodPost, "/resources", `{"resourceId":"ev-kept","metadata":{"vin":"`+goodVIN+`"}}`), http.StatusOK)
	sub := createTestSubscription(t, a)
	ev := a.snapshot().Events[0].ID
	mustStatus(t, call(t, a, http.MethodPost, "/reports", reportBody(ev)), http.StatusOK)
	mustStatus(t, call(t, a, http.MethodDelete, "/resources?resourceId="+a.snapshot().Resources[0].ResourceID, ""), http.StatusNoContent)
	assertDataFile(t, path)
	bodies := func(s *Server) [][]byte {
		var out [][]byte
		for _, p := range []string{"/events", "/resources", "/subscriptions", "/reports"} {
			rec := call(t, s, http.MethodGet, p, "")
			mustStatus(t, rec, http.StatusOK)
			out = append(out, rec.Body.Bytes())
		}
		return out
	}
	before := bodies(a)
	_ = a.Close()

	// a different seed option does not matter: the file's seed wins
	b := newTestServer(t, func(o *Options) { o.DataFile = path; o.Seed = 999 })
	mustStatus(t, call(t, b, http.MethodGet, "/resources/ev-kept", ""), http.StatusOK)
	mustStatus(t, call(t, b, http.MethodGet, "/subscriptions/"+sub, ""), http.StatusOK)
	for i, body := range bodies(b) {
		if !bytes.Equal(body, before[i]) {
			t.Errorf("answer %d differs after restart:\n%s\nvs\n%s", i, before[i], body)
		}
	}
	// new ids after a restart do not repeat old ones
	rec := call(t, b, http.MethodPost, "/resources", `{"resourceId":"ev-after-restart"}`)
	mustStatus(t, rec, http.StatusOK)
	var res map[string]any
	decodeInto(t, rec, &res)
	for _, body := range before {
		if bytes.Contains(body, []byte(res["id"].(string))) {
			t.Fatalf("id %s handed out twice", res["id"])
		}
	}
}

// assertDataFile checks that the file is valid JSON of the current format,
// private to its owner.
func assertDataFile(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var df struct {
		Format string          `json:"format"`
		Events json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(data, &df); err != nil || df.Format != dataFormat || len(df.Events) < 10 {
		t.Fatalf("data file is not a valid sandbox file (%v): %.200s", err, data)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("data file mode %v (%v), want 0600", info.Mode(), err)
	}
}

func TestRestartCatchesUpLikeAnUninterruptedServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	later := testNow.Add(50 * time.Minute)

	first := newTestServer(t, func(o *Options) { o.DataFile = path })
	_ = first.Close()
	restarted := newTestServer(t, func(o *Options) { o.DataFile = path; o.Now = func() time.Time { return later } })

	uninterrupted := newTestServer(t, nil)
	if _, err := uninterrupted.Advance(later); err != nil {
		t.Fatal(err)
	}
	a := call(t, restarted, http.MethodGet, "/reports", "").Body.Bytes()
	b := call(t, uninterrupted, http.MethodGet, "/reports", "").Body.Bytes()
	if !bytes.Equal(a, b) {
		t.Fatalf("reports after a restart differ from an uninterrupted run (%d vs %d bytes)", len(a), len(b))
	}
	if len(restarted.snapshot().Reports) <= len(first.snapshot().Reports) {
		t.Fatal("the restarted sandbox did not catch up with the clock")
	}
}

func TestLeftoverTempFileIsNotRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sandbox.json")
	a := newTestServer(t, func(o *Options) { o.DataFile = path })
	mustStatus(t, call(t, a, http.MethodPost, "/resources", `{"resourceId":"ev-real"}`), http.StatusOK)
	_ = a.Close()

	// a crash between create and rename leaves a partial temp file behind
	stale := filepath.Join(dir, atomicfile.TempPrefix("sandbox.json")+"12345")
	if err := os.WriteFile(stale, []byte(`{"format":"ecdash-sandbox/1","resources":[{"resourceId":"ev-ghost"`), 0o600); err != nil {
		t.Fatal(err)
	}
	b := newTestServer(t, func(o *Options) { o.DataFile = path })
	mustStatus(t, call(t, b, http.MethodGet, "/resources/ev-real", ""), http.StatusOK)
	mustStatus(t, call(t, b, http.MethodGet, "/resources/ev-ghost", ""), http.StatusNotFound)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("stale temp file still there: %v", err)
	}
	mustStatus(t, call(t, b, http.MethodPost, "/resources", `{"resourceId":"ev-more"}`), http.StatusOK)
	assertDataFile(t, path)
	if matches, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(matches) != 0 {
		t.Fatalf("writes left temp files: %v", matches)
	}
}

func TestCorruptDataFileIsRefusedAndKept(t *testing.T) {
	for name, content := range map[string]string{
		"truncated":    `{"format":"ecdash-sandbox/1","events":[`,
		"other format": `{"format":"something-else"}`,
		"bad field":    `{"format":"ecdash-sandbox/1","events":[{"id":"e1","intervalPeriod":{"start":"yesterday"}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sandbox.json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := New(Options{Token: testToken, DataFile: path, Now: func() time.Time { return testNow }})
			if err == nil || !contains(err.Error(), path) {
				t.Fatalf("New = %v, want an error naming %s", err, path)
			}
			if data, _ := os.ReadFile(path); string(data) != content {
				t.Fatal("the unreadable data file was changed")
			}
		})
	}
}

func TestEmptyDataFileIsSeeded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, func(o *Options) { o.DataFile = path })
	if len(s.snapshot().Resources) != seedVehicles {
		t.Fatal("empty data file was not seeded")
	}
	assertDataFile(t, path)
}

func TestFailedSaveChangesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, func(o *Options) { o.DataFile = filepath.Join(dir, "sandbox.json") })
	if err := os.RemoveAll(dir); err != nil { // the disk went away
		t.Fatal(err)
	}
	rec := call(t, s, http.MethodPost, "/resources", `{"resourceId":"ev-lost"}`)
	mustStatus(t, rec, http.StatusInternalServerError)
	problemOf(t, rec)
	mustStatus(t, call(t, s, http.MethodGet, "/resources/ev-lost", ""), http.StatusNotFound)

	before := len(s.snapshot().Reports)
	if _, err := s.Advance(testNow.Add(time.Hour)); err == nil {
		t.Fatal("Advance saved to a missing directory")
	}
	if len(s.snapshot().Reports) != before {
		t.Fatal("a failed save still added reports")
	}
	// once the disk is back, the next tick catches up
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Advance(testNow.Add(time.Hour)); err != nil || n == 0 {
		t.Fatalf("Advance after recovery = %d, %v", n, err)
	}
}
