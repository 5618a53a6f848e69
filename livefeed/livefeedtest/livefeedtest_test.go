package livefeedtest

import (
	"context"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
)

func TestServerJournalsWhatIsPosted(t *testing.T) {
	s := NewServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.PostRange(ctx, 0, 20, 4, nil); err != nil {
		t.Fatal(err)
	}
	if code, err := s.Post(ctx, Notification(3, client.OperationCreate)); err != nil || code != 200 {
		t.Fatalf("repeat: %d %v", code, err)
	}
	seen := map[int]bool{}
	err := s.Store.ReadFrom(ctx, 0, func(r livefeed.Record) error {
		i, ok := Index(r.Summary)
		if !ok || r.Summary.Kind != livefeed.KindSandbox || !r.Summary.HasEvent {
			t.Errorf("record %d: summary %+v", r.Seq, r.Summary)
		}
		seen[i] = true
		return nil
	})
	if err != nil || len(seen) != 20 {
		t.Fatalf("the store holds %d distinct notifications (err %v), want 20", len(seen), err)
	}
	if st := s.Store.Stats(); st.Appended != 20 || st.Duplicates != 1 {
		t.Errorf("the store took %+v, want 20 records and 1 repeat: the repeat was stored again", st)
	}
}

func TestLatenciesPercentile(t *testing.T) {
	var l Latencies
	if l.Percentile(50) != 0 {
		t.Error("empty percentile should be 0")
	}
	for i := 100; i >= 1; i-- {
		l.Add(time.Duration(i) * time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond, 1: time.Millisecond} {
		if got := l.Percentile(p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
}
