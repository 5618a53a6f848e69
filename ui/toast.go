package ui

import (
	"strconv"
	"time"
)

// toast is a note the operator did not ask for (a webhook created, changed
// or deleted an event), shown on the line above the status bar for
// toastFor, whatever keys are pressed meanwhile.
type toast struct {
	text  string
	until time.Time
}

const toastFor = 10 * time.Second

// showToast shows the last of news, saying how many came with it.
func (m *Model) showToast(news []string, now time.Time) {
	if len(news) == 0 {
		return
	}
	text := news[len(news)-1]
	if n := len(news) - 1; n > 0 {
		text += " (and " + strconv.Itoa(n) + " more: tab 5)"
	}
	m.toast = toast{text: text, until: now.Add(toastFor)}
}

// toastText is the toast still shown at now ("" when none).
func (m *Model) toastText(now time.Time) string {
	if m.toast.text == "" || !now.Before(m.toast.until) {
		return ""
	}
	return m.toast.text
}
