package livefeed

import (
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/webhookvectors"
)

func TestDecodeSummary(t *testing.T) {
	vendor := webhookvectors.Body(t, "price-curve-event.json")
	mod := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		body string
		want Summary
	}{
		{
			name: "sandbox envelope",
			body: string(sandboxBody(7)),
			want: Summary{Kind: KindSandbox, NotificationID: "n-000007", Operation: client.OperationCreate, RawOperation: "Create",
				EventID: "ev-000007", EventName: "dispatch 7", PayloadType: "PowerLevel", SentAt: mod, ModifiedAt: mod, HasEvent: true},
		},
		{
			name: "vendor envelope (conformance vector)",
			body: string(vendor),
			want: Summary{Kind: KindVendor, NotificationID: "18d91015-e25e-4078-b8a6-0bf0e9093f2f", Operation: client.OperationCreate,
				RawOperation: "PriceCurveCreated", Type: "PriceCurveCreated", EventID: "1cc9ea41-59a4-453e-8c3a-2385b900a0a9",
				PayloadType: "PriceCurve", SentAt: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		},
		{
			name: "OpenADR 3 event",
			body: `{"objectType":"EVENT","operation":"PUT","object":{"id":"e1","eventName":"peak","modificationDateTime":"2025-01-02T03:04:05Z","intervals":[{"id":0,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[7]}]}]}}`,
			want: Summary{Kind: KindOpenADR, Operation: client.OperationUpdate, RawOperation: "PUT", Type: "EVENT",
				EventID: "e1", EventName: "peak", PayloadType: "IMPORT_CAPACITY_LIMIT", ModifiedAt: mod, HasEvent: true},
		},
		{
			name: "event with its interval: the start is kept",
			body: `{"operationType":"Create","event":{"id":"e2","name":"Morning peak","intervalPeriod":{"start":"2025-01-02T06:00:00Z","duration":"01:00:00"},"modificationDateTime":"2025-01-02T03:04:05Z"}}`,
			want: Summary{Kind: KindSandbox, Operation: client.OperationCreate, RawOperation: "Create",
				EventID: "e2", EventName: "Morning peak", EventStart: time.Date(2025, 1, 2, 6, 0, 0, 0, time.UTC), ModifiedAt: mod, HasEvent: true},
		},
		{
			name: "OpenADR 3 non-event object has no event id",
			body: `{"objectType":"SUBSCRIPTION","operation":"DELETE","object":{"id":"s1"}}`,
			want: Summary{Kind: KindOpenADR, Operation: client.OperationDelete, RawOperation: "DELETE", Type: "SUBSCRIPTION"},
		},
		{
			name: "PascalCase members",
			body: `{"NotificationId":"x","OperationType":"Delete","EventId":"e9"}`,
			want: Summary{Kind: KindSandbox, NotificationID: "x", Operation: client.OperationDelete, RawOperation: "Delete", EventID: "e9"},
		},
		{
			name: "unknown shape keeps what it recognises",
			body: `{"hello":"world","eventId":"e2"}`,
			want: Summary{Kind: KindUnknown, EventID: "e2"},
		},
		{
			name: "wrongly typed members are ignored",
			body: `{"notificationId":12,"operationType":["Create"],"event":"not an object","notificationSentUtc":"yesterday"}`,
			want: Summary{Kind: KindSandbox},
		},
		{
			name: "unmapped operation kept raw",
			body: `{"operationType":"Archive"}`,
			want: Summary{Kind: KindSandbox, RawOperation: "Archive"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeSummary([]byte(tt.body))
			if err != nil {
				t.Fatalf("DecodeSummary: %v", err)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeSummaryRejectsNonObjects(t *testing.T) {
	for _, body := range []string{``, `null`, `[]`, `[{"a":1}]`, `"x"`, `42`, `{"a":`, `{"a":1} trailing`, "\xff"} {
		if _, err := DecodeSummary([]byte(body)); err != ErrNotJSONObject {
			t.Errorf("DecodeSummary(%q) err = %v, want ErrNotJSONObject", body, err)
		}
	}
}

func TestRecordEvent(t *testing.T) {
	rec := Record{Body: sandboxBody(3)}
	ev, err := rec.Event()
	if err != nil {
		t.Fatalf("Event: %v", err)
	}
	if ev.ID != "ev-000003" || len(ev.Raw) == 0 {
		t.Errorf("Event = id %q, raw %d bytes", ev.ID, len(ev.Raw))
	}
	if _, err := (Record{Body: []byte(`{"eventId":"x"}`)}).Event(); err != ErrNoEvent {
		t.Errorf("thin notification: err = %v, want ErrNoEvent", err)
	}
}

func TestNormalizeOperation(t *testing.T) {
	tests := map[string]client.OperationType{
		"Create": client.OperationCreate, "post": client.OperationCreate, "PriceCurveCreated": client.OperationCreate,
		"Update": client.OperationUpdate, "PUT": client.OperationUpdate, "UserEligibilityUpdated": client.OperationUpdate,
		"Delete": client.OperationDelete, "DELETE": client.OperationDelete, "EventDeleted": client.OperationDelete,
		"GET": "", "": "", "Archive": "",
	}
	for in, want := range tests {
		if got := NormalizeOperation(in); got != want {
			t.Errorf("NormalizeOperation(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDedupeKey(t *testing.T) {
	mod := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	body := []byte(`{"x":1}`)
	tests := []struct {
		name string
		s    Summary
		want string
	}{
		{"notification id wins", Summary{NotificationID: "n1", EventID: "e", Operation: "Create", ModifiedAt: mod}, "notification:n1"},
		{"event, operation, modification time", Summary{EventID: "e", Operation: "Update", ModifiedAt: mod}, "event:e|Update|2025-01-02T03:04:05Z"},
		{"raw operation when unmapped", Summary{EventID: "e", RawOperation: "Archive", ModifiedAt: mod}, "event:e|Archive|2025-01-02T03:04:05Z"},
		{"no modification time: body hash", Summary{EventID: "e", Operation: "Update"}, "body:"},
		{"nothing: body hash", Summary{}, "body:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DedupeKey(tt.s, body)
			if !strings.HasPrefix(got, tt.want) || (tt.want == "body:" && len(got) != len("body:")+64) {
				t.Errorf("DedupeKey = %q, want %q…", got, tt.want)
			}
		})
	}
	if DedupeKey(Summary{}, []byte("a")) == DedupeKey(Summary{}, []byte("b")) {
		t.Error("different bodies share a body-hash key")
	}
}
