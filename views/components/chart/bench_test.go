package chart

import (
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	tslc "github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/fleet/fleettest"
	"github.com/ecdash/ecdash/themes"
)

// The benchmark: an event with 1,000 targets and 20,000 charge
// actions, drawn at 160×40. Run with
//
//	go test ./views/components/chart -run '^$' -bench . -benchtime 1x -count 1
//
// (the naive baseline is quadratic; -benchtime 1x keeps it to one run).
const (
	benchVehicles = 1000
	benchActions  = 20000
	benchW        = 160
	benchH        = 40
)

// The benchmark event lies after the wall clock (like points that arrive
// after the chart was made, which is what a live chart sees): ntcharts'
// automatic ranges start at time.Now(), so every pushed point then extends
// the time range and rescales all stored points.
var (
	benchBase = time.Date(2100, 1, 1, 10, 0, 0, 0, time.UTC)
	benchNow  = benchBase.Add(100 * time.Minute)
)

// trueColor makes lipgloss emit colours for the benchmark (TestMain sets
// Ascii for the golden files), so rendering costs what it costs in a terminal.
func trueColor(b *testing.B) {
	prev := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(termenv.TrueColor)
	b.Cleanup(func() { lipgloss.SetColorProfile(prev) })
}

func benchAnalysis(b *testing.B) fleet.Analysis {
	b.Helper()
	trueColor(b)
	ev, acts := fleettest.BigAt(benchBase, benchVehicles, benchActions)
	return fleet.Analyze(ev, acts, benchNow, fleet.DefaultOptions()) // 40,000 fleet points, 4 target points
}

// BenchmarkChartBuild compares building, drawing and viewing the chart.
//   - ours: the Chart (ranges fixed before pushing, precomputed step series
//     clipped and M4-decimated to the dot grid, cached run-length render,
//     axes, markers and legend).
//   - ntcharts_fixed_ranges: the same two step series pushed whole into a
//     timeserieslinechart with ranges set first, DrawBrailleAll, its View.
//   - ntcharts_auto_ranges: the naive way: the same points pushed with the
//     default automatic ranges (every push rescales every stored point).
//     Two push orders: the response first, in time order, as points arrive
//     (each one extends the time range: quadratic), and the target first
//     (its end already stretches the range over the interval, so only the
//     points after the end and each new Y maximum rescale).
func BenchmarkChartBuild(b *testing.B) {
	a := benchAnalysis(b)
	th := themes.Default()
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c := NewChart(th, cet)
			c.SetSize(benchW, benchH)
			c.SetData(a)
			c.SetNow(benchNow)
			_ = c.View()
		}
	})
	b.Run("ntcharts_fixed_ranges", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			vis := span{a.Window.Start.Add(-minMargin), a.Window.End.Add(minMargin)}
			lo, hi := a.Fleet.Range()
			m := tslc.New(benchW, benchH,
				withFixedRanges(),
				tslc.WithTimeRange(vis.from, vis.to),
				tslc.WithYRange(min(lo, 0), max(hi, a.FleetTarget)),
				tslc.WithDataSetStyle(setResponse, th.ChartFleet),
				tslc.WithDataSetStyle(setTarget, th.ChartTarget))
			pushAll(&m, a, true)
			m.DrawBrailleAll()
			_ = m.View()
		}
	})
	for _, order := range []struct {
		name        string
		targetFirst bool
	}{{"ntcharts_auto_ranges_response_first", false}, {"ntcharts_auto_ranges_target_first", true}} {
		b.Run(order.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := tslc.New(benchW, benchH,
					tslc.WithDataSetStyle(setResponse, th.ChartFleet),
					tslc.WithDataSetStyle(setTarget, th.ChartTarget))
				pushAll(&m, a, order.targetFirst)
				m.DrawBrailleAll()
				_ = m.View()
			}
		})
	}
}

// pushAll pushes the target's and the fleet's step series, every point.
func pushAll(m *tslc.Model, a fleet.Analysis, targetFirst bool) {
	target := func() {
		for _, p := range a.Target {
			m.PushDataSet(setTarget, tslc.TimePoint{Time: p.T, Value: p.V / 1000})
		}
	}
	if targetFirst {
		target()
	}
	for _, p := range a.Fleet {
		m.PushDataSet(setResponse, tslc.TimePoint{Time: p.T, Value: p.V / 1000})
	}
	if !targetFirst {
		target()
	}
}

// BenchmarkChartView: View() of an unchanged chart (the cached string)
// against ntcharts' View() of the same, already drawn, chart (one lipgloss
// Render per cell).
func BenchmarkChartView(b *testing.B) {
	a := benchAnalysis(b)
	th := themes.Default()
	b.Run("ours_cached", func(b *testing.B) {
		c := NewChart(th, cet)
		c.SetSize(benchW, benchH)
		c.SetData(a)
		c.SetNow(benchNow)
		_ = c.View()
		b.ReportAllocs()
		for b.Loop() {
			_ = c.View()
		}
	})
	b.Run("ours_now_tick_same_column", func(b *testing.B) {
		c := NewChart(th, cet)
		c.SetSize(benchW, benchH)
		c.SetData(a)
		c.SetNow(benchNow)
		_ = c.View()
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			c.SetNow(benchNow.Add(time.Duration(i%2) * time.Millisecond)) // stays on its dot column
			_ = c.View()
		}
	})
	b.Run("ntcharts_view", func(b *testing.B) {
		vis := span{a.Window.Start.Add(-minMargin), a.Window.End.Add(minMargin)}
		lo, hi := a.Fleet.Range()
		m := tslc.New(benchW, benchH,
			withFixedRanges(),
			tslc.WithTimeRange(vis.from, vis.to),
			tslc.WithYRange(min(lo, 0), max(hi, a.FleetTarget)),
			tslc.WithDataSetStyle(setResponse, th.ChartFleet),
			tslc.WithDataSetStyle(setTarget, th.ChartTarget))
		pushAll(&m, a, true)
		m.DrawBrailleAll()
		b.ReportAllocs()
		for b.Loop() {
			_ = m.View()
		}
	})
}

// Data set names of the ntcharts baselines (drawn in name order: the
// target last, as the chart draws it).
const (
	setResponse = "1-response"
	setTarget   = "2-target"
)
