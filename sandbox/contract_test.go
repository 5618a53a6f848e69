package sandbox

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client/contract"
)

// contractRig is the sandbox on a loopback port, reached through an HTTP
// client whose transport checks every exchange against client/openapi.yaml.
type contractRig struct {
	t       *testing.T
	srv     *Server
	url     string
	checker *contract.Checker
	http    *http.Client
}

func newContractRig(t *testing.T, wrap func(http.Handler) http.Handler) *contractRig {
	t.Helper()
	srv := newTestServer(t, nil)
	var h http.Handler = srv.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	checker, err := contract.NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	return &contractRig{t: t, srv: srv, url: ts.URL, checker: checker,
		http: &http.Client{Transport: checker.Transport(nil), Timeout: 30 * time.Second}}
}

// do sends one request; auth is the Authorization header ("" for none).
func (r *contractRig) do(method, path, body, auth string, want int) []byte {
	r.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, r.url+path, rd)
	if err != nil {
		r.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := r.http.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		r.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, out)
	}
	return out
}

const (
	goodAuth  = "Bearer " + testToken
	wrongAuth = "Bearer not-the-token"
)

// idIn extracts "id" from a JSON object answer.
func idIn(t *testing.T, body []byte) string {
	t.Helper()
	m := regexp.MustCompile(`"id":"([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("no id in %s", body)
	}
	return string(m[1])
}

// TestContractEveryOperation drives all 15 operations through their
// success and error answers with requests the contract allows, and
// requires that every answer matches the contract.
func TestContractEveryOperation(t *testing.T) {
	r := newContractRig(t, nil)
	st := r.srv.snapshot()
	ev, rep := st.Events[0].ID, st.Reports[0].ID
	res, other := st.Resources[0].ResourceID, st.Resources[1].ResourceID

	// every operation refuses a wrong token
	for _, op := range everyOperation(t, r.srv) {
		r.do(op[0], op[1], `{}`, wrongAuth, http.StatusUnauthorized)
	}

	// Events
	r.do("GET", "/events", "", goodAuth, 200)
	r.do("GET", "/events/"+ev, "", goodAuth, 200)
	r.do("GET", "/events/no-such-event", "", goodAuth, 404)
	r.do("POST", "/events", "", goodAuth, 200)
	r.do("POST", "/events", `{"name":"Contract dispatch","payload":{"payloadType":"CurrentLevel","targetCurrent":8},"duration":"00:20:00","targets":["`+res+`"]}`, goodAuth, 200)
	r.do("POST", "/events", `{"targets":["ev-9999"],"start":"2020-01-01T00:00:00Z"}`, goodAuth, 400) // not enrolled, in the past

	// Reports
	r.do("POST", "/reports", reportBody(ev), goodAuth, 200)
	r.do("POST", "/reports", `{"name":"no event id","payloads":[]}`, goodAuth, 400)
	r.do("POST", "/reports", reportBody("no-such-event"), goodAuth, 404)
	r.do("GET", "/reports", "", goodAuth, 200)
	r.do("GET", "/reports/"+rep, "", goodAuth, 200)
	r.do("GET", "/reports/no-such-report", "", goodAuth, 404)

	// Resources
	r.do("GET", "/resources", "", goodAuth, 200)
	r.do("GET", "/resources/"+res, "", goodAuth, 200)
	r.do("GET", "/resources/ev-9999", "", goodAuth, 404)
	created := `{"userId":"u-1","resourceId":"ev-contract","metadata":{"resourceType":"Vehicle","brand":"Kia","model":"EV6","year":2024,"vin":"` + goodVIN + `"}}`
	r.do("POST", "/resources", created, goodAuth, 200)
	r.do("POST", "/resources", created, goodAuth, 409)
	r.do("POST", "/resources", `{"resourceId":"ev-x","metadata":{"vin":"WVGZZZE2ZNP01234I"}}`, goodAuth, 400)
	r.do("POST", "/resources", `{"metadata":{"year":1989}}`, goodAuth, 400)
	// over 1 MiB: the contract sets no size limit, so this request is valid and the 400 is checked
	r.do("POST", "/resources", `{"resourceId":"`+strings.Repeat("x", maxBodyBytes)+`"}`, goodAuth, 400)
	r.do("PUT", "/resources?resourceId=ev-contract", `{"metadata":{"brand":"Kia","model":"EV6","year":2025}}`, goodAuth, 200)
	r.do("PUT", "/resources?resourceId=ev-contract", `{"metadata":{"year":2099}}`, goodAuth, 400)
	r.do("PUT", "/resources?resourceId=ev-9999", `{"resourceId":"ev-9999"}`, goodAuth, 404)
	r.do("PUT", "/resources?resourceId=ev-contract", `{"resourceId":"`+other+`"}`, goodAuth, 409)
	r.do("DELETE", "/resources?resourceId=ev-contract", "", goodAuth, 204)
	r.do("DELETE", "/resources?resourceId=ev-contract", "", goodAuth, 404)

	// Subscriptions
	r.do("GET", "/subscriptions", "", goodAuth, 200)
	sub := idIn(t, r.do("POST", "/subscriptions", testSubscription, goodAuth, 200))
	r.do("POST", "/subscriptions", `{"webhookUrl":"/relative"}`, goodAuth, 400)
	r.do("GET", "/subscriptions/"+sub, "", goodAuth, 200)
	r.do("GET", "/subscriptions/no-such-sub", "", goodAuth, 404)
	r.do("PUT", "/subscriptions/"+sub, `{"id":"`+sub+`","webhookUrl":"https://example.com/hook","eventPayloadTypes":["CurrentLevel"],"operationTypes":["Update"]}`, goodAuth, 200)
	r.do("PUT", "/subscriptions/"+sub, `{"id":"someone-else","webhookUrl":"https://example.com/hook"}`, goodAuth, 400)
	r.do("PUT", "/subscriptions/no-such-sub", testSubscription, goodAuth, 404)
	r.do("GET", "/subscriptions", "", goodAuth, 200)
	r.do("DELETE", "/subscriptions/"+sub, "", goodAuth, 204)
	r.do("DELETE", "/subscriptions/"+sub, "", goodAuth, 404)

	// methods a path does not have
	for _, m := range [][2]string{{"PATCH", "/events"}, {"PATCH", "/resources"}, {"DELETE", "/reports/" + rep}, {"POST", "/subscriptions/" + sub}} {
		r.do(m[0], m[1], "", goodAuth, 405)
	}

	if v := r.checker.Violations(); len(v) > 0 {
		t.Fatalf("%d contract violations:\n%s", len(v), strings.Join(v, "\n"))
	}
	if unseen := r.checker.Unseen(); len(unseen) > 0 {
		t.Fatalf("operations never exercised: %v", unseen)
	}
	want := map[string][]int{
		"listEvents":         {200, 401},
		"dispatchEvent":      {200, 400, 401},
		"getEvent":           {200, 401, 404},
		"createReport":       {200, 400, 401, 404},
		"listReports":        {200, 401},
		"getReport":          {200, 401, 404},
		"listResources":      {200, 401},
		"createResource":     {200, 400, 401, 409},
		"updateResource":     {200, 400, 401, 404, 409},
		"deleteResource":     {204, 401, 404},
		"getResource":        {200, 401, 404},
		"listSubscriptions":  {200, 401},
		"createSubscription": {200, 400, 401},
		"getSubscription":    {200, 401, 404},
		"updateSubscription": {200, 400, 401, 404},
		"deleteSubscription": {204, 401, 404},
	}
	if seen := r.checker.Seen(); !mapsEqual(seen, want) {
		t.Fatalf("statuses seen per operation:\n got %v\nwant %v", seen, want)
	}
	for key, statuses := range r.checker.Unrouted() {
		if !slices.Equal(statuses, []int{405}) {
			t.Errorf("%s answered %v, want 405", key, statuses)
		}
	}
	if n := len(r.checker.Unrouted()); n != 4 {
		t.Errorf("%d wrong-method requests checked, want 4", n)
	}
}

func mapsEqual(a, b map[string][]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestContractMalformedRequests sends requests that themselves break the
// contract (no token, broken JSON, unknown enum values, a string for a
// number, a missing required query parameter): the checker flags each request, and
// the sandbox's answer to each must still match the contract.
func TestContractMalformedRequests(t *testing.T) {
	r := newContractRig(t, nil)
	st := r.srv.snapshot()
	ev := st.Events[0].ID
	res := st.Resources[0].ResourceID
	sub := idIn(t, r.do("POST", "/subscriptions", testSubscription, goodAuth, 200))
	r.checker.Reset()

	type bad struct{ method, path, body, auth string }
	var cases []bad
	for _, op := range everyOperation(t, r.srv) {
		cases = append(cases, bad{op[0], op[1], `{}`, ""}) // no token at all
	}
	reportWith := func(field, value string) string {
		return `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","resourceId":"ev-0001","location":{"latitude":59.9,"longitude":10.7},"actionType":"Start",` + field + `:` + value + `}]}`
	}
	cases = append(cases,
		bad{"POST", "/resources", `{"resourceId":`, goodAuth},
		bad{"POST", "/resources", `[1,2]`, goodAuth},
		bad{"PUT", "/resources?resourceId=" + res, `{"resourceId":"x",}`, goodAuth},
		bad{"PUT", "/resources", `{"resourceId":"x"}`, goodAuth},
		bad{"DELETE", "/resources", "", goodAuth},
		bad{"POST", "/reports", `{"eventId":`, goodAuth},
		bad{"POST", "/reports", reportWith(`"payloadType"`, `"PowerLevel"`), goodAuth},
		bad{"POST", "/reports", reportWith(`"actionType"`, `"Pause"`), goodAuth},
		bad{"POST", "/reports", reportWith(`"power"`, `"7kW"`), goodAuth},
		bad{"POST", "/reports", `{"eventId":"` + ev + `","payloads":[{"payloadType":"VehicleChargeAction","actionType":"Start"}]}`, goodAuth},
		bad{"POST", "/subscriptions", `{"webhookUrl":"https://example.com/x","eventPayloadTypes":["Voltage"]}`, goodAuth},
		bad{"POST", "/subscriptions", `{"webhookUrl":"https://example.com/x","operationTypes":["Upsert"]}`, goodAuth},
		bad{"PUT", "/subscriptions/" + sub, `not json`, goodAuth},
		bad{"POST", "/events", `{"payload":{"payloadType":"CurrentLevel","targetCurrent":0}}`, goodAuth},
		bad{"POST", "/events", `{"payload":{"payloadType":"Unknown"}}`, goodAuth},
		bad{"POST", "/events", `{"duration":"2 hours"}`, goodAuth},
		bad{"POST", "/events", `{"targetPower":7400}`, goodAuth},
		bad{"POST", "/events", `{"targets":"ev-0001"}`, goodAuth},
		bad{"POST", "/events", `[1]`, goodAuth},
	)
	for _, c := range cases {
		want := http.StatusBadRequest
		if c.auth == "" {
			want = http.StatusUnauthorized
		}
		r.do(c.method, c.path, c.body, c.auth, want)
	}
	if v := r.checker.ResponseViolations(); len(v) > 0 {
		t.Fatalf("answers to bad requests break the contract:\n%s", strings.Join(v, "\n"))
	}
	if got := len(r.checker.RequestViolations()); got < len(cases) {
		t.Fatalf("the checker flagged %d of %d bad requests:\n%s", got, len(cases), strings.Join(r.checker.RequestViolations(), "\n"))
	}
}

// rewriteAnswer returns middleware that applies re/repl to the body of the
// first answer to path, as a sandbox with a type bug in its encoding would.
func rewriteAnswer(path string, re *regexp.Regexp, repl string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			if r.URL.Path == path {
				body = re.ReplaceAll(body, []byte(repl))
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	}
}
