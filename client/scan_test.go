package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
)

// scanAll collects what ScanEvents hands over, decoded.
func scanAll(t *testing.T, c *Client) ([]Event, int, error) {
	t.Helper()
	var got []Event
	begins := 0
	d := NewElementDecoder()
	err := c.ScanEvents(ctxT(t), func() { begins++; got = got[:0] }, func(i int, raw []byte) error {
		ev, err := d.Event(i, raw)
		got = append(got, ev)
		return err
	})
	return got, begins, err
}

func TestScanEventsDecodesWhatListEventsDoes(t *testing.T) {
	body := `[{"id":"e1","name":"Peak","targetResources":[{"resourceId":"v1"},"v2"],"payload":{"payloadType":"PowerLevel","targetPower":"7400"}},` +
		` {"id":"e2","intervalPeriod":{"start":"2024-05-01T16:00:00Z","duration":"PT1H"}} , "not an event", null ]`
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) })
	c, _ := testClient(t, srv, Options{})
	want, err := c.ListEvents(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	got, begins, err := scanAll(t, c)
	if err != nil || begins != 1 {
		t.Fatalf("err %v, begins %d", err, begins)
	}
	for i := range want {
		want[i].Raw = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scan:\n%+v\nlist:\n%+v", got, want)
	}
}

func TestScanStartsOverWhenTheAnswerBreaksOff(t *testing.T) {
	var hits atomic.Int32
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			// Half a list, then the connection goes.
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write([]byte(`[{"id":"e1"},{"id":"e2"`))
			return
		}
		_, _ = w.Write([]byte(`[{"id":"e1"},{"id":"e2"},{"id":"e3"}]`))
	})
	c, _ := testClient(t, srv, Options{})
	got, begins, err := scanAll(t, c)
	if err != nil {
		t.Fatal(err)
	}
	if begins != 2 || len(got) != 3 || got[2].ID != "e3" {
		t.Fatalf("begins %d, got %+v", begins, got)
	}
}

func TestScanRefusesWhatIsNotAList(t *testing.T) {
	for _, body := range []string{`{"id":"e1"}`, `[{"id":"e1"}`, `[{"id":"e1"}] x`, `[1,]`, `<html>`, `[{"id":}]`} {
		srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) })
		c, _ := testClient(t, srv, Options{})
		_, _, err := scanAll(t, c)
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != 200 || hits.Load() != 1 {
			t.Errorf("%s: err %v (want a 200 *Error, not retried; hits %d)", body, err, hits.Load())
		}
	}
}

// FuzzSplitArray holds the streaming splitter to the whole-answer one: on
// a valid array, read in pieces of any size, the same elements; on
// anything else an error or elements, never a panic.
func FuzzSplitArray(f *testing.F) {
	for _, s := range []string{`[]`, ` [ 1 , "a]" , {"b":[2,{"c":"\"}"}]} , null , -1.5e3 ] `, `null`, `[1,]`, `[`, `[{"a":1}`, `["\\"]`, `[1 2]`, `[] []`} {
		f.Add([]byte(s), uint8(3))
	}
	f.Fuzz(func(t *testing.T, b []byte, piece uint8) {
		var got [][]byte
		collect := func(i int, raw []byte) error {
			if i != len(got) {
				t.Fatalf("element %d handed over as %d", len(got), i)
			}
			got = append(got, bytes.Clone(raw))
			return nil
		}
		r := iotest.HalfReader(bytes.NewReader(b))
		if piece%2 == 0 {
			r = iotest.OneByteReader(bytes.NewReader(b))
		}
		err := newArraySplitter(r).split(collect)
		if !json.Valid(b) {
			return
		}
		t2 := strings.TrimSpace(string(b))
		switch {
		case t2 == "null":
			if err != nil || len(got) != 0 {
				t.Fatalf("null: %v %q", err, got)
			}
		case t2 != "" && t2[0] == '[':
			want, ok := scanElements(b, nil)
			if err != nil || !ok || len(got) != len(want) {
				t.Fatalf("%q: err %v, %d elements, want %d", b, err, len(got), len(want))
			}
			for i := range want {
				if !bytes.Equal(got[i], want[i]) {
					t.Fatalf("element %d = %q, want %q", i, got[i], want[i])
				}
			}
		default:
			if err == nil {
				t.Fatalf("%q is not an array, yet no error", b)
			}
		}
	})
}
