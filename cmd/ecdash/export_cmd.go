package main

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/atomicfile"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/spf13/cobra"
)

var exportFormats = []string{"csv", "json"}

func newExportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export what happened during an event, for settlement",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newExportEventCmd(a))
	return cmd
}

func newExportEventCmd(a *app) *cobra.Command {
	var (
		format, outFile string
		step, grace     time.Duration
	)
	cmd := &cobra.Command{
		Use:   "event ID",
		Short: "Write an event's target and reported response per time step (CSV or JSON)",
		Long: `Write, per time step from the event's start to its end (or to now, for an event
still running), the fleet target, the fleet's reported value and each vehicle's
reported value, each the mean over the step, in the event's unit (W or A),
followed by a summary: delivered energy against target, and which vehicles
responded, were late, silent or stopped early.

Reports come from the server's GET /reports where it offers it (the ecdash
sandbox does) and from this profile's record of the reports ecdash sent
("ecdash report send", the dashboard). Each report's actions are placed at its
createdDateTime, or at the time it was sent.

CSV: a header "time,target_W,fleet_W,<resource id>…", one row per step, then
the summary as lines starting with '#'. JSON: one document with the vehicles,
the rows and the summary.`,
		Args: cobra.ExactArgs(1),
		Example: `  ecdash export event 8f1c… -o json --file event.json
  ecdash export event 8f1c… --step 5m > event.csv`,
		ValidArgsFunction: completeIDs(getter{a: a, out: &output{}}, client.API.ListEvents, func(e client.Event) (string, string) { return e.ID, e.Name }),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "csv" && format != "json" {
				return usageErrorf("invalid export format %q: use -o csv or -o json (the file is --file)", format)
			}
			if step <= 0 {
				return fmt.Errorf("invalid --step %s: it must be positive, e.g. 1m", step)
			}
			opts := fleet.DefaultOptions()
			if cmd.Flags().Changed("grace") {
				if grace < 0 {
					return fmt.Errorf("invalid --grace %s: it cannot be negative", grace)
				}
				opts.Grace = grace
			}
			tab, err := a.exportTable(cmd, args[0], step, opts)
			if err != nil {
				return err
			}
			write := fleet.WriteCSV
			if format == "json" {
				write = fleet.WriteJSON
			}
			if outFile == "" {
				bw := bufio.NewWriterSize(a.stdout, 64<<10)
				if err := write(bw, tab); err != nil {
					return err
				}
				return bw.Flush()
			}
			if err := atomicfile.Write(outFile, 0o644, func(w io.Writer) error { return write(w, tab) }); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "wrote %s: %d rows of %s for %d vehicles (%s)\n", outFile, len(tab.Rows), step, len(tab.Vehicles), format)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVarP(&format, "output", "o", "csv", "output format: csv or json")
	f.StringVar(&format, "format", "csv", "the same as -o")
	f.MarkHidden("format")
	f.DurationVar(&step, "step", time.Minute, "length of each row")
	f.DurationVar(&grace, "grace", fleet.DefaultOptions().Grace, "how long after start + randomize window a vehicle may start before it counts as silent")
	f.StringVar(&outFile, "file", "", "write to this file instead of stdout (replaced only once complete)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(exportFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// exportTable fetches the event and its reports and samples the analysis at
// now. Notes that do not stop the export (unreadable lines of the record, no
// reports anywhere) go to stderr, one line each.
func (a *app) exportTable(cmd *cobra.Command, id string, step time.Duration, opts fleet.Options) (fleet.Table, error) {
	api, s, err := a.connect(cmd)
	if err != nil {
		return fleet.Table{}, err
	}
	ev, err := api.GetEvent(cmd.Context(), id)
	if err != nil {
		return fleet.Table{}, err
	}
	if ev.ID == "" {
		ev.ID = id
	}
	rec, err := a.sentRecord(s)
	if err != nil {
		return fleet.Table{}, err
	}
	g, err := sentreports.Gather(cmd.Context(), api, rec, ev.ID)
	if err != nil {
		// An export for settlement must not silently miss reports.
		return fleet.Table{}, err
	}
	for _, b := range g.Skipped {
		fmt.Fprintf(a.stderr, "ecdash: warning: %s\n", b)
	}
	if !g.Listed && len(g.Reports) == 0 {
		fmt.Fprintf(a.stderr, "ecdash: this server does not list reports (GET /reports) and the local record %s holds none for event %s: only the target is exported\n", g.RecordPath, ev.ID)
	}
	now := a.now()
	tab, err := fleet.Sample(fleet.AnalyzeReports(ev, g.Reports, g.SentAt, now, opts), step)
	if err != nil {
		return fleet.Table{}, err
	}
	if len(tab.Rows) == 0 {
		fmt.Fprintf(a.stderr, "ecdash: event %s has not started (it starts %s): no rows yet\n", ev.ID, formatTimeLong(ev.IntervalPeriod.Start, a.loc))
	}
	return tab, nil
}
