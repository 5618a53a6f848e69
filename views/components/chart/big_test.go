package chart

import (
	"testing"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/fleet/fleettest"
	"github.com/ecdash/ecdash/themes"
)

func TestDecimationIsInvisible(t *testing.T) {
	ev, acts := fleettest.Big(200, 4000)
	a := fleet.Analyze(ev, acts, fleettest.At(100), fleet.DefaultOptions())
	for _, keys := range [][]string{nil, {"m"}, {"v"}, {"+", "+", "l"}} {
		views := make([]string, 2)
		for i, all := range []bool{false, true} {
			c := NewChart(themes.Default(), cet)
			c.noDecimate = all
			c.SetSize(160, 40)
			c.SetData(a)
			c.SetNow(fleettest.At(100))
			for _, k := range keys {
				c.Update(key(k))
			}
			views[i] = c.View()
		}
		if views[0] != views[1] {
			t.Errorf("keys %v: decimated chart differs:\n%s\nfull:\n%s", keys, views[0], views[1])
		}
	}
	if len(a.Fleet) < 4000 {
		t.Fatalf("fixture too small: %d fleet points", len(a.Fleet))
	}
}
