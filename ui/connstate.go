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
		in = "in " + retrySeconds(retry)
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

// connShort is connText for a narrow bar: "✗ offline, retry 2 s".
func connShort(st state.Conn, retry time.Duration) string {
	in := " now"
	if retry > 0 {
		in = " " + retrySeconds(retry)
	}
	switch st {
	case state.ConnRetrying:
		return "▲ retry" + in
	case state.ConnOffline:
		return "✗ offline, retry" + in
	}
	return connText(st, retry)
}

// retrySeconds is a retry delay in whole seconds, rounded up: "2 s".
func retrySeconds(retry time.Duration) string {
	return strconv.Itoa(int((retry+time.Second-1)/time.Second)) + " s"
}
