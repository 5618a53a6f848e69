package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestWriteJSONKeepsValuesExactly(t *testing.T) {
	raws := []json.RawMessage{
		json.RawMessage(`{"id":"e1","payload":{"targetPower":7400.0},"extra":"\u00e9","big":12345678901234567890}`),
		json.RawMessage(`{"id":"e2"}`),
	}
	var buf bytes.Buffer
	if err := writeJSON(&buf, raws, true); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "id": "e1",
    "payload": {
      "targetPower": 7400.0
    },
    "extra": "\u00e9",
    "big": 12345678901234567890
  },
  {
    "id": "e2"
  }
]
`
	if buf.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestWriteJSONEmptyListAndSingleObject(t *testing.T) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, nil, true); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" {
		t.Fatalf("empty list printed as %q", buf.String())
	}
	buf.Reset()
	if err := writeJSON(&buf, []json.RawMessage{json.RawMessage(`{"a":1}`)}, false); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "{\n  \"a\": 1\n}\n" {
		t.Fatalf("object printed as %q", buf.String())
	}
}

func TestWriteJSONRefusesMissingRaw(t *testing.T) {
	if err := writeJSON(&bytes.Buffer{}, []json.RawMessage{nil}, true); err == nil {
		t.Fatal("an object without raw bytes was printed")
	}
}
