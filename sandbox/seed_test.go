package sandbox

import (
	"bytes"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestSeedShape(t *testing.T) {
	s := newTestServer(t, nil)
	st := s.snapshot()

	if len(st.Resources) != seedVehicles {
		t.Fatalf("%d vehicles, want %d", len(st.Resources), seedVehicles)
	}
	users := map[string]int{}
	resourceIDs := map[string]bool{}
	models := map[string]bool{}
	for _, r := range st.Resources {
		md := r.Metadata
		if !validVINFormat(md.VIN) || md.VIN[8] != vinCheckDigit(md.VIN) {
			t.Errorf("%s: VIN %q invalid", r.ResourceID, md.VIN)
		}
		if md.Year == nil || *md.Year < minVehicleYear || *md.Year > testNow.Year()+1 {
			t.Errorf("%s: year %v", r.ResourceID, md.Year)
		}
		if lookupVehicle(md.Brand, md.Model) == defaultVehicle {
			t.Errorf("%s: %s %s is not a catalog model", r.ResourceID, md.Brand, md.Model)
		}
		if resourceIDs[r.ResourceID] {
			t.Errorf("duplicate resourceId %s", r.ResourceID)
		}
		resourceIDs[r.ResourceID] = true
		users[r.UserID]++
		models[md.Brand+" "+md.Model] = true
		if len(r.ID) != 36 || len(r.UserID) != 36 {
			t.Errorf("%s: ids %q %q are not UUIDs", r.ResourceID, r.ID, r.UserID)
		}
	}
	if len(users) != seedUsers {
		t.Errorf("%d users, want %d", len(users), seedUsers)
	}
	if len(models) < 8 {
		t.Errorf("only %d distinct models: %v", len(models), models)
	}

	var past, active, upcoming []client.Event
	types := map[string]map[client.PayloadType]bool{"past": {}, "upcoming": {}}
	withWindow, withoutWindow := 0, 0
	for _, ev := range st.Events {
		iv := ev.IntervalPeriod
		switch {
		case !iv.End().After(testNow):
			past = append(past, ev)
			types["past"][ev.Payload.Type] = true
		case !iv.Start.After(testNow):
			active = append(active, ev)
		default:
			upcoming = append(upcoming, ev)
			types["upcoming"][ev.Payload.Type] = true
		}
		if n := len(ev.TargetResources); n < 5 || n > 25 {
			t.Errorf("%s targets %d vehicles", ev.Name, n)
		}
		if len(ev.ReportDescriptors) != 1 || ev.ReportDescriptors[0].PayloadType != client.ReportPayloadVehicleChargeAction ||
			len(ev.ReportDescriptors[0].TargetResources) != len(ev.TargetResources) {
			t.Errorf("%s report descriptors %+v", ev.Name, ev.ReportDescriptors)
		}
		for _, tr := range ev.TargetResources {
			if !resourceIDs[tr.ResourceID] || lookupPlace(tr.LocationID) == osloCenter {
				t.Errorf("%s targets unknown %+v", ev.Name, tr)
			}
		}
		if !ev.Payload.HasValue || ev.Payload.Value <= 0 || ev.Priority == nil || ev.ProgramID == "" {
			t.Errorf("%s incomplete: %+v", ev.Name, ev)
		}
		if ev.CreatedDateTime.After(testNow) || ev.ModificationDateTime.Before(ev.CreatedDateTime) {
			t.Errorf("%s created %v modified %v", ev.Name, ev.CreatedDateTime, ev.ModificationDateTime)
		}
		if iv.RandomizeStart > 0 {
			withWindow++
		} else {
			withoutWindow++
		}
	}
	if len(past) < 4 || len(active) != 1 || len(upcoming) < 4 {
		t.Fatalf("past %d, active %d, upcoming %d", len(past), len(active), len(upcoming))
	}
	if a := active[0].IntervalPeriod; testNow.Sub(a.Start) < 20*time.Minute || testNow.Sub(a.Start) > 25*time.Minute || a.Duration != 2*time.Hour {
		t.Errorf("active event %v + %v, want started 20-25 min ago, lasting 2 h", a.Start, a.Duration)
	}
	for _, when := range []string{"past", "upcoming"} {
		if !types[when][client.PayloadPowerLevel] || !types[when][client.PayloadCurrentLevel] {
			t.Errorf("%s events lack a payload type: %v", when, types[when])
		}
	}
	if withWindow == 0 || withoutWindow == 0 {
		t.Errorf("randomizeStart: %d with, %d without", withWindow, withoutWindow)
	}

	perEvent := map[string]int{}
	for _, rep := range st.Reports {
		perEvent[rep.EventID]++
		if rep.CreatedDateTime.After(testNow) {
			t.Errorf("report %s dated in the future: %v", rep.ID, rep.CreatedDateTime)
		}
		if len(rep.Payloads) != 1 {
			t.Errorf("report %s has %d payloads", rep.ID, len(rep.Payloads))
		}
	}
	for _, ev := range past {
		// a past event has a Start and a Stop from most targets
		if n := perEvent[ev.ID]; n < len(ev.TargetResources) {
			t.Errorf("past event %s has %d reports for %d targets", ev.Name, n, len(ev.TargetResources))
		}
	}
	if perEvent[active[0].ID] == 0 {
		t.Errorf("active event has no reports yet")
	}
	for _, ev := range upcoming {
		if perEvent[ev.ID] != 0 {
			t.Errorf("upcoming event %s already has reports", ev.Name)
		}
	}
}

func TestSeedIsDeterministic(t *testing.T) {
	get := func(seed int64, path string) []byte {
		s := newTestServer(t, func(o *Options) { o.Seed = seed })
		rec := call(t, s, http.MethodGet, path, "")
		mustStatus(t, rec, http.StatusOK)
		return rec.Body.Bytes()
	}
	for _, path := range []string{"/events", "/resources", "/reports"} {
		a, b, c := get(42, path), get(42, path), get(43, path)
		if !bytes.Equal(a, b) {
			t.Errorf("GET %s differs between two servers with seed 42", path)
		}
		if bytes.Equal(a, c) {
			t.Errorf("GET %s is the same for seeds 42 and 43", path)
		}
	}
}

func TestSeedYearsFollowTheClock(t *testing.T) {
	early := time.Date(2021, 6, 1, 12, 0, 0, 0, time.UTC)
	s := newTestServer(t, func(o *Options) { o.Now = func() time.Time { return early } })
	for _, r := range s.snapshot().Resources {
		if y := *r.Metadata.Year; y > early.Year()+1 {
			t.Errorf("%s year %d is after %d", r.ResourceID, y, early.Year()+1)
		}
	}
}

func TestOsloTimeFollowsSummerTime(t *testing.T) {
	for _, tc := range []struct {
		utc  time.Time
		want string
	}{
		{time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC), "13:00"},
		{time.Date(2025, 3, 30, 0, 59, 0, 0, time.UTC), "01:59"},
		{time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC), "03:00"},
		{time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC), "14:00"},
		{time.Date(2025, 10, 26, 0, 59, 0, 0, time.UTC), "02:59"},
		{time.Date(2025, 10, 26, 1, 0, 0, 0, time.UTC), "02:00"},
	} {
		if got := osloTime(tc.utc).Format("15:04"); got != tc.want {
			t.Errorf("osloTime(%v) = %s, want %s", tc.utc, got, tc.want)
		}
	}
}

func TestSeededEventsStartOnRoundTimes(t *testing.T) {
	s := newTestServer(t, nil)
	for _, ev := range s.snapshot().Events {
		if start := ev.IntervalPeriod.Start; !start.Equal(start.Truncate(5 * time.Minute)) {
			t.Errorf("%s starts at %v, not on five minutes", ev.Name, start)
		}
	}
}

// TestSeedIsRelativeToItsStart: the same seed started later gives the same
// account moved by the five-minute steps between the two starts (within
// the same five minutes, the same times): the same vehicles, ids, targets,
// durations and payload types. An event's programme follows its time of
// day, so names may differ where a move crosses an hour the programmes
// change at; the reports are those simulated up to each start.
func TestSeedIsRelativeToItsStart(t *testing.T) {
	at := func(now time.Time) state {
		s := newTestServer(t, func(o *Options) { o.Seed = 7; o.Now = func() time.Time { return now } })
		return s.snapshot()
	}
	base := at(testNow)
	for _, later := range []time.Duration{90 * time.Second, 6 * time.Minute, 45 * time.Minute, 26 * time.Hour} {
		moved := at(testNow.Add(later))
		shift := seedAnchor(testNow.Add(later)).Sub(seedAnchor(testNow))
		if !reflect.DeepEqual(moved.Resources, base.Resources) {
			t.Fatalf("%v later: the vehicles differ", later)
		}
		if len(moved.Events) != len(base.Events) {
			t.Fatalf("%v later: %d events, want %d", later, len(moved.Events), len(base.Events))
		}
		for i, e := range base.Events {
			m := moved.Events[i]
			if m.ID != e.ID || !m.IntervalPeriod.Start.Equal(e.IntervalPeriod.Start.Add(shift)) ||
				m.IntervalPeriod.Duration != e.IntervalPeriod.Duration || m.Payload.Type != e.Payload.Type ||
				!reflect.DeepEqual(m.TargetResources, e.TargetResources) || !m.CreatedDateTime.Equal(e.CreatedDateTime.Add(shift)) {
				t.Fatalf("%v later (moved %v): event %d\n %+v\nwas\n %+v", later, shift, i, m, e)
			}
		}
	}
}
