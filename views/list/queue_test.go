package list

import (
	"slices"
	"testing"
)

func TestKeyQueueTakesInOrderAcrossSlices(t *testing.T) {
	var q keyQueue
	q.push([]string{"a", "b", "c"})
	q.push(nil)
	q.push([]string{"d"})
	q.push([]string{"e", "f"})
	var got [][]string
	for q.len() > 0 {
		got = append(got, q.take(2))
	}
	want := [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("took %v, want %v", got, want)
	}
	if q.take(5) != nil || q.len() != 0 {
		t.Fatal("an empty queue gave keys")
	}
	q.push([]string{"x", "y", "z"})
	if k := q.take(5); !slices.Equal(k, []string{"x", "y", "z"}) {
		t.Fatalf("took %v", k)
	}
}
