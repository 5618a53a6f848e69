package client

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzScan holds the splitters to encoding/json: on valid JSON they find
// the same members (the last of duplicates counting) and elements; on
// anything else they may refuse but never panic.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, ` { "a" : 1 , "b":[1,{"c":"}"}], "a":"x\"y" } `, `[1, "two", {"3":[4]}, null, true]`,
		`{"\u0069d":"e1","ID":2}`, `{"a":"\ud800"}`, `[{"a":[[[]]]}, "\\"]`, `{"a":1`, `[1,]`, `{"a" 1}`, "{\"\xff\":1}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		members, mok := scanMembers(b, nil)
		elems, eok := scanElements(b, nil)
		if !json.Valid(b) {
			return
		}
		switch jsonKind(b) {
		case '{':
			var want map[string]json.RawMessage
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if !mok {
				t.Fatalf("valid object refused: %q", b)
			}
			o := &object{members: members}
			got := o.unique()
			if len(got) != len(want) {
				t.Fatalf("%d members, encoding/json has %d: %q", len(got), len(want), b)
			}
			for _, m := range got {
				if w, ok := want[string(m.key)]; !ok || !bytes.Equal(bytes.TrimSpace(w), m.val) {
					t.Fatalf("member %q = %q, encoding/json has %q", m.key, m.val, w)
				}
			}
		case '[':
			var want []json.RawMessage
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if !eok || len(elems) != len(want) {
				t.Fatalf("elements %d (ok %v), encoding/json has %d: %q", len(elems), eok, len(want), b)
			}
			for i := range want {
				if !bytes.Equal(bytes.TrimSpace(want[i]), elems[i]) {
					t.Fatalf("element %d = %q, encoding/json has %q", i, elems[i], want[i])
				}
			}
		}
	})
}

func TestUnquoteAgreesWithEncodingJSON(t *testing.T) {
	for _, tok := range []string{`"plain"`, `"tab\tin"`, `"\u00e9t\u00e9"`, "\"caf\xc3\xa9\"", "\"bad\xff\"", `"\ud800"`, `""`} {
		var want string
		if err := json.Unmarshal([]byte(tok), &want); err != nil {
			t.Fatal(err)
		}
		got, ok := unquote([]byte(tok))
		if !ok || got != want {
			t.Errorf("unquote(%s) = %q, %v; encoding/json: %q", tok, got, ok, want)
		}
	}
}
