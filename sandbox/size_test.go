package sandbox

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// A large account is consistent: every target is an enrolled vehicle, ids
// are unique, and the fleet has reported on the recent events only.
func TestLargeAccount(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20,000 vehicles and events")
	}
	s := newTestServer(t, func(o *Options) { o.Size = Size{Vehicles: 20_000, Events: 20_000} })
	st := s.snapshot()
	if len(st.Resources) != 20_000 || len(st.Events) != 20_000 {
		t.Fatalf("%d vehicles, %d events", len(st.Resources), len(st.Events))
	}
	enrolled := map[string]bool{}
	for _, r := range st.Resources {
		if enrolled[r.ResourceID] {
			t.Fatalf("resource id %s twice", r.ResourceID)
		}
		enrolled[r.ResourceID] = true
	}
	ids := map[string]bool{}
	for _, ev := range st.Events {
		if ids[ev.ID] {
			t.Fatalf("event id %s twice", ev.ID)
		}
		ids[ev.ID] = true
		for _, tr := range ev.TargetResources {
			if !enrolled[tr.ResourceID] {
				t.Fatalf("event %s targets %s, which is not enrolled", ev.ID, tr.ResourceID)
			}
		}
	}
	oldest := testNow.Add(-reportWindow)
	byEvent := map[string]bool{}
	for _, r := range st.Reports {
		byEvent[r.EventID] = true
	}
	for _, ev := range st.Events {
		if ev.IntervalPeriod.End().Before(oldest) && byEvent[ev.ID] {
			t.Fatalf("event %s ended %v, before the report window, and has reports", ev.ID, ev.IntervalPeriod.End())
		}
	}
	if len(byEvent) == 0 {
		t.Error("no event has reports")
	}
	assertListAnswer(t, st.Events)
	assertListAnswer(t, st.Resources)
}

// assertListAnswer: the list answer, encoded in segments on every core,
// is what encoding/json writes for the whole list.
func assertListAnswer[T any](t *testing.T, list []T) {
	t.Helper()
	var got []byte
	if err := encodeList(list, func(seg []byte) { got = append(got, seg...) }); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(list); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		i := 0
		for i < min(len(got), len(want.Bytes())) && got[i] == want.Bytes()[i] {
			i++
		}
		t.Fatalf("%T answer (%d bytes) differs from encoding/json's (%d bytes) at byte %d", list, len(got), want.Len(), i)
	}
}

// BenchmarkLargeAccount is how long the sandbox takes to start with an
// account of 100,000 vehicles and 100,000 events.
func BenchmarkLargeAccount(b *testing.B) {
	for b.Loop() {
		s, err := New(Options{Token: testToken, Seed: 1, Now: func() time.Time { return testNow }, Size: Size{Vehicles: 100_000, Events: 100_000}})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
