package client

import (
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		// .NET TimeSpan, constant format
		{in: "02:00:00", want: 2 * time.Hour},
		{in: "00:15:00", want: 15 * time.Minute},
		{in: "1.02:00:00", want: 26 * time.Hour},
		{in: "00:00:30.5", want: 30*time.Second + 500*time.Millisecond},
		{in: "00:00:00.0000001", want: 100 * time.Nanosecond},
		{in: "-00:10:00", want: -10 * time.Minute},
		{in: "10675199.02:48:05.4775807", wantErr: "too long"},
		{in: " 02:00:00 ", want: 2 * time.Hour},
		// .NET general format and short forms
		{in: "1:02:00:00", want: 26 * time.Hour},
		{in: "02:30", want: 2*time.Hour + 30*time.Minute},
		{in: "48:00:00", want: 48 * time.Hour},
		// ISO 8601
		{in: "PT2H", want: 2 * time.Hour},
		{in: "P1DT2H30M", want: 26*time.Hour + 30*time.Minute},
		{in: "PT0.5S", want: 500 * time.Millisecond},
		{in: "PT1,5M", want: 90 * time.Second},
		{in: "P1W", want: 7 * 24 * time.Hour},
		{in: "-PT15M", want: -15 * time.Minute},
		{in: "pt2h", want: 2 * time.Hour},
		// refused
		{in: "", wantErr: "empty"},
		{in: "2 hours", wantErr: `not a duration: "2 hours"`},
		{in: "7200", wantErr: "not a duration"},
		{in: "P1M", wantErr: "no fixed length"},
		{in: "P1Y", wantErr: "no fixed length"},
		{in: "PT", wantErr: "no components after T"},
		{in: "P", wantErr: "no components"},
		{in: "PT2X", wantErr: "unknown unit"},
		{in: "1.25:00:00", wantErr: "hours must be 0..23"},
		{in: "00:60:00", wantErr: "minutes"},
		{in: "00:00:61", wantErr: "seconds"},
		{in: "00:00:01.1234567890", wantErr: "fraction"},
		{in: "aa:bb:cc", wantErr: "not a number"},
		{in: "1:2:3:4:5", wantErr: "want [d.]hh:mm:ss"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDuration(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDuration(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormatTimeSpan(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "00:00:00"},
		{2 * time.Hour, "02:00:00"},
		{26 * time.Hour, "1.02:00:00"},
		{30*time.Second + 500*time.Millisecond, "00:00:30.5000000"},
		{-10 * time.Minute, "-00:10:00"},
		{123 * time.Nanosecond, "00:00:00.0000001"}, // .NET keeps 100 ns ticks
		{400*24*time.Hour + 23*time.Hour + 59*time.Minute + 59*time.Second, "400.23:59:59"},
	}
	for _, tt := range tests {
		got := FormatTimeSpan(tt.in)
		if got != tt.want {
			t.Errorf("FormatTimeSpan(%v) = %q, want %q", tt.in, got, tt.want)
		}
		back, err := ParseDuration(got)
		if err != nil || back != tt.in.Truncate(100*time.Nanosecond) {
			t.Errorf("ParseDuration(FormatTimeSpan(%v)) = %v, %v", tt.in, back, err)
		}
	}
}
