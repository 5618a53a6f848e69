package ui

import (
	"strconv"
	"time"

	"github.com/ecdash/ecdash/internal/state"
)

// connText renders the connection state for the status bar.
func connText(st state.Conn, retry time.Duration) string {
	in := "now"
	if retry > 0 {
		in = "in " + strconv.Itoa(int((retry+time.Second-1)/time.Second)) + " s"
	}
	switch st {
	case state.ConnLoading:
		return "○ connecting…"
	case state.ConnRetrying:
		return "▲ retrying " + in
	case state.ConnOffline:
		return "✗ offline · retrying " + in
	case state.ConnAuth:
		return "✗ auth failed"
	}
	return "● ok"
}
