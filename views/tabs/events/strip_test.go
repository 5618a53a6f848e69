package events

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

// TestStripFollowsTheClock: with no new report, the "right now" strip and
// the headline change second by second as a hand computation of the
// reports says. Two reports are dated ahead of the clock: vehicle 5
// starts at 26m (from silent to late) and vehicle 1 stops at 27m (stopped
// early), so the level, the counts and the attention list change at those
// seconds, and every duration in the strip grows in between.
func TestStripFollowsTheClock(t *testing.T) {
	reports := append(testReports(), lateReport(),
		report(6, 5, client.ActionStart, 26, 3700, 50), report(7, 1, client.ActionStop, 27, 0, 44))
	w := openWorld(t, reports, 160, 40)
	// Each vehicle's charging as [from, to) minutes after the start, in kW.
	type span struct {
		id       string
		from, to float64
		kw       float64
	}
	spans := []span{{"ev-0001", 2, 27, 7.4}, {"ev-0002", 6, 15, 7.0}, {"ev-0003", 22, 999, 11}, {"ev-0004", 12, 999, 7.4}, {"ev-0005", 26, 999, 3.7}}
	for s := 0; s < 180; s++ {
		now := t0.Add(time.Duration(s) * time.Second)
		*w.now = now
		w.tab.Tick()
		m := now.Sub(evStart).Minutes()
		level, delivered := 0.0, 0.0
		for _, sp := range spans {
			if m >= sp.from && m < sp.to {
				level += sp.kw
			}
			if m > sp.from {
				delivered += sp.kw * (min(m, sp.to) - sp.from) / 60
			}
		}
		late, silent, stopped := "1 late", "2 silent", ", 1 stopped early"
		type att struct {
			text  string
			since float64
		}
		atts := []att{{"ev-0002 stopped early", 15}, {"ev-0006 silent", 20}}
		if m >= 26 {
			late, silent = "2 late", "1 silent"
		} else {
			atts = append(atts, att{"ev-0005 silent", 20})
		}
		if m >= 27 {
			stopped = ", 2 stopped early"
			atts = append(atts, att{"ev-0001 stopped early", 27})
		}
		sort.SliceStable(atts, func(i, j int) bool {
			if atts[i].since != atts[j].since {
				return atts[i].since < atts[j].since
			}
			return atts[i].text < atts[j].text
		})
		var named []string
		for _, a := range atts {
			named = append(named, a.text+" "+present.Duration(now.Sub(evStart.Add(time.Duration(a.since*float64(time.Minute))))))
		}
		projected := delivered + level*(120-m)/60
		want := []string{
			fmt.Sprintf("▶ now %s of 44.4 kW (%s%%)", present.Power(level*1000), present.Number(level/44.4*100, 0)),
			"ramp done 18:25: " + map[bool]string{false: "4/6", true: "5/6"}[m >= 26] + " started",
			"3 responded, " + late + ", " + silent + stopped,
			fmt.Sprintf("projected %s of 88.8 kWh (%s%%) by 20:10 if the fleet holds %s", present.Number(projected, 1),
				present.Number(projected/88.8*100, 0), present.Power(level*1000)),
			"⚠ " + strings.Join(named, " · "),
			fmt.Sprintf("delivered %s of %s kWh", present.Number(delivered, 1), present.Number(6*7.4*m/60, 1)),
		}
		view := w.tab.View()
		for _, x := range want {
			if !strings.Contains(view, x) {
				t.Fatalf("at %s the strip does not say %q:\n%s", now.Format("15:04:05"), x, view)
			}
		}
	}
}
