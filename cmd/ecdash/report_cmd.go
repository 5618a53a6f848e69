package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/spf13/cobra"
)

// maxReportFile bounds what `report send` reads: far above any real report,
// low enough that a wrong file (a disk image piped in) fails at once.
const maxReportFile = 16 << 20

func newReportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Send reports of what vehicles did for an event",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newReportSendCmd(a))
	return cmd
}

func newReportSendCmd(a *app) *cobra.Command {
	var file, output string
	cmd := &cobra.Command{
		Use:   "send --file FILE",
		Short: "Check a report file, send it (POST /reports) and record it locally",
		Long: `Send one report (a ReportRequest as JSON) from a file, or from stdin with --file -.

The file is checked before anything is sent: JSON syntax (with line and column),
eventId, and for each payload a resourceId, a location with latitude and
longitude in range, actionType Start or Stop, and numbers for current, power,
stateOfCharge and batteryCapacity. A report is never sent twice by ecdash, even
after a timeout.

Every report sent, and the server's answer or the failure, is appended to the
profile's record of sent reports in the state directory (--state-dir), which
the dashboard and "ecdash export" read: the API itself never lists reports.

  {"eventId": "…", "name": "…", "payloads": [{"payloadType": "VehicleChargeAction",
   "resourceId": "…", "location": {"latitude": 59.91, "longitude": 10.75},
   "actionType": "Start", "power": 7400, "current": 32, "stateOfCharge": 41.5,
   "batteryCapacity": 77}]}

-o json prints the server's answer exactly as received.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return fmt.Errorf("invalid output format %q: use -o table or -o json", output)
			}
			if file == "" {
				return errors.New("report send needs --file FILE (or --file - to read stdin)")
			}
			name, data, err := a.readReportFile(file)
			if err != nil {
				return err
			}
			req, err := sentreports.DecodeRequest(name, data)
			if err != nil {
				return err
			}
			api, s, err := a.connect(cmd)
			if err != nil {
				return err
			}
			rec, err := a.sentRecord(s)
			if err != nil {
				return err
			}
			// Sent once, and recorded whatever came of it; a report that
			// cannot be recorded is not sent: the record is the only place
			// the dashboard can find it later.
			rep, err := sentreports.Send(cmd.Context(), api, rec, req, sentreports.SendOptions{
				Server: s.BaseURL.Value, Now: a.now, Redact: a.redact,
			})
			if errors.Is(err, sentreports.ErrUnrecordable) {
				return fmt.Errorf("%s: %w", name, err)
			}
			if err != nil {
				return err
			}
			if output == "json" {
				return writeJSON(a.stdout, []json.RawMessage{rep.Raw}, false)
			}
			return writeFields(a.stdout, sentReportFields(rep, req, rec.Path(), a))
		},
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "report file (JSON), or - for stdin")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	_ = cmd.MarkFlagFilename("file", "json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// readReportFile reads path ("-" for stdin) up to maxReportFile bytes and
// returns the name to show in errors.
func (a *app) readReportFile(path string) (string, []byte, error) {
	name, r := path, io.Reader(nil)
	if path == "-" {
		name, r = "stdin", a.stdin
		if r == nil {
			return name, nil, errors.New("no standard input to read the report from")
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return name, nil, fmt.Errorf("reading the report file: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxReportFile+1))
	if err != nil {
		return name, nil, fmt.Errorf("reading the report from %s: %w", name, err)
	}
	if len(data) > maxReportFile {
		return name, nil, fmt.Errorf("%s: not sent: larger than %d MiB, which is not a report", name, maxReportFile>>20)
	}
	return name, data, nil
}

// sentReportFields is the server's answer, with what was sent and where it
// was recorded.
func sentReportFields(r client.Report, req client.ReportRequest, recordPath string, a *app) []field {
	fs := append(reportIDFields(r, a.loc),
		field{"payloads sent", strconv.Itoa(len(req.Payloads))},
		field{"recorded in", recordPath})
	return append(fs, problemFields(r.Problems)...)
}
