// Command ecdash is a terminal operations dashboard and CLI for partners of the
// Energy Coordination API (v1). This package owns only the command line: flags,
// configuration precedence and the wiring of client, sandbox and dashboard.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// The context ends on Ctrl-C or SIGTERM so long-running commands (sandbox,
	// demo) shut down cleanly and flush their data.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, newEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
