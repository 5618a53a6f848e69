package livefeed

import (
	"testing"
	"time"
)

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	b := backoff{min: 100 * time.Millisecond, max: time.Second}
	wantMax := []time.Duration{100, 200, 400, 800, 1000, 1000, 1000}
	for i := range 200 {
		b.reset()
		for n, hi := range wantMax {
			hi *= time.Millisecond
			if d := b.next(); d < hi/2 || d > hi {
				t.Fatalf("round %d, attempt %d: %v outside [%v, %v]", i, n+1, d, hi/2, hi)
			}
		}
	}
}

func TestFeedURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ws://relay:8787/feed", "ws://relay:8787/feed"},
		{"wss://relay.example.com/feed", "wss://relay.example.com/feed"},
		{"https://relay.example.com", "wss://relay.example.com/feed"},
		{"http://127.0.0.1:8787/", "ws://127.0.0.1:8787/feed"},
		{"ftp://relay/feed", ""},
		{"relay:8787", ""},
		{"", ""},
	}
	for _, tt := range tests {
		u, err := feedURL(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("feedURL(%q) accepted", tt.in)
			}
			continue
		}
		if err != nil || u.String() != tt.want {
			t.Errorf("feedURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
}
