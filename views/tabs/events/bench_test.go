package events

import (
	"fmt"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
)

// bigWorld is the dispatch screen of an event with 1,000 targets and
// 20,000 charge actions at 160×40.
func bigWorld(b *testing.B) *world {
	ev := testEvent()
	ev.TargetResources = nil
	var reports []client.Report
	for v := 0; v < 1000; v++ {
		id := fmt.Sprintf("car-%04d", v)
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: id})
		for k := 0; k < 20; k++ {
			action := client.ActionStart
			if k%2 == 1 {
				action = client.ActionStop
			}
			at := evStart.Add(time.Duration(v%17+k*6) * time.Minute / 2)
			reports = append(reports, client.Report{
				ID: fmt.Sprintf("r-%d-%d", v, k), EventID: ev.ID, CreatedDateTime: at,
				Payloads: []client.VehicleChargeActionPayload{{ResourceID: id, ActionType: action, Power: f64(7400)}},
			})
		}
	}
	return openWorldWith(b, ev, reports, 160, 40)
}

// The screen re-analyses only when reports, the minute or the event's
// phase change; these compare that with re-analysing on every frame.
func BenchmarkScreenView(b *testing.B) {
	w := bigWorld(b)
	b.Run("unchanged", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			w.tab.View()
		}
	})
	b.Run("tick+view, once a second", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			*w.now = t0.Add(time.Duration(i%3600) * time.Second)
			w.tab.Tick()
			w.tab.View()
		}
	})
	b.Run("baseline: analyse every frame", func(b *testing.B) {
		s := w.scr
		for i := 0; i < b.N; i++ {
			s.a = fleet.Analyze(s.ev, s.data.actions, t0, s.opts)
			s.chart.SetData(s.a)
			s.rebuildTargets()
			w.tab.View()
		}
	})
}
