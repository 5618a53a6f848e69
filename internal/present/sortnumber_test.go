package present

import (
	"fmt"
	"math"
	"testing"
)

func TestSortNumberIsWhatFmtWrites(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 7400, 7400.123456789, -1e15, -2e15, 1e15, 3.3e15, 1e20, -1e20, math.SmallestNonzeroFloat64, 0.5, -0.0000005} {
		if got, want := SortNumber(v), fmt.Sprintf("%032.6f", v+1e15); got != want {
			t.Errorf("SortNumber(%v) = %q, fmt writes %q", v, got, want)
		}
	}
}
