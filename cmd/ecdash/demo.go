package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/spf13/cobra"
)

func newDemoCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Start the sandbox in-process on a free loopback port and show how to use it",
		Long: `Start the embedded sandbox on 127.0.0.1 with a free port, a generated token and
fresh data, with no flags, credentials or files needed. Ctrl-C stops it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Poll interval, theme and read-only still come from flags, env and
			// config; only the API and its credentials are the sandbox's.
			s, err := a.resolveSettings(cmd)
			if err != nil {
				return err
			}
			rs, err := startDemoSandbox()
			if err != nil {
				return err
			}
			a.addSecrets(rs.Token)
			err = a.runDemo(cmd.Context(), rs, s)
			return errors.Join(err, rs.Stop())
		},
	}
}

// runDemo runs until ctx ends against the started sandbox. The dashboard
// replaces what follows newAPI with ui.Run(ctx, ui.Options{...}), given api and
// s (poll interval, theme, read-only); until then it prints how to query it.
func (a *app) runDemo(ctx context.Context, rs *runningSandbox, s *settings) error {
	api, err := a.newAPI(client.Options{BaseURL: rs.BaseURL, Token: rs.Token})
	if err != nil {
		return err
	}
	// One round trip proves the sandbox answers before the user is told to use it.
	events, err := api.ListEvents(ctx)
	if err != nil {
		return err
	}
	resources, err := api.ListResources(ctx)
	if err != nil {
		return err
	}
	printDemoHelp(a.stdout, rs, len(events), len(resources))
	return rs.wait(ctx)
}

// startDemoSandbox starts the sandbox the demo runs against: loopback, a free
// port, a fresh token and data seeded from the clock. The caller must Stop it.
func startDemoSandbox() (*runningSandbox, error) {
	// Its log would interleave with the dashboard's screen, so it is dropped.
	return startSandbox(sandboxConfig{Addr: "127.0.0.1:0", Seed: time.Now().UnixNano()})
}

func printDemoHelp(w io.Writer, rs *runningSandbox, events, vehicles int) {
	fmt.Fprintf(w, `ecdash demo: a sandbox API with %d events and %d vehicles is running in this process

  base URL  %s
  token     %s

In another terminal:
  export ECDASH_BASE_URL=%s ECDASH_TOKEN=%s
  ecdash get events
  ecdash get resources
  ecdash get subscriptions
  ecdash get reports

Press Ctrl-C to stop.
`, events, vehicles, rs.BaseURL, rs.Token, rs.BaseURL, rs.Token)
}
