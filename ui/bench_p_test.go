package ui

import (
	"fmt"
	"testing"
	"time"

	btable "github.com/charmbracelet/bubbles/table"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
)

// Benchmark sizes: the Events tab at 120×36 (34 rows on screen).
const benchW, benchH = 120, 36

// BenchmarkP1CursorMove: one cursor move and the whole dashboard's View()
// with 100,000 events, against bubbles/table moving its cursor over the
// same number of rows of as many columns, at the same size.
func BenchmarkP1CursorMove(b *testing.B) {
	b.Run("ecdash", func(b *testing.B) {
		m := scaleModel(b, 100_000, benchW, benchH)
		down, up := keyMsg("down"), keyMsg("up")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if i%60 < 30 {
				m.Update(down)
			} else {
				m.Update(up)
			}
			_ = m.View()
		}
	})
	b.Run("baseline", func(b *testing.B) {
		const n = 100_000
		cols := make([]btable.Column, 12)
		for i := range cols {
			cols[i] = btable.Column{Title: fmt.Sprintf("Col %d", i), Width: 8}
		}
		rows := make([]btable.Row, n)
		for i := range rows {
			r := make(btable.Row, len(cols))
			for j := range r {
				r[j] = fmt.Sprintf("c%d-%d", j, i)
			}
			rows[i] = r
		}
		t := btable.New(btable.WithColumns(cols), btable.WithRows(rows), btable.WithFocused(true),
			btable.WithStyles(btable.DefaultStyles()), btable.WithWidth(benchW))
		t.SetHeight(benchH - 3)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if i%60 < 30 {
				t.MoveDown(1)
			} else {
				t.MoveUp(1)
			}
			_ = t.View()
		}
	})
}

// BenchmarkP2FilterKeystroke: one keystroke typed into the filter (the
// query growing, then cleared) and the View, at 100,000 events; the
// baseline is the same at 1,000.
func BenchmarkP2FilterKeystroke(b *testing.B) {
	atScales(b, func(b *testing.B, m *Model) {
		press(m, "/")
		typed := "peak"
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			k := i % (len(typed) + 1)
			if k == len(typed) {
				b.StopTimer()
				for range typed {
					press(m, "backspace")
				}
				b.StartTimer()
				continue
			}
			press(m, string(typed[k]))
			_ = m.View()
		}
	})
}

// BenchmarkP9Tick: the once-a-second tick and the View that follows on
// the Events tab at 100,000 events; the baseline at 1,000.
func BenchmarkP9Tick(b *testing.B) {
	atScales(b, func(b *testing.B, m *Model) {
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			m.Update(tickMsg{})
			_ = m.View()
		}
	})
}

// BenchmarkP9UnchangedPoll: applying a poll of the events that brought
// nothing new, and the View, on the UI loop: reported as ui-ms. Each
// iteration also fetches the poll, as the program does in a command's
// goroutine (reported as fetch-ms, and in ns/op); the baseline at 1,000.
func BenchmarkP9UnchangedPoll(b *testing.B) {
	atScales(b, func(b *testing.B, m *Model) {
		var ui, fetch time.Duration
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var msg listResultMsg
			fetch += timed(func() { msg = fetched(b, m, state.Events) })
			ui += timed(func() {
				m.Update(msg)
				_ = m.View()
			})
		}
		b.ReportMetric(ms(ui)/float64(b.N), "ui-ms")
		b.ReportMetric(ms(fetch)/float64(b.N), "fetch-ms")
	})
}

// atScales runs bench as the sub-benchmarks ecdash, on the dashboard
// holding 100,000 events and vehicles, and baseline, on 1,000.
func atScales(b *testing.B, bench func(b *testing.B, m *Model)) {
	for _, c := range []struct {
		name string
		n    int
	}{{"ecdash", 100_000}, {"baseline", 1_000}} {
		b.Run(c.name, func(b *testing.B) { bench(b, scaleModel(b, c.n, benchW, benchH)) })
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkP10KeyDuringPoll: a key pressed while a poll that changed all
// 100,000 events is applied waits for the step being made, then is
// handled and drawn: reported as key-ms (the apply's first step, the key's
// Update and the View). The baseline is the same key on the idle
// dashboard. Each iteration fetches the poll first (ns/op).
func BenchmarkP10KeyDuringPoll(b *testing.B) {
	const n = 100_000
	api := &twoAccounts{
		Client: newClient(b, scaleServer(b, n).URL, testToken, nil),
		later:  newClient(b, laterServer(b, n).URL, testToken, nil),
	}
	m := scaleModelWith(b, api, n, benchW, benchH)
	down := keyMsg("down")
	b.Run("ecdash", func(b *testing.B) {
		var key, apply time.Duration
		for i := 0; i < b.N; i++ {
			api.use = !api.use
			msg := fetched(b, m, state.Events)
			if a, u, _ := msg.fetched.(*state.ListPoll[client.Event]).Changes(); a+u < n {
				b.Fatalf("the poll changed %d events, want all %d", a+u, n)
			}
			key += timed(func() {
				apply += timed(func() { m.Update(msg) })
				m.Update(down)
				_ = m.View()
			})
			settle(m)
		}
		b.ReportMetric(ms(key)/float64(b.N), "key-ms")
		b.ReportMetric(ms(apply)/float64(b.N), "apply-ms")
	})
	b.Run("baseline", func(b *testing.B) {
		var key time.Duration
		for i := 0; i < b.N; i++ {
			key += timed(func() {
				m.Update(down)
				_ = m.View()
			})
		}
		b.ReportMetric(ms(key)/float64(b.N), "key-ms")
	})
}
