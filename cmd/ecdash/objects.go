package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ecdash/ecdash/client"
)

// object is one document of `apply -f` or `edit`: a resource (by its
// resourceId) or a subscription (by its id).
type object struct {
	kind         string // "resource" or "subscription"
	raw          []byte // the document as JSON: the fields it gives, laid over the server's copy
	resource     client.ResourceRequest
	subscription client.Subscription
}

// id is the object's key: a resource's resourceId, a subscription's id.
func (o object) id() string {
	if o.kind == "subscription" {
		return o.subscription.ID
	}
	return o.resource.ResourceID
}

// name is kind/id as the CLI prints it ("subscription/(new)" before one
// has an id).
func (o object) name() string {
	id := o.resource.ResourceID
	if o.kind == "subscription" {
		id = o.subscription.ID
		if id == "" {
			id = "(new)"
		}
	}
	return o.kind + "/" + id
}

// parseObjects reads JSON or YAML: one object or a list of them, in one
// or more YAML documents (--- between them). Each is a resource or a
// subscription, said by an optional "kind" member or by its members
// (resourceId or metadata: a resource; webhookUrl: a subscription).
func parseObjects(data []byte) ([]object, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data)) // YAML reads JSON too
	var items []any
	for n := 1; ; n++ {
		var doc any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not JSON or YAML (document %d): %w", n, err)
		}
		if list, ok := doc.([]any); ok {
			items = append(items, list...)
		} else if doc != nil {
			items = append(items, doc)
		}
	}
	var out []object
	for i, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("document %d: want an object with the fields of a resource or a subscription", i+1)
		}
		o, err := objectOf(m)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
		out = append(out, o)
	}
	if len(out) == 0 {
		return nil, errors.New("no object in the input")
	}
	return out, nil
}

func objectOf(m map[string]any) (object, error) {
	kind, _ := m["kind"].(string)
	delete(m, "kind")
	switch {
	case kind == "":
		if _, ok := m["webhookUrl"]; ok {
			kind = "subscription"
		} else if _, ok := m["resourceId"]; ok {
			kind = "resource"
		} else if _, ok := m["metadata"]; ok {
			kind = "resource"
		}
	case kind != "resource" && kind != "subscription":
		return object{}, fmt.Errorf("kind %q: want resource or subscription", kind)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return object{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields() // a misspelt field is an error, not silently dropped
	o := object{kind: kind, raw: raw}
	switch kind {
	case "resource":
		var r struct {
			ID string `json:"id"` // the server's; resources are matched by resourceId
			client.ResourceRequest
		}
		err = dec.Decode(&r)
		o.resource = r.ResourceRequest
		if err == nil && strings.TrimSpace(o.resource.ResourceID) == "" {
			err = errors.New("a resource needs its resourceId")
		}
	case "subscription":
		var s struct {
			ID string `json:"id"`
			client.SubscriptionRequest
		}
		if err = dec.Decode(&s); err == nil {
			o.subscription = client.Subscription{ID: s.ID, WebhookURL: s.WebhookURL, WebhookSecret: s.WebhookSecret,
				EventPayloadTypes: s.EventPayloadTypes, OperationTypes: s.OperationTypes}
		}
	default:
		return object{}, errors.New("neither a resource (resourceId, metadata) nor a subscription (webhookUrl): add kind: resource or kind: subscription")
	}
	if err != nil {
		return object{}, fmt.Errorf("%s: %w", kind, plainDecodeError(err))
	}
	return o, nil
}

// plainDecodeError says a wrongly typed field by its JSON path ("year: want
// a number, got a string") instead of the Go types behind it.
func plainDecodeError(err error) error {
	var ute *json.UnmarshalTypeError
	if !errors.As(err, &ute) {
		return err
	}
	want := "a " + ute.Type.Kind().String()
	switch ute.Type.Kind().String() {
	case "int", "int64", "float64", "ptr":
		want = "a number"
	case "slice":
		want = "a list"
	case "struct", "map":
		want = "an object"
	}
	field := ute.Field
	if i := strings.LastIndex(field, "ResourceRequest."); i >= 0 {
		field = field[i+len("ResourceRequest."):]
	}
	if i := strings.LastIndex(field, "SubscriptionRequest."); i >= 0 {
		field = field[i+len("SubscriptionRequest."):]
	}
	return fmt.Errorf("%s: want %s, got %s", field, want, "a "+ute.Value)
}
