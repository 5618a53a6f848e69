package ui

import (
	"strconv"
	"time"

	"github.com/ecdash/ecdash/internal/state"
)

// connTexts renders the connection state for the status bar, and its short
// form for a narrow bar: "✗ offline · retrying in 2 s", "✗ offline, retry 2 s".
func connTexts(st state.Conn, retry time.Duration) (long, short string) {
	when := "now"
	if retry > 0 {
		when = strconv.Itoa(int((retry+time.Second-1)/time.Second)) + " s" // whole seconds, rounded up
	}
	in := when
	if retry > 0 {
		in = "in " + when
	}
	switch st {
	case state.ConnLoading:
		return "○ connecting…", "○ connecting…"
	case state.ConnRetrying:
		return "▲ retrying " + in, "▲ retry " + when
	case state.ConnOffline:
		return "✗ offline · retrying " + in, "✗ offline, retry " + when
	case state.ConnAuth:
		return "✗ auth failed", "✗ auth failed"
	}
	return "● ok", "● ok"
}
