package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestDispatchCreatesAVisibleEventAndAnnouncesIt(t *testing.T) {
	s := newTestServer(t, nil)
	hook := newHookReceiver(t)
	subscribe(t, s, hook.url, "dispatch-secret", `[]`, `[]`)
	before := len(s.snapshot().Events)

	ev, err := s.Dispatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkDispatched(t, s, ev, testNow)

	rec := call(t, s, http.MethodGet, "/events", "")
	mustStatus(t, rec, http.StatusOK)
	var list []client.Event
	decodeInto(t, rec, &list)
	if len(list) != before+1 || !slices.ContainsFunc(list, func(e client.Event) bool { return e.ID == ev.ID }) {
		t.Fatalf("GET /events has %d events, without %s", len(list), ev.ID)
	}
	for i := 1; i < len(list); i++ {
		if list[i].IntervalPeriod.Start.Before(list[i-1].IntervalPeriod.Start) {
			t.Fatal("GET /events is no longer in start order")
		}
	}
	rec = call(t, s, http.MethodGet, "/events/"+ev.ID, "")
	mustStatus(t, rec, http.StatusOK)
	want, _ := ev.MarshalJSON()
	if got := rec.Body.String(); got != string(want)+"\n" {
		t.Fatalf("GET /events/%s\n got %s\nwant %s", ev.ID, got, want)
	}

	var n notification
	if err := json.Unmarshal(hook.next(t).body, &n); err != nil {
		t.Fatal(err)
	}
	if n.OperationType != client.OperationCreate || n.EventID != ev.ID || n.Event.Name != ev.Name {
		t.Fatalf("webhook %+v", n)
	}
}

// checkDispatched asserts that ev is a plausible short-notice event created at now.
func checkDispatched(t *testing.T, s *Server, ev client.Event, now time.Time) {
	t.Helper()
	iv := ev.IntervalPeriod
	if len(ev.ID) != 36 || !ev.CreatedDateTime.Equal(now) || !ev.ModificationDateTime.Equal(now) {
		t.Fatalf("id %q created %v modified %v", ev.ID, ev.CreatedDateTime, ev.ModificationDateTime)
	}
	if lead := iv.Start.Sub(now); lead < time.Minute || lead > 3*time.Minute || iv.Start.Second() != 0 {
		t.Fatalf("starts %v after now (%v)", lead, iv.Start)
	}
	if iv.Duration < 15*time.Minute || iv.Duration > time.Hour || iv.RandomizeStart >= iv.Duration {
		t.Fatalf("interval %+v", iv)
	}
	if ev.Name == "" || ev.ProgramID == "" || ev.Priority == nil {
		t.Fatalf("name %q program %q priority %v", ev.Name, ev.ProgramID, ev.Priority)
	}
	if p := ev.Payload; !p.HasValue || p.Value <= 0 || (p.Type != client.PayloadPowerLevel && p.Type != client.PayloadCurrentLevel) {
		t.Fatalf("payload %+v", p)
	}
	if n := len(ev.TargetResources); n < 5 || n > 20 {
		t.Fatalf("%d targets", n)
	}
	st := s.snapshot()
	var ids []string
	for _, tr := range ev.TargetResources {
		i := st.resourceIndex(tr.ResourceID)
		if i < 0 || tr.LocationID != homeOf(st.Resources[i].UserID).ID {
			t.Fatalf("target %+v is not an enrolled vehicle at its home", tr)
		}
		ids = append(ids, tr.ResourceID)
	}
	if len(ev.ReportDescriptors) != 1 || ev.ReportDescriptors[0].PayloadType != client.ReportPayloadVehicleChargeAction ||
		!slices.Equal(ev.ReportDescriptors[0].TargetResources, ids) {
		t.Fatalf("report descriptors %+v", ev.ReportDescriptors)
	}
}

func TestDispatchWithoutVehiclesFails(t *testing.T) {
	s := newTestServer(t, nil)
	for _, r := range s.snapshot().Resources {
		mustStatus(t, call(t, s, http.MethodDelete, "/resources?resourceId="+r.ResourceID, ""), http.StatusNoContent)
	}
	if _, err := s.Dispatch(context.Background()); err == nil {
		t.Fatal("Dispatch to an empty account succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newTestServer(t, nil).Dispatch(ctx); err == nil {
		t.Fatal("Dispatch with an ended context succeeded")
	}
}

// reportsFor counts the reports of one event.
func reportsFor(s *Server, eventID string) []client.Report {
	var out []client.Report
	for _, r := range s.snapshot().Reports {
		if r.EventID == eventID {
			out = append(out, r)
		}
	}
	return out
}

func TestFleetAnswersDispatchedEvents(t *testing.T) {
	s := newTestServer(t, nil)
	created, err := s.Dispatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	amendedEv, err := s.Dispatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	amendedEv = amendEvent(t, s, amendedEv.ID, func(e *client.Event) {
		e.IntervalPeriod.Start = e.IntervalPeriod.Start.Add(10 * time.Minute)
		e.Payload.Value *= 2
	})
	cancelled, err := s.Dispatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cancelEvent(t, s, cancelled.ID)

	// Halfway through the first event it has the reports so far; after
	// both have ended, all of them, as planned.
	seed := s.snapshot().Seed
	plan := planEvent(seed, created, s.vehicleLocked)
	mid := created.IntervalPeriod.Start.Add(created.IntervalPeriod.Duration / 2)
	if _, err := s.Advance(mid); err != nil {
		t.Fatal(err)
	}
	wantMid := 0
	for _, a := range plan {
		if !a.At.After(mid) {
			wantMid++
		}
	}
	if got := len(reportsFor(s, created.ID)); got != wantMid || wantMid == 0 || wantMid == len(plan) {
		t.Fatalf("halfway: %d reports, want %d (of %d planned)", got, wantMid, len(plan))
	}
	if _, err := s.Advance(testNow.Add(6 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, ev := range []client.Event{created, amendedEv} {
		plan := planEvent(seed, ev, s.vehicleLocked)
		got := reportsFor(s, ev.ID)
		if len(got) != len(plan) || len(plan) == 0 {
			t.Fatalf("%s: %d reports, want %d", ev.Name, len(got), len(plan))
		}
		for i, r := range got {
			a := plan[i]
			if !r.CreatedDateTime.Equal(a.At) || r.Payloads[0].ResourceID != a.Payload.ResourceID ||
				r.Payloads[0].ActionType != a.Payload.ActionType || r.CreatedDateTime.Before(ev.IntervalPeriod.Start) {
				t.Fatalf("%s report %d: %+v, planned %+v", ev.Name, i, r, a)
			}
		}
	}
	// the amended event was answered at its new target, the cancelled one not at all
	for _, r := range reportsFor(s, amendedEv.ID) {
		p := r.Payloads[0]
		if p.ActionType == client.ActionStart && amendedEv.Payload.Type == client.PayloadPowerLevel && *p.Power > amendedEv.Payload.Value {
			t.Fatalf("Start at %v W above the amended target %v", *p.Power, amendedEv.Payload.Value)
		}
	}
	if n := len(reportsFor(s, cancelled.ID)); n != 0 {
		t.Fatalf("the cancelled event got %d reports", n)
	}
}

func TestDispatchDueFollowsTheInterval(t *testing.T) {
	s := newTestServer(t, func(o *Options) { o.DispatchEvery = time.Minute })
	for _, tc := range []struct {
		at   time.Duration // after testNow
		want int           // creates
	}{
		{0, 0},
		{59 * time.Second, 0},
		{time.Minute, 1},
		{time.Minute, 0}, // the same instant again
		{90 * time.Second, 0},
		{2 * time.Minute, 1},
		{10 * time.Minute, 1}, // after a long pause: once, not eight times
		{10*time.Minute + 59*time.Second, 0},
		{11 * time.Minute, 1},
	} {
		changes, err := s.dispatchDue(testNow.Add(tc.at))
		if err != nil {
			t.Fatal(err)
		}
		creates := 0
		for _, c := range changes {
			if c.op == client.OperationCreate {
				creates++
				checkDispatched(t, s, c.ev, testNow.Add(tc.at))
			}
		}
		if creates != tc.want {
			t.Fatalf("at +%v: %d creates, want %d", tc.at, creates, tc.want)
		}
	}
	off := newTestServer(t, nil)
	if changes, _ := off.dispatchDue(testNow.Add(24 * time.Hour)); len(changes) != 0 {
		t.Fatalf("DispatchEvery 0 dispatched %d", len(changes))
	}
}

// scheduleRun drives a server's schedule for n intervals and describes each change.
func scheduleRun(t *testing.T, seed int64, n int) []string {
	t.Helper()
	s := newTestServer(t, func(o *Options) { o.Seed = seed; o.DispatchEvery = time.Minute })
	var out []string
	for i := 1; i <= n; i++ {
		changes, err := s.dispatchDue(testNow.Add(time.Duration(i) * time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			body, _ := c.ev.MarshalJSON()
			out = append(out, fmt.Sprintf("%s %s", c.op, body))
		}
	}
	return out
}

func TestScheduleMakesEveryOperationDeterministically(t *testing.T) {
	const n = 40
	a := scheduleRun(t, 7, n)
	ops := map[string]int{}
	for _, line := range a {
		ops[line[:6]]++
	}
	if ops["Create"] != n || ops["Update"] == 0 || ops["Delete"] == 0 {
		t.Fatalf("over %d intervals: %v", n, ops)
	}
	if b := scheduleRun(t, 7, n); !slices.Equal(a, b) {
		t.Fatal("the same seed and clock gave different dispatches")
	}
	if c := scheduleRun(t, 8, n); slices.Equal(a, c) {
		t.Fatal("another seed gave the same dispatches")
	}
}

func TestScheduleOnlyChangesEventsThatHaveNotStarted(t *testing.T) {
	s := newTestServer(t, func(o *Options) { o.DispatchEvery = time.Minute })
	hook := newHookReceiver(t)
	subscribe(t, s, hook.url, "s", `[]`, `[]`)
	original := map[string]client.Event{}
	for _, ev := range s.snapshot().Events {
		original[ev.ID] = ev
	}
	seen := map[client.OperationType]int{}
	for i := 1; i <= 40; i++ {
		now := testNow.Add(time.Duration(i) * time.Minute)
		if _, err := s.Advance(now); err != nil {
			t.Fatal(err)
		}
		changes, err := s.dispatchDue(now)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			seen[c.op]++
			if c.op == client.OperationCreate {
				original[c.ev.ID] = c.ev
				continue
			}
			before := original[c.ev.ID]
			if !before.IntervalPeriod.Start.After(now) {
				t.Fatalf("%s of %s, which started at %v (now %v)", c.op, c.ev.ID, before.IntervalPeriod.Start, now)
			}
			if n := len(reportsFor(s, c.ev.ID)); n != 0 {
				t.Fatalf("%s of %s, which already has %d reports", c.op, c.ev.ID, n)
			}
			if c.op == client.OperationUpdate {
				if !c.ev.ModificationDateTime.Equal(now) || !c.ev.CreatedDateTime.Equal(before.CreatedDateTime) ||
					(c.ev.Payload == before.Payload && c.ev.IntervalPeriod == before.IntervalPeriod) {
					t.Fatalf("update\n from %+v\n   to %+v", before, c.ev)
				}
				original[c.ev.ID] = c.ev
			}
		}
	}
	// every change was announced, in order
	total := seen[client.OperationCreate] + seen[client.OperationUpdate] + seen[client.OperationDelete]
	got := map[client.OperationType]int{}
	for range total {
		var n notification
		if err := json.Unmarshal(hook.next(t).body, &n); err != nil {
			t.Fatal(err)
		}
		got[n.OperationType]++
	}
	if fmt.Sprint(got) != fmt.Sprint(seen) {
		t.Fatalf("webhooks %v, changes %v", got, seen)
	}
}

func TestRunDispatchesAsTheClockAdvances(t *testing.T) {
	var mu sync.Mutex
	now := testNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := newTestServer(t, func(o *Options) {
		o.Now = clock
		o.Tick = time.Millisecond
		o.DispatchEvery = 5 * time.Minute
	})
	hook := newHookReceiver(t)
	subscribe(t, s, hook.url, "s", `[]`, `["Create"]`)
	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background()) }()

	var dispatched []client.Event
	for i := 1; i <= 3; i++ {
		mu.Lock()
		now = testNow.Add(time.Duration(i) * 5 * time.Minute)
		at := now
		mu.Unlock()
		var n notification
		if err := json.Unmarshal(hook.next(t).body, &n); err != nil {
			t.Fatal(err)
		}
		if !n.Event.CreatedDateTime.Equal(at) {
			t.Fatalf("dispatch %d created at %v, want %v", i, n.Event.CreatedDateTime, at)
		}
		dispatched = append(dispatched, n.Event)
	}
	// as the clock passes the last one's end, the fleet reports on each of them
	last := dispatched[len(dispatched)-1]
	mu.Lock()
	now = last.IntervalPeriod.End().Add(time.Minute)
	mu.Unlock()
	for _, ev := range dispatched {
		s.mu.Lock()
		want := len(planEvent(s.st.Seed, ev, s.vehicleLocked))
		s.mu.Unlock()
		deadline := time.After(waitLimit)
		for len(reportsFor(s, ev.ID)) < want {
			select {
			case <-deadline:
				t.Fatalf("%s: %d of %d reports", ev.ID, len(reportsFor(s, ev.ID)), want)
			case <-time.After(time.Millisecond):
			}
		}
	}
	_ = s.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Run did not return after Close")
	}
}
