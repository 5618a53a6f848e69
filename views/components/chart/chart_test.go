package chart

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/fleet/fleettest"
	"github.com/ecdash/ecdash/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii) // golden files hold text only
	os.Exit(m.Run())
}

// cet is the fixed zone the chart tests print local times in.
var cet = time.FixedZone("CET", 3600)

// chartFixture: five targeted vehicles at 7.4 kW each, seen at 10:45 UTC.
// a responds then stops early, b responds and lowers, c is late with a
// current-only report, d is silent, e answers in kW by mistake, x is extra.
func chartFixture() (client.Event, []fleet.Action) {
	ev := fleettest.Event("a", "b", "c", "d", "e")
	acts := []fleet.Action{
		fleettest.Start("a", 2, 7000), fleettest.Stop("a", 30),
		fleettest.Start("b", 8, 7400), fleettest.Start("b", 40, 5000),
		{At: fleettest.At(22), ResourceID: "c", Type: client.ActionStart, Current: fleettest.F(10.7)},
		fleettest.Start("e", 4, 7.4),
		fleettest.Start("x", 5, 3000),
	}
	return ev, acts
}

func newTestChart(w, h int) *Chart {
	ev, acts := chartFixture()
	c := NewChart(themes.Default(), cet)
	c.SetSize(w, h)
	c.SetData(fleet.Analyze(ev, acts, fleettest.At(45), fleet.DefaultOptions()))
	c.SetNow(fleettest.At(45))
	return c
}

func key(s string) tea.KeyMsg {
	switch s {
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("chart differs from %s (review, then rerun with -update):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestChartGolden(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		keys []string
		acts func([]fleet.Action) []fleet.Action
		now  float64 // minutes after the start (0: 45)
	}{
		{name: "fleet_wide", w: 120, h: 24},
		{name: "fleet_narrow", w: 80, h: 18},
		{name: "average", w: 80, h: 18, keys: []string{"m"}},
		{name: "vehicle_b", w: 80, h: 18, keys: []string{"v", "v"}},
		{name: "vehicle_silent", w: 80, h: 18, keys: []string{"V", "V", "V"}},
		{name: "zoomed_panned", w: 100, h: 20, keys: []string{"+", "left"}},
		{name: "no_reports", w: 80, h: 14, acts: func([]fleet.Action) []fleet.Action { return nil }},
		{name: "past", w: 120, h: 24, now: 95}, // the legend reads the fleet at the event's end
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, acts := chartFixture()
			if tc.acts != nil {
				acts = tc.acts(acts)
			}
			now := fleettest.At(45)
			if tc.now != 0 {
				now = fleettest.At(tc.now)
			}
			c := NewChart(themes.Default(), cet)
			c.SetSize(tc.w, tc.h)
			c.SetData(fleet.Analyze(ev, acts, now, fleet.DefaultOptions()))
			c.SetNow(now)
			for _, k := range tc.keys {
				c.Update(key(k))
			}
			got := c.View()
			checkBox(t, got, tc.w, tc.h)
			golden(t, "chart_"+tc.name, got)
		})
	}
}

// checkBox asserts the chart is exactly h lines of w cells.
func checkBox(t *testing.T, s string, w, h int) {
	t.Helper()
	if w <= 0 || h <= 0 {
		if s != "" {
			t.Errorf("%dx%d: want empty, got %q", w, h, s)
		}
		return
	}
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n != w {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", w, h, i, n, l)
		}
	}
}

func TestChartNoReportsMessage(t *testing.T) {
	ev, _ := chartFixture()
	c := NewChart(themes.Default(), cet)
	c.SetSize(80, 20)
	c.SetData(fleet.Analyze(ev, nil, fleettest.At(45), fleet.DefaultOptions()))
	if v := c.View(); !strings.Contains(v, "no reports yet for this event") || !strings.Contains(v, "11:00") {
		t.Errorf("want the message on a drawn chart (axes and labels), got:\n%s", v)
	}
	// A silent vehicle, shown alone, says so too.
	ev, acts := chartFixture()
	c.SetData(fleet.Analyze(ev, acts, fleettest.At(45), fleet.DefaultOptions()))
	for c.VehicleID() != "d" {
		c.Update(key("v"))
	}
	if v := c.View(); !strings.Contains(v, "no reports from d") || !strings.Contains(v, "status silent") {
		t.Errorf("silent vehicle view:\n%s", v)
	}
}

func TestChartViewIsCached(t *testing.T) {
	ev, acts := chartFixture()
	z := fleet.NewAnalyzer(ev, fleet.DefaultOptions())
	z.Add(acts)
	c := NewChart(themes.Default(), cet)
	c.SetSize(100, 24)
	c.SetData(z.Analysis(fleettest.At(45)))
	c.SetNow(fleettest.At(45))
	first := c.View()
	steps := []struct {
		name    string
		do      func()
		rebuild bool
	}{
		{"View again", func() {}, false},
		{"same size", func() { c.SetSize(100, 24) }, false},
		{"now moves within its dot column", func() { c.SetNow(sameColumn(t, c)) }, false},
		{"same reports judged later", func() {
			c.SetData(z.Analysis(fleettest.At(45).Add(5 * time.Second)))
		}, false},
		{"key the chart ignores", func() { c.Update(key("q")) }, false},
		{"reset while not zoomed", func() { c.Update(key("0")) }, false},
		{"now moves to another minute", func() { c.SetNow(fleettest.At(47)) }, true},
		{"new report", func() {
			z.Add([]fleet.Action{fleettest.Start("d", 46, 7400)})
			c.SetData(z.Analysis(fleettest.At(47)))
		}, true},
		{"resize", func() { c.SetSize(90, 24) }, true},
		{"zoom", func() { c.Update(key("+")) }, true},
		{"mode", func() { c.Update(key("m")) }, true},
		{"theme", func() { th, _ := themes.Builtin("light"); c.SetTheme(th) }, true},
	}
	for _, s := range steps {
		before := c.builds
		s.do()
		v := c.View()
		if rebuilt := c.builds != before; rebuilt != s.rebuild {
			t.Errorf("%s: rebuilt=%v, want %v", s.name, rebuilt, s.rebuild)
		}
		if !s.rebuild && c.builds == 1 && v != first {
			t.Errorf("%s: cached view changed", s.name)
		}
	}
}

// sameColumn returns a later time whose now marker lands on the same dot
// column and minute as the chart's current now.
func sameColumn(t *testing.T, c *Chart) time.Time {
	t.Helper()
	now := c.now
	for d := time.Second; d < time.Minute; d += time.Second {
		n := now.Add(d)
		if c.geo.gridX(n.Unix()) == c.geo.gridX(now.Unix()) && n.Unix()/60 == now.Unix()/60 {
			return n
		}
	}
	t.Fatal("no later second on the same dot column")
	return now
}

func TestChartSizesNeverPanic(t *testing.T) {
	sizes := [][2]int{{0, 0}, {1, 1}, {2, 1}, {10, 3}, {23, 5}, {24, 4}, {24, 5}, {25, 6}, {30, 7},
		{40, 8}, {60, 15}, {99, 30}, {100, 30}, {160, 40}, {300, 100}}
	ev, acts := chartFixture()
	data := map[string]fleet.Analysis{
		"reports":    fleet.Analyze(ev, acts, fleettest.At(45), fleet.DefaultOptions()),
		"no reports": fleet.Analyze(ev, nil, fleettest.At(45), fleet.DefaultOptions()),
		"no interval": func() fleet.Analysis {
			e := ev
			e.IntervalPeriod = client.IntervalPeriod{}
			return fleet.Analyze(e, acts, fleettest.At(45), fleet.DefaultOptions())
		}(),
		"nothing at all": fleet.Analyze(client.Event{}, nil, fleettest.At(45), fleet.DefaultOptions()),
	}
	for name, a := range data {
		for _, keys := range [][]string{nil, {"m"}, {"v"}, {"+", "+", "+", "+", "+", "+", "l", "l"}} {
			c := NewChart(themes.Default(), cet)
			c.SetData(a)
			c.SetNow(fleettest.At(45))
			for _, k := range keys {
				c.Update(key(k))
			}
			for _, sz := range sizes {
				c.SetSize(sz[0], sz[1])
				checkBox(t, c.View(), sz[0], sz[1])
			}
		}
		_ = name
	}
	// A chart that never got data still draws.
	c := NewChart(nil, nil)
	c.SetSize(80, 20)
	checkBox(t, c.View(), 80, 20)
}

func TestChartZoomPanAndMouse(t *testing.T) {
	c := newTestChart(100, 24)
	def := c.visible()
	if def.from != fleettest.At(-6) || def.to != fleettest.At(66) {
		t.Fatalf("default range %v–%v, want a 6-minute margin around 10:00–11:00", def.from, def.to)
	}
	c.Update(key("+"))
	if got := c.visible(); got.length() != 36*time.Minute || got.from != fleettest.At(12) {
		t.Errorf("zoom in: %v–%v, want 36 min centred", got.from, got.to)
	}
	c.Update(key("left"))
	if got := c.visible(); got.from != fleettest.At(3) {
		t.Errorf("pan left: from %v, want 10:03", got.from)
	}
	for i := 0; i < 10; i++ {
		c.Update(key("h"))
	}
	if got := c.visible(); got.from != fleettest.At(-6) {
		t.Errorf("pan stops at the bounds: from %v", got.from)
	}
	c.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if c.view.custom {
		t.Errorf("zooming out to everything returns to the default view, got %+v", c.view)
	}
	c.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	c.Update(tea.MouseMsg{Button: tea.MouseButtonWheelRight, Action: tea.MouseActionPress})
	if got := c.visible(); got.length() != 36*time.Minute || got.from != fleettest.At(21) {
		t.Errorf("wheel zoom + pan: %v–%v", got.from, got.to)
	}
	for i := 0; i < 20; i++ {
		c.Update(key("+"))
	}
	if got := c.visible(); got.length() != minSpan {
		t.Errorf("zoom in stops at %v, got %v", minSpan, got.length())
	}
	c.Update(key("0"))
	if c.view.custom {
		t.Error("0 resets the view")
	}
}

func TestChartModes(t *testing.T) {
	c := newTestChart(100, 24)
	c.Update(key("m"))
	if c.Mode() != ModeAverage {
		t.Fatalf("m: mode %v", c.Mode())
	}
	// The average of five targeted vehicles: (7000 + 7400 + 10.7×690 + 7.4) / 5 at 10:25.
	want := (7000 + 7400 + 10.7*690 + 7.4) / 5 / 1000
	if got := c.responseAt(fleettest.At(25)); !fleettest.Near(got, want) {
		t.Errorf("average at 10:25 = %v kW, want %v", got, want)
	}
	c.Update(key("V"))
	if c.Mode() != ModeVehicle || c.VehicleID() != "x" {
		t.Errorf("V enters vehicle mode at the last vehicle, got %v %q", c.Mode(), c.VehicleID())
	}
	c.Update(key("v"))
	if c.VehicleID() != "a" {
		t.Errorf("v wraps to the first vehicle, got %q", c.VehicleID())
	}
	c.Update(key("m"))
	if c.Mode() != ModeFleet || c.VehicleID() != "" {
		t.Errorf("m leaves vehicle mode for the fleet total, got %v", c.Mode())
	}
}
