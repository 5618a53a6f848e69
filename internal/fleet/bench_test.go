package fleet_test

import (
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/fleet/fleettest"
)

// BenchmarkAnalyze: replaying 20,000 actions into series, statuses and compliance.
func BenchmarkAnalyze(b *testing.B) {
	ev, acts := fleettest.BigAt(time.Date(2100, 1, 1, 10, 0, 0, 0, time.UTC), 1000, 20000)
	b.ReportAllocs()
	for b.Loop() {
		fleet.Analyze(ev, acts, time.Date(2100, 1, 1, 11, 40, 0, 0, time.UTC), fleet.DefaultOptions())
	}
}
