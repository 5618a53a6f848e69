package client

import (
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Time
		wantErr string
	}{
		{in: "2024-05-01T10:00:00Z", want: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
		{in: "2024-05-01T10:00:00.1234567Z", want: time.Date(2024, 5, 1, 10, 0, 0, 123456700, time.UTC)},
		{in: "2024-05-01T12:00:00+02:00", want: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
		{in: "2024-05-01T12:00:00+0200", want: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
		{in: "2024-05-01T10:00:00", want: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
		{in: "2024-05-01T10:00:00.5", want: time.Date(2024, 5, 1, 10, 0, 0, 5e8, time.UTC)},
		{in: "2024-05-01 10:00:00Z", want: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
		{in: "2024-05-01", want: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		// Any date RFC 3339 allows is one the API may send: an odd date is shown, not hidden.
		{in: "1892-05-01T10:00:00Z", want: time.Date(1892, 5, 1, 10, 0, 0, 0, time.UTC)},
		{in: "1969-12-31T23:59:59-01:00", want: time.Date(1970, 1, 1, 0, 59, 59, 0, time.UTC)},
		{in: "0001-01-02T00:00:00", want: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)},
		{in: "yesterday", wantErr: "not an RFC 3339 time"},
		{in: "2024-13-01T10:00:00Z", wantErr: "not an RFC 3339 time"},
	}
	for _, tt := range tests {
		got, err := parseTime(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseTime(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}
