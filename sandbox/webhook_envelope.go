package sandbox

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
)

// notification is the body of the sandbox's webhooks (the "sandbox
// envelope" of ../shared/notes/api.md, described in client/openapi.yaml
// under x-ecdash-webhooks). The event is carried whole; for a Delete it is
// the event as it was last known.
type notification struct {
	NotificationID      string               `json:"notificationId"`
	OperationType       client.OperationType `json:"operationType"`
	EventPayloadType    client.PayloadType   `json:"eventPayloadType"`
	NotificationSentUtc time.Time            `json:"notificationSentUtc"`
	EventID             string               `json:"eventId"`
	Event               client.Event         `json:"event"`
}

// subscriptionMatches applies a subscription's filters: an empty list of
// payload types or operation types matches every type.
func subscriptionMatches(sub client.Subscription, op client.OperationType, pt client.PayloadType) bool {
	return (len(sub.EventPayloadTypes) == 0 || slices.Contains(sub.EventPayloadTypes, pt)) &&
		(len(sub.OperationTypes) == 0 || slices.Contains(sub.OperationTypes, op))
}

// notificationsFor builds one delivery per subscription of next that wants
// to hear of op on ev. Each gets a fresh notificationId from next, so ids
// are saved with the change and never repeat after a restart. The body is
// built once: every retry sends the same bytes, so a receiver may dedupe on
// the notificationId or on the body itself.
func notificationsFor(next *state, op client.OperationType, ev client.Event, now time.Time) ([]delivery, error) {
	var out []delivery
	for _, sub := range next.Subscriptions {
		if !subscriptionMatches(sub, op, ev.Payload.Type) {
			continue
		}
		n := notification{
			NotificationID:      next.newID(),
			OperationType:       op,
			EventPayloadType:    ev.Payload.Type,
			NotificationSentUtc: now.UTC(),
			EventID:             ev.ID,
			Event:               ev,
		}
		body, err := encodeNotification(n)
		if err != nil {
			return nil, err
		}
		out = append(out, delivery{
			subscriptionID: sub.ID,
			url:            sub.WebhookURL,
			secret:         []byte(sub.WebhookSecret),
			notificationID: n.NotificationID,
			body:           body,
		})
	}
	return out, nil
}

func encodeNotification(n notification) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
