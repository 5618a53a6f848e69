package client

import (
	"reflect"
	"testing"
)

// FuzzPlainTarget holds the fast reader of targets to the general one:
// whatever bytes it accepts, the general reader makes the same target of
// them, without a problem.
func FuzzPlainTarget(f *testing.F) {
	for _, s := range []string{
		`{"resourceId":"ev-1","locationId":"oslo"}`, `{"locationId":"oslo","resourceId":"ev-1"}`, `{"resourceId":"ev-1"}`,
		`{"resourceId":"ev-1","resourceId":"ev-2"}`, `{"resourceId":""}`, `{"resourceId":"a\"b"}`, `{"resourceId":"ev-1",}`,
		`{"resourceId":"ev-1"}}`, `{"resourceId": "ev-1"}`, `{"resourceId":"ev-1","values":["a"]}`, `{"resourceId":"é"}`,
		`{"locationId":"x"}`, `{"resourceId":"ev-1","locationId":""}`, `{"resourceId":1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		tr, ok := newDecoding().plainTarget(raw)
		if !ok {
			return
		}
		var problems []FieldProblem
		dec := newDecoding()
		o := &object{problems: &problems, index: -1, dec: dec}
		c, isObject := o.childAt("targetResources", 0, raw)
		if !isObject {
			t.Fatalf("%q read as a target, but it is not an object", raw)
		}
		want := appendObjectTarget(nil, c, raw)
		if !reflect.DeepEqual([]TargetResource{tr}, want) || len(problems) > 0 {
			t.Fatalf("%q: read as %+v; the general reader has %+v (problems %v)", raw, tr, want, problems)
		}
	})
}
