package ui

import (
	"io"
	"os"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// toast is a note the operator did not ask for (a webhook created, changed
// or deleted an event; a vehicle of an active event fell silent or stopped
// early), shown on the line above the status bar for toastFor, whatever
// keys are pressed meanwhile.
type toast struct {
	text  string
	until time.Time
}

const toastFor = 10 * time.Second

// bell rings the terminal's bell with each toast, when on.
type bell struct {
	on    bool
	out   io.Writer // the terminal (nil: stdout)
	rings int       // for tests
}

// alert shows the last of news as a toast, saying how many came with it
// and where to read them (more: "tab 5"), and rings the bell when it is on.
func (m *Model) alert(news []string, more string, now time.Time) tea.Cmd {
	if len(news) == 0 {
		return nil
	}
	text := news[len(news)-1]
	if n := len(news) - 1; n > 0 {
		text += " (and " + strconv.Itoa(n) + " more: " + more + ")"
	}
	m.toast = toast{text: text, until: now.Add(toastFor)}
	return m.bell.ring()
}

// ring writes BEL to the terminal. It is one byte between the renderer's
// frames, never inside one: the renderer writes each frame in one call.
func (b *bell) ring() tea.Cmd {
	if !b.on {
		return nil
	}
	b.rings++
	out := b.out
	if out == nil {
		out = os.Stdout
	}
	return func() tea.Msg {
		_, _ = out.Write([]byte{'\a'})
		return nil
	}
}

// toastText is the toast still shown at now ("" when none).
func (m *Model) toastText(now time.Time) string {
	if m.toast.text == "" || !now.Before(m.toast.until) {
		return ""
	}
	return m.toast.text
}
