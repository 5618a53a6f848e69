package notification

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Kind names the envelope a notification body arrived in.
type Kind string

const (
	// KindSandbox is ecdash's own sandbox envelope:
	// {notificationId, operationType, eventPayloadType, notificationSentUtc, eventId, event}.
	KindSandbox Kind = "sandbox"
	// KindVendor is the API vendor's later envelope (the conformance vectors):
	// {notificationId, eventId, eventCreatedAtUtc, notificationSentUtc, notificationType, payload}.
	KindVendor Kind = "vendor"
	// KindOpenADR is the OpenADR 3 notification {objectType, operation, object}.
	KindOpenADR Kind = "openadr"
	// KindUnknown is any other JSON object: kept and shown raw, never rejected.
	KindUnknown Kind = "unknown"
)

// ErrNotJSONObject is returned for a body that is not a JSON object; the
// receiver answers it with 400.
var ErrNotJSONObject = errors.New("body is not a JSON object")

// Summary is what the feed shows of a notification, decoded tolerantly from
// whichever envelope it came in. Fields the body does not carry are empty.
type Summary struct {
	Kind           Kind   `json:"kind"`
	NotificationID string `json:"notificationId,omitempty"`
	// Operation is Create, Update or Delete when the sent operation maps to one.
	Operation client.OperationType `json:"operation,omitempty"`
	// RawOperation is the operation as sent: operationType, the vendor's
	// notificationType or OpenADR's operation.
	RawOperation string `json:"rawOperation,omitempty"`
	// Type is the vendor's notificationType or OpenADR's objectType.
	Type      string `json:"type,omitempty"`
	EventID   string `json:"eventId,omitempty"`
	EventName string `json:"eventName,omitempty"`
	// EventStart is the embedded event's intervalPeriod.start (zero: unknown).
	EventStart  time.Time `json:"eventStart,omitzero"`
	PayloadType string    `json:"payloadType,omitempty"`
	// SentAt is notificationSentUtc; ModifiedAt the event's modificationDateTime.
	SentAt     time.Time `json:"sentAt,omitzero"`
	ModifiedAt time.Time `json:"modifiedAt,omitzero"`
	// HasEvent says the body carries the event whole (EmbeddedEvent returns
	// it); otherwise the dashboard fetches it by EventID.
	HasEvent bool `json:"hasEvent,omitempty"`
}

// DecodeSummary reads a notification body. It fails only when body is not a
// JSON object; any object decodes, with Kind KindUnknown when its shape is
// not one of the known envelopes.
func DecodeSummary(body []byte) (Summary, error) {
	top, err := decodeObject(body)
	if err != nil {
		return Summary{Kind: KindUnknown}, err
	}
	s := Summary{Kind: classify(top)}
	s.NotificationID = stringField(top, "notificationId")
	s.SentAt = timeField(top, "notificationSentUtc")

	event := objectField(top, "event")
	object := objectField(top, "object")
	objectType := stringField(top, "objectType")
	objectIsEvent := object != nil && (objectType == "" || strings.EqualFold(objectType, "EVENT"))

	switch s.Kind {
	case KindSandbox:
		s.RawOperation = stringField(top, "operationType")
		s.PayloadType = stringField(top, "eventPayloadType")
	case KindVendor:
		s.Type = stringField(top, "notificationType")
		s.RawOperation = s.Type
		if payload := objectField(top, "payload"); payload != nil {
			s.PayloadType = stringField(payload, "payloadType")
		}
	case KindOpenADR:
		s.Type = objectType
		s.RawOperation = stringField(top, "operation")
	case KindUnknown:
		s.RawOperation = firstString(top, "operationType", "operation", "notificationType")
	}
	s.Operation = NormalizeOperation(s.RawOperation)

	s.EventID = stringField(top, "eventId")
	switch {
	case event != nil:
		s.HasEvent = true
		s.fillFromEvent(event)
	case objectIsEvent:
		s.HasEvent = true
		s.fillFromEvent(object)
	}
	return s, nil
}

// fillFromEvent takes id, name, payload type and modification time from an
// embedded event, in the API's spelling or OpenADR 3's.
func (s *Summary) fillFromEvent(ev map[string]json.RawMessage) {
	if s.EventID == "" {
		s.EventID = stringField(ev, "id")
	}
	if s.EventName == "" {
		s.EventName = firstString(ev, "name", "eventName")
	}
	if s.PayloadType == "" {
		s.PayloadType = eventPayloadType(ev)
	}
	s.ModifiedAt = timeField(ev, "modificationDateTime")
	if p := objectField(ev, "intervalPeriod"); p != nil {
		s.EventStart = timeField(p, "start")
	}
}

// eventPayloadType finds the payload type in the API's `payload.payloadType`
// or OpenADR's `payloadDescriptors[0].payloadType` / `intervals[0].payloads[0].type`.
func eventPayloadType(ev map[string]json.RawMessage) string {
	if p := objectField(ev, "payload"); p != nil {
		if t := stringField(p, "payloadType"); t != "" {
			return t
		}
	}
	if d := firstObject(ev, "payloadDescriptors"); d != nil {
		if t := stringField(d, "payloadType"); t != "" {
			return t
		}
	}
	if iv := firstObject(ev, "intervals"); iv != nil {
		if p := firstObject(iv, "payloads"); p != nil {
			return stringField(p, "type")
		}
	}
	return ""
}

// classify tells the envelopes apart by their distinctive members.
func classify(top map[string]json.RawMessage) Kind {
	switch {
	case has(top, "object") && (has(top, "objectType") || has(top, "operation")):
		return KindOpenADR
	case has(top, "notificationType"), has(top, "payload") && has(top, "eventCreatedAtUtc"):
		return KindVendor
	case has(top, "operationType"), has(top, "eventPayloadType"), has(top, "event"):
		return KindSandbox
	}
	return KindUnknown
}

// NormalizeOperation maps an operation as sent to Create, Update or Delete:
// the API's names, OpenADR's HTTP verbs (POST, PUT, DELETE) and the vendor's
// notification types ending in Created/Updated/Deleted. It returns "" when
// the operation does not map.
func NormalizeOperation(raw string) client.OperationType {
	lower := strings.ToLower(strings.TrimSpace(raw))
	switch lower {
	case "create", "post":
		return client.OperationCreate
	case "update", "put", "patch":
		return client.OperationUpdate
	case "delete":
		return client.OperationDelete
	}
	switch {
	case strings.HasSuffix(lower, "created"):
		return client.OperationCreate
	case strings.HasSuffix(lower, "updated"):
		return client.OperationUpdate
	case strings.HasSuffix(lower, "deleted"):
		return client.OperationDelete
	}
	return ""
}

// EmbeddedEvent returns the event a body carries whole (the sandbox's
// `event`, or OpenADR's `object` when it is an EVENT), exactly as sent.
func EmbeddedEvent(body []byte) (json.RawMessage, bool) {
	top, err := decodeObject(body)
	if err != nil {
		return nil, false
	}
	if raw, ok := top["event"]; ok && isObject(raw) {
		return raw, true
	}
	objectType := stringField(top, "objectType")
	if raw, ok := top["object"]; ok && isObject(raw) && (objectType == "" || strings.EqualFold(objectType, "EVENT")) {
		return raw, true
	}
	return nil, false
}

func decodeObject(body []byte) (map[string]json.RawMessage, error) {
	if !isObject(body) {
		return nil, ErrNotJSONObject
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, ErrNotJSONObject
	}
	return top, nil
}

func isObject(raw []byte) bool {
	t := bytes.TrimLeft(raw, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// lookup finds a member by exact name, else case-insensitively, because
// .NET senders sometimes use PascalCase.
func lookup(m map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

func has(m map[string]json.RawMessage, name string) bool {
	_, ok := lookup(m, name)
	return ok
}

// stringField returns a string member, or "" when it is missing or not a string.
func stringField(m map[string]json.RawMessage, name string) string {
	raw, ok := lookup(m, name)
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

func firstString(m map[string]json.RawMessage, names ...string) string {
	for _, n := range names {
		if s := stringField(m, n); s != "" {
			return s
		}
	}
	return ""
}

func objectField(m map[string]json.RawMessage, name string) map[string]json.RawMessage {
	raw, ok := lookup(m, name)
	if !ok {
		return nil
	}
	obj, err := decodeObject(raw)
	if err != nil {
		return nil
	}
	return obj
}

// firstObject returns the first element of an array member when it is an object.
func firstObject(m map[string]json.RawMessage, name string) map[string]json.RawMessage {
	raw, ok := lookup(m, name)
	if !ok {
		return nil
	}
	var arr []json.RawMessage
	if json.Unmarshal(raw, &arr) != nil || len(arr) == 0 {
		return nil
	}
	obj, err := decodeObject(arr[0])
	if err != nil {
		return nil
	}
	return obj
}

// timeLayouts accepts RFC 3339 and the zone-less form .NET sometimes sends
// (read as UTC).
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"}

// timeField returns a time member in UTC, or the zero time when missing or
// unparsable.
func timeField(m map[string]json.RawMessage, name string) time.Time {
	s := stringField(m, name)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// AnnouncesEvent says whether a notification announces a change to an event the
// Events tab lists: the sandbox's envelope and OpenADR EVENT objects always
// are; the vendor's only when its type names an event (its price-curve and
// user-eligibility notifications are not events).
func AnnouncesEvent(s Summary) bool {
	if s.EventID == "" || s.Operation == "" {
		return false
	}
	switch {
	case s.HasEvent, s.Kind == KindSandbox:
		return true
	case s.Kind == KindOpenADR:
		return s.Type == "" || strings.EqualFold(s.Type, "EVENT")
	}
	return strings.HasPrefix(strings.ToLower(s.Type), "event")
}
