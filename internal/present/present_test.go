package present

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
)

func TestCountdown(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "0s"},
		{0, "0s"},
		{12*time.Second + 900*time.Millisecond, "12s"},
		{4*time.Minute + 12*time.Second, "4m12s"},
		{time.Hour + 3*time.Minute + 59*time.Second, "1h03m"},
		{50*time.Hour + 10*time.Minute, "2d02h"},
	}
	for _, tt := range tests {
		if got := Countdown(tt.d); got != tt.want {
			t.Errorf("Countdown(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{2 * time.Hour, "2h"},
		{90 * time.Minute, "1h30m"},
		{26 * time.Hour, "1d2h"},
		{30500 * time.Millisecond, "30.5s"},
		{-time.Minute, "-1m"},
	}
	for _, tt := range tests {
		if got := Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestTarget(t *testing.T) {
	tests := []struct {
		p    client.EventPayload
		want string
	}{
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true}, "7.4 kW"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 500, HasValue: true}, "500 W"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 1250000, HasValue: true}, "1.25 MW"},
		{client.EventPayload{Type: client.PayloadCurrentLevel, Value: 6.25, HasValue: true}, "6.25 A"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 11000, HasValue: true}, "11 kW"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 3333, HasValue: true}, "3.33 kW"},
		{client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}, "16 A"},
		{client.EventPayload{Type: client.PayloadCurrentLevel, Value: 6.5, HasValue: true}, "6.5 A"},
		{client.EventPayload{Type: client.PayloadUnknown, Value: 3, HasValue: true}, "3"},
		{client.EventPayload{Type: client.PayloadPowerLevel}, ""},
	}
	for _, tt := range tests {
		if got := Target(tt.p); got != tt.want {
			t.Errorf("Target(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestLocalTime(t *testing.T) {
	ts := time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)
	oslo := time.FixedZone("CET", 3600)
	if got := ShortTime(ts, oslo); got != "2025-03-01 13:30" {
		t.Errorf("ShortTime = %q", got)
	}
	if got := LocalTime(time.Time{}, oslo); got != None {
		t.Errorf("LocalTime(zero) = %q", got)
	}
}

func TestSortNumberOrders(t *testing.T) {
	vals := []float64{-5000, -1, 0, 0.5, 2, 10, 7400, 1e9}
	for i := 1; i < len(vals); i++ {
		if !(SortNumber(vals[i-1]) < SortNumber(vals[i])) {
			t.Errorf("SortNumber(%v) >= SortNumber(%v)", vals[i-1], vals[i])
		}
	}
}

func TestRedactJSON(t *testing.T) {
	const secret = "s3cr3t-value-that-is-long"
	tests := []struct {
		name, in string
		want     string
	}{
		{"top level, bytes kept", `{"id":"a", "webhookSecret" : "` + secret + `","n":1.50,"s":"\u00e9"}`,
			`{"id":"a", "webhookSecret" : "••••••••","n":1.50,"s":"\u00e9"}`},
		{"nested and case", `[{"x":{"WebhookSecret":"` + secret + `"}}]`,
			`[{"x":{"WebhookSecret":"••••••••"}}]`},
		{"non-string secret", `{"webhookSecret":{"v":"` + secret + `"}}`,
			`{"webhookSecret":"••••••••"}`},
		{"null secret", `{"webhookSecret":null}`, `{"webhookSecret":null}`},
		{"a key-like string value is not a key", `{"a":"webhookSecret","b":["webhookSecret",{"webhookSecret":"` + secret + `"}]}`,
			`{"a":"webhookSecret","b":["webhookSecret",{"webhookSecret":"••••••••"}]}`},
		{"invalid json", `{"webhookSecret":"` + secret, `"(unreadable JSON hidden: it may hold a secret)"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(RedactJSON([]byte(tt.in), "webhookSecret"))
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if strings.Contains(got, secret) {
				t.Errorf("secret leaked: %s", got)
			}
		})
	}
}

func TestInvalid(t *testing.T) {
	p := client.FieldProblem{Field: "intervalPeriod.duration", Raw: []byte(`"2 hours"`), Message: "not a duration"}
	if got := Checked([]client.FieldProblem{p}, "intervalPeriod", "2h"); got != "!2 hours" {
		t.Errorf("Checked = %q", got)
	}
	if got := Checked(nil, "intervalPeriod", "2h"); got != "2h" {
		t.Errorf("Checked without problems = %q", got)
	}
	long := client.FieldProblem{Raw: []byte(`"` + strings.Repeat("x", 40) + `\u001b[2J"`)}
	if got := Invalid(long, 10); got != "!xxxxxxxxx…" {
		t.Errorf("Invalid = %q", got)
	}
	if got := InvalidDetail(p); got != `!"2 hours" (not a duration)` {
		t.Errorf("InvalidDetail = %q", got)
	}
	if got := Sanitize("a\tb\x1b[31m"); got != "a\ufffdb\ufffd[31m" {
		t.Errorf("Sanitize = %q", got)
	}
}

func TestEventCountdown(t *testing.T) {
	for _, tt := range []struct {
		st   fleet.EventStatus
		left time.Duration
		want string
	}{
		{fleet.EventUpcoming, 4*time.Minute + 12*time.Second, "starts in 4m12s"},
		{fleet.EventActive, 63 * time.Minute, "ends in 1h03m"},
		{fleet.EventActive, -1, "end unknown"},
		{fleet.EventDone, 0, ""},
		{fleet.EventUnknown, 0, ""},
	} {
		if got := EventCountdown(tt.st, tt.left); got != tt.want {
			t.Errorf("EventCountdown(%v, %v) = %q, want %q", tt.st, tt.left, got, tt.want)
		}
	}
}

func TestMaskJSONKeepsEveryOtherByte(t *testing.T) {
	short := client.MaskSecret("x")
	tests := []struct {
		name, in, want string
	}{
		{"string secret", `{"id":"s1", "webhookSecret" : "hunter2-long-secret","webhookUrl":"https://x"}`,
			`{"id":"s1", "webhookSecret" : "••••••••","webhookUrl":"https://x"}`},
		{"numeric secret", `{"webhookSecret":123456789}`, `{"webhookSecret":"••••••••"}`},
		{"PascalCase member from a .NET server", `{"WebhookSecret":"hunter2-long-secret"}`, `{"WebhookSecret":"••••••••"}`},
		{"null stays null", `{"webhookSecret":null}`, `{"webhookSecret":null}`},
		{"nested member masked too", `{"a":{"webhookSecret":"x"},"b":"webhookSecret"}`, `{"a":{"webhookSecret":"` + short + `"},"b":"webhookSecret"}`},
		{"value equal to another member", `{"name":"sekret-value","webhookSecret":"sekret-value"}`, `{"name":"sekret-value","webhookSecret":"••••••••"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MaskJSON([]byte(tt.in), "webhookSecret")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestStaleness(t *testing.T) {
	now := time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)
	tests := []struct {
		updated time.Time
		want    string
	}{
		{time.Time{}, "never"},
		{now, "just now"},
		{now.Add(-4999 * time.Millisecond), "just now"},
		{now.Add(time.Minute), "just now"}, // a clock that moved back
		{now.Add(-5 * time.Second), "5 s ago"},
		{now.Add(-12 * time.Second), "12 s ago"},
		{now.Add(-59 * time.Second), "59 s ago"},
		{now.Add(-60 * time.Second), "1 min ago"},
		{now.Add(-3*time.Minute - 59*time.Second), "3 min ago"},
		{now.Add(-5 * time.Hour), "5 h ago"},
		{now.Add(-49 * time.Hour), "2 d ago"},
	}
	for _, tt := range tests {
		if got := Staleness(tt.updated, now); got != tt.want {
			t.Errorf("Staleness(now%+v) = %q, want %q", tt.updated.Sub(now), got, tt.want)
		}
	}
}

func TestEventLabel(t *testing.T) {
	start := time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)
	oslo := time.FixedZone("CET", 3600)
	for _, c := range []struct {
		name, id string
		start    time.Time
		want     string
	}{
		{"Morning peak reduction", "e1", start, "12-05 07:00 Morning peak reduction"},
		{"", "e1", start, "12-05 07:00 e1"},
		{"Morning peak reduction", "e1", time.Time{}, "Morning peak reduction"},
		{"", "", time.Time{}, None},
	} {
		if got := EventLabel(c.name, c.id, c.start, oslo); got != c.want {
			t.Errorf("EventLabel(%q, %q, %v) = %q, want %q", c.name, c.id, c.start, got, c.want)
		}
	}
}

func TestEventChanges(t *testing.T) {
	loc := time.UTC
	base := client.Event{Name: "Morning peak", IntervalPeriod: client.IntervalPeriod{Start: time.Date(2026, 12, 5, 7, 0, 0, 0, loc), Duration: time.Hour},
		Payload: client.EventPayload{Type: client.PayloadCurrentLevel, Value: 6, HasValue: true}}
	if got := EventChanges(base, base, loc); len(got) != 0 {
		t.Errorf("no change reads %q", got)
	}
	moved := base
	moved.Payload.Value = 5
	moved.IntervalPeriod.Start = base.IntervalPeriod.Start.Add(15 * time.Minute)
	moved.TargetResources = []client.TargetResource{{ResourceID: "ev-1"}}
	want := []string{"6 A → 5 A", "start 07:00 → 07:15", "targets 0 → 1"}
	if got := EventChanges(base, moved, loc); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	nextDay := base
	nextDay.IntervalPeriod.Start = base.IntervalPeriod.Start.Add(24 * time.Hour)
	if got := EventChanges(base, nextDay, loc); !slices.Equal(got, []string{"start 12-05 07:00 → 12-06 07:00"}) {
		t.Errorf("moved a day: %q", got)
	}
}
