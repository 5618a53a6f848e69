package client

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecodeEvents holds the list decoder to what a hostile answer can
// make of it: any element decodes without a panic, and what an
// ElementDecoder (which shares strings across a list and reuses its
// memory) makes of an element is what a decoder of its own makes, even
// after the bytes it read are overwritten, as the dashboard's decode pool
// does with its buffers.
func FuzzDecodeEvents(f *testing.F) {
	for _, s := range []string{
		`[{"id":"e1","targetResources":[{"resourceId":"ev-1","locationId":"oslo"},{"resourceId":"ev-2"}],` +
			`"reportDescriptors":[{"payloadType":"VehicleChargeAction","targetResources":["ev-1","ev-2"]}],` +
			`"intervalPeriod":{"start":"2026-12-05T07:00:00Z","duration":"01:00:00"},"payload":{"payloadType":"PowerLevel","targetPower":7400}},` +
			`{"id":"e2","targetResources":["ev-2"],"reportDescriptors":[{"targetResources":["ev-9","ev-2"]}]}]`,
		`[{"targetResources":[{"targetType":"RESOURCE_NAME","values":["a","b"]}],"reportDescriptors":[{"targetResources":[{"resourceId":"b"}]}]}]`,
		`[{"targetResources":[{"resourceId":" "}],"reportDescriptors":[{"targetResources":[" ",""]}]}]`,
		`[17, null, "x", {"id":{"a":1}}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var elems []json.RawMessage
		if json.Unmarshal(b, &elems) != nil {
			elems = []json.RawMessage{b}
		}
		shared := NewElementDecoder()
		var buf []byte
		for i, raw := range elems {
			buf = append(buf[:0], raw...)
			got, gotErr := shared.Event(i, buf)
			for k := range buf {
				buf[k] = '#'
			}
			want, wantErr := NewElementDecoder().Event(i, raw)
			if (gotErr != nil) != (wantErr != nil) {
				t.Fatalf("element %d: error %v, alone %v", i, gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("element %d of a list:\n %+v\nalone:\n %+v", i, got, want)
			}
			_ = decodeEvent(raw, elem("", i), nil) // no shared state at all: must not panic
		}
	})
}
