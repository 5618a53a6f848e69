package main

import (
	"strings"
	"testing"
)

// FuzzParseObjects: whatever apply -f is given, parsing never panics, and
// what it accepts is a resource with its resourceId or a subscription.
func FuzzParseObjects(f *testing.F) {
	f.Add([]byte(`{"resourceId":"ev-1","metadata":{"brand":"Kia"}}`))
	f.Add([]byte("- webhookUrl: https://x/hook\n  eventPayloadTypes: [PowerLevel]\n- kind: resource\n  resourceId: ev-2\n"))
	f.Add([]byte(`[{"kind":"vehicle"}]`))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, err := parseObjects(data)
		if err != nil {
			return
		}
		for _, o := range objs {
			switch {
			case o.kind == "resource" && strings.TrimSpace(o.resource.ResourceID) == "":
				t.Fatalf("a resource without its resourceId: %+v", o)
			case o.kind != "resource" && o.kind != "subscription":
				t.Fatalf("kind %q", o.kind)
			}
		}
	})
}

// TestParseObjectsSaysWhatIsWrong: a misspelt field, an unknown kind and
// a list with a non-object are refused with the document's number.
func TestParseObjectsSaysWhatIsWrong(t *testing.T) {
	for in, want := range map[string]string{
		`{"resourceId":"ev-1","metdata":{}}`:  `document 1: resource: json: unknown field "metdata"`,
		`{"kind":"vehicle","resourceId":"x"}`: `document 1: kind "vehicle": want resource or subscription`,
		`[{"resourceId":"a"}, 7]`:             "document 2: want an object",
		`{"name":"x"}`:                        "neither a resource",
		`[]`:                                  "no object in the input",
		"resourceId: ev-1\nmetadata: {year: twenty}\n":   "document 1: resource: metadata.year: want a number, got a string",
		"webhookUrl: x\neventPayloadTypes: PowerLevel\n": "eventPayloadTypes: want a list, got a string",
	} {
		if _, err := parseObjects([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", in, err, want)
		}
	}
}
