package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/ui"
)

// The CLI's table and the dashboard's Events list print an event's status
// and target alike, for the same events from the same server: a 500 W
// target (the CLI said "500 W", the dashboard "0.5 kW") and a started event
// whose duration cannot be read (the CLI said "unknown", the dashboard
// "active, end unknown").
func TestCLIAndDashboardAgree(t *testing.T) {
	ts := foreignServer(t)
	out := cli{vars: map[string]string{"ECDASH_BASE_URL": ts.URL, "ECDASH_TOKEN": foreignToken}}.run(t, "get", "events").mustSucceed(t).stdout
	cliRows := columns(t, out)

	lipgloss.SetColorProfile(termenv.Ascii)
	api, err := client.New(client.Options{BaseURL: ts.URL, Token: foreignToken})
	if err != nil {
		t.Fatal(err)
	}
	m := ui.New(ui.Options{API: api, Now: func() time.Time { return fixedNow }, Location: time.UTC, PollInterval: time.Hour})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Trickle charge")) && bytes.Contains(b, []byte("Garbled window"))
	}, teatest.WithDuration(15*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	screen := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).View()

	for id, name := range map[string]string{"f-5": "Trickle charge", "f-6": "Garbled window", "f-1": "Evening peak", "f-2": "Night valley"} {
		row := cliRows[id]
		line := lineWith(t, screen, name)
		for _, col := range []string{"STATUS", "TARGET"} {
			if !strings.Contains(line, "  "+row[col]+" ") && !strings.HasPrefix(strings.TrimLeft(line, ">!+*- "), row[col]+" ") {
				t.Errorf("%s: the CLI's %s is %q; the dashboard's row does not say so:\n%s", id, col, row[col], line)
			}
		}
	}
	if got := cliRows["f-5"]["TARGET"]; got != "500 W" {
		t.Errorf("f-5 target %q, want 500 W", got)
	}
	if got := cliRows["f-6"]["STATUS"]; got != "active" || !strings.Contains(lineWith(t, screen, "Garbled window"), "end unknown") {
		t.Errorf("f-6: the CLI says %q; want active, and the dashboard's countdown 'end unknown'", got)
	}
}

// columns reads a table the CLI printed into rows by their first column,
// each a map from header to cell, by the header's column positions.
func columns(t *testing.T, table string) map[string]map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(table, "\n"), "\n")
	header := lines[0]
	var names []string
	var starts []int
	pos := 0
	for _, f := range strings.Fields(header) {
		at := pos + strings.Index(header[pos:], f)
		names, starts, pos = append(names, f), append(starts, at), at+len(f)
	}
	rows := map[string]map[string]string{}
	for _, l := range lines[1:] {
		row := map[string]string{}
		for i, n := range names {
			end := len(l)
			if i+1 < len(starts) {
				end = min(starts[i+1], len(l))
			}
			if starts[i] < len(l) {
				row[n] = strings.TrimSpace(l[starts[i]:end])
			}
		}
		rows[row[names[0]]] = row
	}
	return rows
}

func lineWith(t *testing.T, screen, s string) string {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", s, screen)
	return ""
}
