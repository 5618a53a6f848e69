package main

import (
	"context"
	"errors"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/spf13/cobra"
)

func newDemoCmd(a *app) *cobra.Command {
	var dispatchEvery time.Duration
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Open the dashboard on an embedded sandbox: no account, flags or files needed",
		Long: `Start the embedded sandbox on 127.0.0.1 with a free port, a generated token and
fresh data, and open the dashboard against it. q quits.

The dashboard runs its own webhook receiver on a free loopback port with a
generated secret and a journal in a temporary directory (removed on exit), and
subscribes itself with the sandbox, whose dispatcher creates an event every
--dispatch-every: new events appear at once, without waiting for a poll.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Poll interval, theme and read-only still come from flags, env and
			// config; only the API and its credentials are the sandbox's.
			s, err := a.resolveSettings(cmd)
			if err != nil {
				return err
			}
			rs, err := startDemoSandbox(dispatchEvery)
			if err != nil {
				return err
			}
			a.addSecrets(rs.Token)
			err = a.runDemo(cmd.Context(), rs, s)
			a.closeIdleConnections()
			return errors.Join(err, rs.Stop())
		},
	}
	cmd.Flags().DurationVar(&dispatchEvery, "dispatch-every", time.Minute, "how often the sandbox dispatches a new event (0: never)")
	return cmd
}

// runDemo runs the dashboard against the started sandbox until the operator
// quits or ctx ends.
func (a *app) runDemo(ctx context.Context, rs *runningSandbox, s *settings) error {
	lf, stop, err := a.startDemoFeed(ctx, rs)
	if err != nil {
		return err
	}
	err = a.runDashboard(ctx, client.Options{BaseURL: rs.BaseURL, Token: rs.Token}, s, "demo", lf)
	return errors.Join(err, stop())
}

// startDemoSandbox starts the sandbox the demo runs against: loopback, a free
// port, a fresh token and data seeded from the clock. The caller must Stop it.
func startDemoSandbox(dispatchEvery time.Duration) (*runningSandbox, error) {
	// Its log would interleave with the dashboard's screen, so it is dropped.
	return startSandbox(sandboxConfig{Addr: "127.0.0.1:0", Seed: time.Now().UnixNano(), DispatchEvery: dispatchEvery})
}
