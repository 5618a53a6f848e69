package client

import (
	"encoding/json"
	"slices"
)

// UnmarshalJSON decodes a subscription tolerantly; it never fails on
// well-formed JSON. Unknown payload or operation types are kept, with a problem.
func (s *Subscription) UnmarshalJSON(data []byte) error {
	if jsonKind(data) == 'n' {
		return nil
	}
	*s = decodeSubscription(data, "", nil)
	return nil
}

func decodeSubscription(raw json.RawMessage, self string, dec *decoding) Subscription {
	dec.begin()
	s := Subscription{Raw: dec.raw(raw)}
	o, ok := newObject(raw, "", &s.Problems, dec)
	if !ok {
		s.Problems = append(s.Problems, notObject(self, raw))
		return s
	}
	s.ID = o.str("id")
	s.WebhookSecret = o.str("webhookSecret")
	s.WebhookURL = o.str("webhookUrl")
	for _, v := range o.stringList("eventPayloadTypes") {
		t := PayloadType(v)
		if !slices.Contains(PayloadTypes, t) {
			raw, _ := o.get("eventPayloadTypes")
			o.problem("eventPayloadTypes", raw, "unknown payload type %q", v)
		}
		s.EventPayloadTypes = append(s.EventPayloadTypes, t)
	}
	for _, v := range o.stringList("operationTypes") {
		t := OperationType(v)
		if !slices.Contains(OperationTypes, t) {
			raw, _ := o.get("operationTypes")
			o.problem("operationTypes", raw, "unknown operation type %q", v)
		}
		s.OperationTypes = append(s.OperationTypes, t)
	}
	return s
}
