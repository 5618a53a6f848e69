package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	feed "github.com/ecdash/ecdash/livefeed/notification"
)

// dispatchVia creates an event of payload type pt through POST /events.
func dispatchVia(t *testing.T, s *Server, pt client.PayloadType) client.Event {
	t.Helper()
	rec := call(t, s, http.MethodPost, "/events", `{"payload":{"payloadType":"`+string(pt)+`"}}`)
	mustStatus(t, rec, http.StatusOK)
	var ev client.Event
	decodeInto(t, rec, &ev)
	if len(ev.Problems) > 0 || ev.Payload.Type != pt {
		t.Fatalf("dispatched %+v", ev)
	}
	return ev
}

// amendEvent changes a stored event as the dispatcher does.
func amendEvent(t *testing.T, s *Server, id string, change func(*client.Event)) client.Event {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.st.eventIndex(id)
	if i < 0 {
		t.Fatalf("no event %s", id)
	}
	ev := s.st.Events[i]
	change(&ev)
	out, err := s.updateEventLocked(ev, s.clock())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func cancelEvent(t *testing.T, s *Server, id string) client.Event {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	ev, err := s.deleteEventLocked(id, s.clock())
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// received drains what a receiver got so far as "Operation PayloadType" lines.
func received(t *testing.T, h *hookReceiver) []string {
	t.Helper()
	var out []string
	for {
		select {
		case r := <-h.got:
			var n notification
			if err := json.Unmarshal(r.body, &n); err != nil {
				t.Fatalf("webhook body %s: %v", r.body, err)
			}
			out = append(out, string(n.OperationType)+" "+string(n.EventPayloadType))
		default:
			slices.Sort(out)
			return out
		}
	}
}

func TestWebhooksGoToMatchingSubscriptionsOnly(t *testing.T) {
	s := newTestServer(t, nil)
	results := watchDeliveries(s)
	type sub struct {
		name, payloadTypes, operations string
		hook                           *hookReceiver
		want                           []string
	}
	subs := []*sub{
		{name: "empty lists match all", payloadTypes: `[]`, operations: `[]`, want: []string{
			"Create CurrentLevel", "Create PowerLevel", "Delete CurrentLevel", "Delete PowerLevel", "Update CurrentLevel", "Update PowerLevel"}},
		{name: "missing lists match all", payloadTypes: `null`, operations: `null`, want: []string{
			"Create CurrentLevel", "Create PowerLevel", "Delete CurrentLevel", "Delete PowerLevel", "Update CurrentLevel", "Update PowerLevel"}},
		{name: "PowerLevel, every operation", payloadTypes: `["PowerLevel"]`, operations: `["Create","Update","Delete"]`, want: []string{
			"Create PowerLevel", "Delete PowerLevel", "Update PowerLevel"}},
		{name: "CurrentLevel updates", payloadTypes: `["CurrentLevel"]`, operations: `["Update"]`, want: []string{"Update CurrentLevel"}},
		{name: "deletes of any type", payloadTypes: `[]`, operations: `["Delete"]`, want: []string{"Delete CurrentLevel", "Delete PowerLevel"}},
		{name: "Unknown payloads only", payloadTypes: `["Unknown"]`, operations: `[]`, want: nil},
		{name: "both types, creates", payloadTypes: `["PowerLevel","CurrentLevel"]`, operations: `["Create"]`, want: []string{"Create CurrentLevel", "Create PowerLevel"}},
	}
	wantTotal := 0
	for _, x := range subs {
		x.hook = newHookReceiver(t)
		subscribe(t, s, x.hook.url, "secret-"+x.name, x.payloadTypes, x.operations)
		wantTotal += len(x.want)
	}

	for _, pt := range []client.PayloadType{client.PayloadPowerLevel, client.PayloadCurrentLevel} {
		ev := dispatchVia(t, s, pt)
		amendEvent(t, s, ev.ID, func(e *client.Event) { e.Name = "Amended " + e.Name })
		cancelEvent(t, s, ev.ID)
	}
	for _, r := range results.wait(t, wantTotal) {
		if r.end != endDelivered || r.attempts != 1 {
			t.Errorf("delivery %+v", r)
		}
	}
	// Close waits for every lane: a notification no subscription should get
	// would now have arrived, or be counted as abandoned.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := results.total(); n != wantTotal {
		t.Fatalf("%d deliveries, want %d", n, wantTotal)
	}
	for _, x := range subs {
		if got := received(t, x.hook); !slices.Equal(got, x.want) {
			t.Errorf("%s: got %v, want %v", x.name, got, x.want)
		}
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestWebhookBodyIsTheSandboxEnvelopeSigned(t *testing.T) {
	s := newTestServer(t, nil)
	const secret = "whsec-body-test-0123"
	hook := newHookReceiver(t)
	subscribe(t, s, hook.url, secret, `[]`, `[]`)
	spec, err := client.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	schema := spec.Components.Schemas["SandboxNotification"].Value

	ev, err := s.Dispatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	updated := amendEvent(t, s, ev.ID, func(e *client.Event) { e.Payload.Value *= 2 })
	for _, want := range []struct {
		op client.OperationType
		ev client.Event
	}{{client.OperationCreate, ev}, {client.OperationUpdate, updated}, {client.OperationDelete, cancelEvent(t, s, ev.ID)}} {
		r := hook.next(t)
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
		sig := r.header.Get(feed.SignatureHeader)
		if _, ok := feed.Verify([][]byte{[]byte(secret)}, r.body, sig); !ok {
			t.Fatalf("%s: signature %q does not verify", want.op, sig)
		}
		if _, ok := feed.Verify([][]byte{[]byte("another-secret")}, r.body, sig); ok {
			t.Fatalf("%s: signature verifies with another secret", want.op)
		}
		if _, ok := feed.Verify([][]byte{[]byte(secret)}, append(bytes.Clone(r.body), ' '), sig); ok {
			t.Fatalf("%s: signature verifies over a changed body", want.op)
		}

		var top map[string]json.RawMessage
		if err := json.Unmarshal(r.body, &top); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range top {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := []string{"event", "eventId", "eventPayloadType", "notificationId", "notificationSentUtc", "operationType"}; !slices.Equal(keys, want) {
			t.Fatalf("members %v, want %v", keys, want)
		}
		var n struct {
			NotificationID      string
			OperationType       string
			EventPayloadType    string
			NotificationSentUtc string
			EventID             string
			Event               client.Event
		}
		if err := json.Unmarshal(r.body, &n); err != nil {
			t.Fatal(err)
		}
		sent, err := time.Parse(time.RFC3339, n.NotificationSentUtc)
		if !uuidPattern.MatchString(n.NotificationID) || n.OperationType != string(want.op) ||
			n.EventPayloadType != string(want.ev.Payload.Type) || err != nil || !sent.Equal(testNow) || n.EventID != want.ev.ID {
			t.Fatalf("%s: envelope %s", want.op, r.body)
		}
		wantEvent, _ := want.ev.MarshalJSON()
		if gotEvent, _ := json.Marshal(n.Event); !bytes.Equal(gotEvent, wantEvent) || len(n.Event.Problems) > 0 {
			t.Fatalf("%s: event\n got %s\nwant %s", want.op, gotEvent, wantEvent)
		}
		var value any
		_ = json.Unmarshal(r.body, &value)
		if err := schema.VisitJSON(value); err != nil {
			t.Fatalf("%s: body does not match SandboxNotification in openapi.yaml: %v", want.op, err)
		}
		sum, err := feed.DecodeSummary(r.body)
		if err != nil || sum.Kind != feed.KindSandbox || sum.Operation != want.op || !sum.HasEvent || sum.EventID != ev.ID {
			t.Fatalf("%s: the live feed reads it as %+v, %v", want.op, sum, err)
		}
	}
	// the deleted event's notification carried it as last known: amended
	if updated.Payload.Value != 2*ev.Payload.Value {
		t.Fatalf("update did not apply: %v then %v", ev.Payload.Value, updated.Payload.Value)
	}
}

func TestWebhookRetries(t *testing.T) {
	for _, tc := range []struct {
		name     string
		script   []int
		attempts int
		end      deliveryEnd
	}{
		{"200 at once", []int{200}, 1, endDelivered},
		{"500, 500, 500, 200", []int{500, 500, 500, 200}, 4, endDelivered},
		{"always 500", []int{500}, 4, endGaveUp},
		{"only 200 counts: 204, 302, 200", []int{204, 302, 200}, 3, endDelivered},
		{"429 then 503 then 200", []int{429, 503, 200}, 3, endDelivered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, func(o *Options) { o.WebhookBackoff = time.Millisecond })
			results := watchDeliveries(s)
			hook := newHookReceiver(t, tc.script...)
			subscribe(t, s, hook.url, "retry-secret", `[]`, `["Create"]`)
			if _, err := s.Dispatch(context.Background()); err != nil {
				t.Fatal(err)
			}
			r := results.wait(t, 1)[0]
			if r.attempts != tc.attempts || r.end != tc.end {
				t.Fatalf("ended %+v, want %d attempts, end %d", r, tc.attempts, tc.end)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if n := int(hook.count.Load()); n != tc.attempts {
				t.Fatalf("receiver got %d requests, want %d", n, tc.attempts)
			}
			var first []byte
			for i := range tc.attempts {
				req := hook.next(t)
				if i == 0 {
					first = req.body
				}
				if !bytes.Equal(req.body, first) || !strings.Contains(string(req.body), r.notificationID) {
					t.Fatalf("attempt %d sent a different body: %s", i+1, req.body)
				}
			}
		})
	}
}
