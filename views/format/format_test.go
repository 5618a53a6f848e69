package format

import (
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
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
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 11000, HasValue: true}, "11 kW"},
		{client.EventPayload{Type: client.PayloadPowerLevel, Value: 3333, HasValue: true}, "3.33 kW"},
		{client.EventPayload{Type: client.PayloadCurrentLevel, Value: 16, HasValue: true}, "16 A"},
		{client.EventPayload{Type: client.PayloadCurrentLevel, Value: 6.5, HasValue: true}, "6.5 A"},
		{client.EventPayload{Type: client.PayloadUnknown, Value: 3, HasValue: true}, "3"},
		{client.EventPayload{Type: client.PayloadPowerLevel}, None},
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

func TestHasProblem(t *testing.T) {
	pr := []client.FieldProblem{{Field: "intervalPeriod.duration"}, {Field: "targetResources[2]"}}
	for field, want := range map[string]bool{
		"intervalPeriod.duration": true, "intervalPeriod": true, "intervalPeriod.start": false,
		"targetResources": true, "interval": false,
	} {
		if got := HasProblem(pr, field); got != want {
			t.Errorf("HasProblem(%q) = %v, want %v", field, got, want)
		}
	}
}

func TestRedactJSON(t *testing.T) {
	const secret = "s3cr3t-value-that-is-long"
	tests := []struct {
		name, in string
		want     string
	}{
		{"top level", `{"id":"a","webhookSecret":"` + secret + `","n":1.50}`,
			`{"id":"a","webhookSecret":"••••••••","n":1.50}`},
		{"nested and case", `[{"x":{"WebhookSecret":"` + secret + `"}}]`,
			`[{"x":{"WebhookSecret":"••••••••"}}]`},
		{"non-string secret", `{"webhookSecret":{"v":"` + secret + `"}}`,
			`{"webhookSecret":"••••••••"}`},
		{"null secret", `{"webhookSecret":null}`, `{"webhookSecret":""}`},
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
