package chart

import (
	"strconv"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/ecdash/ecdash/internal/fleet"
)

// plotData is what the current mode draws: both lines, their display
// scales, labels and the message written on the chart when there is
// nothing to show.
type plotData struct {
	unit string // display unit: "kW" or "A"

	target      fleet.Series
	targetScale float64 // series unit → display unit
	targetLevel float64 // the target asked of what is plotted, display unit
	hasTarget   bool

	resp      fleet.Series
	respScale float64
	respLabel string
	respStyle lipgloss.Style
	hasResp   bool

	vehicle *fleet.VehicleResult // in ModeVehicle
	title   string
	message string // written on the graph ("" for none)
}

func (c *Chart) plotData() plotData {
	a := c.a
	display := 1.0
	pd := plotData{unit: a.Unit}
	if a.Unit == "W" || a.Unit == "" {
		display, pd.unit = 1.0/1000, "kW"
	}
	pd.targetScale, pd.respScale = display, display
	pd.hasTarget = a.HasTarget && a.Window.Valid
	pd.hasResp = a.Actions > 0
	if !c.hasData {
		pd.message = "no data for this event yet"
		return pd
	}
	if !pd.hasResp {
		pd.message = "no reports yet for this event"
	}
	mode := c.mode
	if mode == ModeVehicle && len(a.Vehicles) == 0 {
		mode = ModeFleet // the vehicles went away with new data
	}
	switch mode {
	case ModeFleet:
		pd.title = "fleet total of " + plural(a.Targeted, "vehicle")
		pd.target, pd.targetLevel = a.Target, a.FleetTarget*display
		pd.resp, pd.respLabel, pd.respStyle = a.Fleet, "fleet", c.th.ChartFleet
	case ModeAverage:
		pd.title = "average of " + plural(a.Targeted, "vehicle")
		pd.target, pd.targetLevel = a.VehicleTargetSeries(), a.VehicleTarget*display
		pd.resp, pd.respLabel, pd.respStyle = a.Fleet, "average", c.th.ChartFleet
		if a.Targeted > 0 {
			pd.respScale = display / float64(a.Targeted)
		} else {
			pd.hasResp = false
			pd.message = "the event targets no vehicles: nothing to average"
		}
	case ModeVehicle:
		v := a.Vehicles[c.vehicleIndex()]
		pd.vehicle = &v
		pd.title = "vehicle " + itoa(c.vehicleIndex()+1) + "/" + itoa(len(a.Vehicles))
		pd.resp, pd.respLabel, pd.respStyle = v.Series, v.ResourceID, c.th.ChartVehicle
		if v.Targeted {
			pd.target, pd.targetLevel = a.VehicleTargetSeries(), a.VehicleTarget*display
		} else {
			pd.hasTarget = false
		}
		if v.Actions == 0 {
			pd.hasResp = false
			pd.message = "no reports from " + v.ResourceID
		}
	}
	if len(pd.target) == 0 {
		pd.hasTarget = false
	}
	return pd
}

// responseAt is the plotted response's value at t, in display units.
func (c *Chart) responseAt(t time.Time) float64 {
	if !c.hasData {
		return 0
	}
	pd := c.plotData()
	return pd.resp.At(t) * pd.respScale
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

func itoa(n int) string { return strconv.Itoa(n) }
