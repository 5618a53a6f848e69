package sandbox

import (
	"net/http"
	"testing"
	"time"
)

func TestEventsListAndGet(t *testing.T) {
	s := newTestServer(t, nil)
	rec := call(t, s, http.MethodGet, "/events", "")
	mustStatus(t, rec, http.StatusOK)
	var list []map[string]any
	decodeInto(t, rec, &list)
	if len(list) != len(seedSchedule) {
		t.Fatalf("%d events, want %d", len(list), len(seedSchedule))
	}
	var prev time.Time
	for _, ev := range list {
		iv, _ := ev["intervalPeriod"].(map[string]any)
		start, err := time.Parse(time.RFC3339, iv["start"].(string))
		if err != nil || start.Before(prev) {
			t.Fatalf("events not in start order or bad start: %v (%v)", iv, err)
		}
		prev = start
		if _, ok := iv["duration"].(string); !ok {
			t.Fatalf("duration is not TimeSpan text: %v", iv)
		}
		pl, _ := ev["payload"].(map[string]any)
		switch pl["payloadType"] {
		case "PowerLevel":
			if _, ok := pl["targetPower"].(float64); !ok {
				t.Fatalf("PowerLevel without targetPower: %v", pl)
			}
		case "CurrentLevel":
			if _, ok := pl["targetCurrent"].(float64); !ok {
				t.Fatalf("CurrentLevel without targetCurrent: %v", pl)
			}
		default:
			t.Fatalf("payload %v", pl)
		}
	}
	id, _ := list[3]["id"].(string)
	rec = call(t, s, http.MethodGet, "/events/"+id, "")
	mustStatus(t, rec, http.StatusOK)
	var one map[string]any
	decodeInto(t, rec, &one)
	if one["id"] != id || one["name"] != list[3]["name"] {
		t.Fatalf("GET /events/%s = %v", id, one)
	}
	rec = call(t, s, http.MethodGet, "/events/nope", "")
	mustStatus(t, rec, http.StatusNotFound)
	if p := problemOf(t, rec); !contains(p.Detail, "nope") {
		t.Fatalf("404 detail %q", p.Detail)
	}
}
