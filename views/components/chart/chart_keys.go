package chart

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/views/components/keys"
)

// ChartKeys are the chart's bindings (none changes server data).
type ChartKeys struct {
	ZoomIn, ZoomOut, PanLeft, PanRight, Reset, Mode, NextVehicle, PrevVehicle keys.Binding
}

// DefaultChartKeys: +/- zoom, h/l or ←/→ pan, 0 resets, m switches fleet
// total / per-vehicle average, v/V step through vehicles one at a time.
func DefaultChartKeys() ChartKeys {
	const g = "Chart"
	return ChartKeys{
		ZoomIn:      keys.New(g, "+", "zoom in", "+", "="),
		ZoomOut:     keys.New(g, "-", "zoom out", "-", "_"),
		PanLeft:     keys.New(g, "h/←", "earlier", "h", "left"),
		PanRight:    keys.New(g, "l/→", "later", "l", "right"),
		Reset:       keys.New(g, "0", "whole event", "0"),
		Mode:        keys.New(g, "m", "fleet total / per-vehicle average", "m"),
		NextVehicle: keys.New(g, "v", "next vehicle", "v"),
		PrevVehicle: keys.New(g, "V", "previous vehicle", "V"),
	}
}

// KeyMap lists the chart's bindings for help.
func (c *Chart) KeyMap() keys.Map {
	k := c.keys
	return keys.Map{k.ZoomIn, k.ZoomOut, k.PanLeft, k.PanRight, k.Reset, k.Mode, k.NextVehicle, k.PrevVehicle}
}

// Zoom and pan steps.
const (
	zoomStep = 2.0  // each zoom halves or doubles the visible time
	panStep  = 0.25 // each pan moves a quarter of the visible time
)

// Update handles the chart's keys and the mouse wheel (wheel zooms,
// shift+wheel or a horizontal wheel pans). It never returns a command.
func (c *Chart) Update(msg tea.Msg) tea.Cmd {
	changed := false
	switch msg := msg.(type) {
	case tea.KeyMsg:
		k := c.keys
		switch {
		case k.ZoomIn.Matches(msg):
			changed = c.zoom(1 / zoomStep)
		case k.ZoomOut.Matches(msg):
			changed = c.zoom(zoomStep)
		case k.PanLeft.Matches(msg):
			changed = c.pan(-panStep)
		case k.PanRight.Matches(msg):
			changed = c.pan(panStep)
		case k.Reset.Matches(msg):
			changed = c.resetView()
		case k.Mode.Matches(msg):
			changed = c.toggleAverage()
		case k.NextVehicle.Matches(msg):
			changed = c.stepVehicle(1)
		case k.PrevVehicle.Matches(msg):
			changed = c.stepVehicle(-1)
		}
	case tea.MouseMsg:
		if msg.Action != tea.MouseActionPress {
			break
		}
		switch {
		case msg.Button == tea.MouseButtonWheelLeft, msg.Shift && msg.Button == tea.MouseButtonWheelUp:
			changed = c.pan(-panStep)
		case msg.Button == tea.MouseButtonWheelRight, msg.Shift && msg.Button == tea.MouseButtonWheelDown:
			changed = c.pan(panStep)
		case msg.Button == tea.MouseButtonWheelUp:
			changed = c.zoom(1 / zoomStep)
		case msg.Button == tea.MouseButtonWheelDown:
			changed = c.zoom(zoomStep)
		}
	}
	if changed {
		c.invalidate()
	}
	return nil
}

// toggleAverage switches between fleet total and per-vehicle average; from
// single-vehicle mode it goes back to fleet total.
func (c *Chart) toggleAverage() bool {
	if c.mode == ModeFleet {
		c.mode = ModeAverage
	} else {
		c.mode = ModeFleet
	}
	return true
}

// stepVehicle shows the next (or previous) vehicle, entering single-vehicle
// mode at the first (or last) one.
func (c *Chart) stepVehicle(dir int) bool {
	n := len(c.a.Vehicles)
	if n == 0 {
		return false
	}
	i := c.vehicleIndex()
	switch {
	case c.mode != ModeVehicle && dir > 0:
		i = 0
	case c.mode != ModeVehicle:
		i = n - 1
	default:
		i = ((i+dir)%n + n) % n
	}
	c.mode, c.vehicleID = ModeVehicle, c.a.Vehicles[i].ResourceID
	return true
}

// vehicleIndex is the selected vehicle's index in the analysis (0 when gone).
func (c *Chart) vehicleIndex() int {
	for i, v := range c.a.Vehicles {
		if v.ResourceID == c.vehicleID {
			return i
		}
	}
	return 0
}
