package main

import (
	"context"
	"errors"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/sandbox"
	"github.com/spf13/cobra"
)

func newDemoCmd(a *app) *cobra.Command {
	var dispatchEvery time.Duration
	var size sandbox.Size
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
			if err := checkSize(size); err != nil {
				return err
			}
			rs, err := startDemoSandbox(dispatchEvery, size)
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
	addDashboardFlags(cmd.Flags(), &a.flags)
	_ = cmd.RegisterFlagCompletionFunc("theme", completeThemes)
	addSizeFlags(cmd, &size)
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
func startDemoSandbox(dispatchEvery time.Duration, size sandbox.Size) (*runningSandbox, error) {
	// Its log would interleave with the dashboard's screen, so it is dropped.
	return startSandbox(sandboxConfig{Addr: "127.0.0.1:0", Seed: time.Now().UnixNano(), DispatchEvery: dispatchEvery, Size: size})
}

// addSizeFlags are the flags that make the sandbox's account larger.
func addSizeFlags(cmd *cobra.Command, size *sandbox.Size) {
	cmd.Flags().IntVar(&size.Vehicles, "vehicles", 0, "enroll this many vehicles (default 40)")
	cmd.Flags().IntVar(&size.Events, "events", 0, "seed this many events, the oldest without reports (default 13: two days around now)")
}

// checkSize refuses sizes the sandbox cannot make.
func checkSize(size sandbox.Size) error {
	const most = 1_000_000
	if size.Vehicles < 0 || size.Vehicles > most || size.Events < 0 || size.Events > most {
		return usageErrorf("--vehicles and --events take 0 to %d", most)
	}
	return nil
}
