package chart

import (
	"encoding/binary"
	"math"
	"math/bits"
	"time"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/themes"
)

// Mode is what the chart plots against what.
type Mode int

const (
	// ModeFleet: the fleet's total against the event's value × targeted vehicles.
	ModeFleet Mode = iota
	// ModeAverage: the fleet's total / targeted vehicles against the event's value.
	ModeAverage
	// ModeVehicle: one vehicle against the event's value (no target for an extra vehicle).
	ModeVehicle
)

func (m Mode) String() string {
	switch m {
	case ModeAverage:
		return "per-vehicle average"
	case ModeVehicle:
		return "single vehicle"
	}
	return "fleet total"
}

// Chart draws one event's target against the reported response with
// ntcharts' timeserieslinechart: target and response as step lines, the
// randomize-start window on the time axis, a "now" marker, a legend, zoom and
// pan on time. It mutates in place (like the dashboard's screens).
//
// The rendered string is cached: View rebuilds it only after something that
// changes the picture (data, size, zoom or pan, mode, vehicle, theme, or a
// move of the now marker to another dot column or minute).
type Chart struct {
	th   *themes.Theme
	loc  *time.Location
	keys ChartKeys

	a           fleet.Analysis
	hasData     bool
	fingerprint uint64

	width, height int
	mode          Mode
	vehicleID     string // selected in ModeVehicle
	view          viewport
	now           time.Time

	version, built uint64
	cached         string
	geo            geometry // of the last build, for SetNow
	nowKey         nowKey   // of the last build
	builds         int      // rebuilds, for tests
	noDecimate     bool     // tests: push every point, to prove decimation is invisible
}

// NewChart returns an empty chart drawing with th in time zone loc (nil: time.Local).
func NewChart(th *themes.Theme, loc *time.Location) *Chart {
	if th == nil {
		th = themes.Default()
	}
	if loc == nil {
		loc = time.Local
	}
	return &Chart{th: th, loc: loc, keys: DefaultChartKeys(), version: 1}
}

// SetData shows an analysis. Handing the same data again (the dashboard
// re-analyses every tick) keeps the cached picture.
func (c *Chart) SetData(a fleet.Analysis) {
	fp := fingerprintOf(a)
	if c.hasData && fp == c.fingerprint && a.Window == c.a.Window {
		c.a = a // statuses and values at now may differ; they are not drawn
		return
	}
	c.a, c.hasData, c.fingerprint = a, true, fp
	if c.now.IsZero() {
		c.now = a.Now
	}
	c.view = c.view.clamp(c.bounds(), c.defaultRange())
	c.invalidate()
}

// SetSize sets the chart's outer size in cells, legend included.
func (c *Chart) SetSize(width, height int) {
	if width == c.width && height == c.height {
		return
	}
	c.width, c.height = width, height
	c.invalidate()
}

// SetTheme switches styles; the next View redraws.
func (c *Chart) SetTheme(th *themes.Theme) {
	if th == nil || th == c.th {
		return
	}
	c.th = th
	c.invalidate()
}

// SetNow moves the clock. The picture is rebuilt only when the now marker
// (and the response line, drawn up to now) moves to another dot column, the
// legend's minute changes, or the value in effect at now changes.
func (c *Chart) SetNow(t time.Time) {
	if t.Equal(c.now) {
		return
	}
	c.now = t
	if !c.geo.ok || c.keyOfNow() != c.nowKey {
		c.invalidate()
	}
}

// Mode returns what the chart plots.
func (c *Chart) Mode() Mode { return c.mode }

// VehicleID returns the vehicle shown in ModeVehicle ("" otherwise).
func (c *Chart) VehicleID() string {
	if c.mode != ModeVehicle {
		return ""
	}
	return c.vehicleID
}

// View returns the chart, exactly height lines of width cells.
func (c *Chart) View() string {
	if c.built != c.version {
		c.cached = c.build()
		c.built = c.version
		c.builds++
	}
	return c.cached
}

func (c *Chart) invalidate() { c.version++ }

// nowKey is what of "now" shows on the picture.
type nowKey struct {
	gridX  int // braille column of now, clamped to just outside the graph
	minute int64
	value  float64 // response in effect at now
}

func (c *Chart) keyOfNow() nowKey {
	k := nowKey{minute: c.now.Unix() / 60, value: c.responseAt(c.now)}
	if c.geo.ok {
		k.gridX = min(max(c.geo.gridX(c.now.Unix()), -1), 2*c.geo.gw)
	}
	return k
}

// fingerprintOf hashes everything of an analysis the chart draws, so equal
// data can be recognised without keeping a copy. A word-at-a-time mix
// (xxhash's round) rather than a byte-wise hash: a 20,000-action event has
// tens of thousands of points, and this runs on every SetData.
func fingerprintOf(a fleet.Analysis) uint64 {
	var h hasher
	h.str(a.EventID)
	h.str(a.Unit)
	h.word(uint64(a.Targeted))
	h.word(uint64(a.Actions))
	h.float(a.VehicleTarget)
	h.flag(a.HasTarget)
	h.series(a.Target)
	h.word(a.Revision) // the fleet's and the vehicles' series, which an equal revision shares
	for _, v := range a.Vehicles {
		h.str(v.ResourceID)
		h.str(string(v.Status))
		h.flag(v.Targeted)
		h.flag(v.StoppedEarly)
		h.word(uint64(v.Actions))
	}
	return h.sum
}

type hasher struct{ sum uint64 }

func (h *hasher) word(v uint64) {
	const p1, p2 = 11400714785074694791, 14029467366897019727
	h.sum ^= bits.RotateLeft64(v*p2, 31) * p1
	h.sum = bits.RotateLeft64(h.sum, 27)*p1 + 0x9E3779B97F4A7C15
}

func (h *hasher) float(v float64) { h.word(math.Float64bits(v)) }

func (h *hasher) flag(b bool) {
	if b {
		h.word(1)
	} else {
		h.word(0)
	}
}

func (h *hasher) str(s string) {
	h.word(uint64(len(s)))
	for len(s) >= 8 {
		h.word(binary.LittleEndian.Uint64([]byte(s[:8])))
		s = s[8:]
	}
	var tail [8]byte
	copy(tail[:], s)
	h.word(binary.LittleEndian.Uint64(tail[:]))
}

func (h *hasher) series(s fleet.Series) {
	h.word(uint64(len(s)))
	for _, p := range s {
		h.word(uint64(p.T.UnixNano()))
		h.float(p.V)
	}
}
