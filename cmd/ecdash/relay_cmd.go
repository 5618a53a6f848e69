package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/livefeed"
)

func newRelayCmd(a *app) *cobra.Command {
	var origins []string
	cmd := &cobra.Command{
		Use:   "relay",
		Short: "Receive webhooks where the API can reach them and pass them on to dashboards over websocket",
		Long: `Run the webhook receiver and its journal headless, and serve the journal to any
number of dashboards over websocket:

  POST /webhook   signed webhooks from the API (X-Payload-Signature)
  GET  /feed      websocket for "ecdash --feed ws[s]://HOST/feed --relay-token T"
                  and "ecdash feed tail --relay ..."

A notification is answered 200 once it is durably journaled; dashboards resume
from the last sequence number they hold, so nothing is lost or repeated across
reconnects or restarts. One line is logged per accepted delivery (outcome and
sequence number; never a secret or a body); rejected requests are summed up in
one line per 10 s, by reason and sender. Each connection has deadlines for its
headers, its body and idling, and --max-connections bounds how many are open.
Ctrl-C stops it.`,
		Example: `  ecdash relay --listen 0.0.0.0:8787 --webhook-secret "$SECRET" --relay-token "$TOKEN"`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ls, err := a.resolveLive(cmd, a.pick(cmd, "profile", "ECDASH_PROFILE", nil, "").Value)
			if err != nil {
				return err
			}
			if len(ls.Secrets) == 0 {
				return errors.New("the relay needs a webhook secret: pass --webhook-secret (repeatable) or set ECDASH_WEBHOOK_SECRET")
			}
			if err := ls.needRelayToken(); err != nil {
				return err
			}
			log := slog.New(slog.NewTextHandler(a.stderr, nil))
			rejects := livefeed.NewRejectSummary(rejectWindow, func(r livefeed.RejectReport) { logRejects(log, r) })
			defer rejects.Flush()
			rs, err := startReceiver(receiverConfig{
				Listen: ls.Listen.Value, Store: ls.Store, Secrets: ls.Secrets,
				OnDelivery: func(d livefeed.Delivery) {
					if d.Status >= 400 {
						rejects.Add(d)
						return
					}
					logDelivery(log, d, a.redact)
				},
				RelayToken: ls.RelayToken.Value, AllowedOrigins: origins, Limits: ls.Limits,
			})
			if err != nil {
				return err
			}
			addr := dialAddr(rs.Addr)
			fmt.Fprintf(a.stdout, `ecdash relay is running

  webhooks  http://%s%s
  feed      ws://%s%s
  store     %s (last seq %d)

%s
Press Ctrl-C to stop.
`, addr, livefeed.DefaultWebhookPath, addr, livefeed.DefaultFeedPath, rs.Store.Where(), rs.Store.LastSeq(), natsLine(rs.Store))
			if !isLoopback(rs.Addr) {
				fmt.Fprintf(a.stderr, "note: listening on %s, reachable beyond this machine: put TLS in front of it (wss://, https://)\n", rs.Addr)
			}
			waitErr := rs.wait(cmd.Context())
			return errors.Join(waitErr, rs.Close())
		},
	}
	addReceiverFlags(cmd.Flags(), &a.flags.live)
	addStoreFlags(cmd.Flags(), &a.flags.live)
	addRelayTokenFlag(cmd.Flags(), &a.flags.live)
	cmd.Flags().StringArrayVar(&origins, "allowed-origin", nil, "browser origin (scheme://host[:port]) allowed to open the feed; clients without an Origin header are always allowed")
	return cmd
}

// natsLine names the embedded node's URL for other processes, when it
// listens ("" otherwise).
func natsLine(st *livefeed.Store) string {
	if u := st.ClientURL(); u != "" {
		return "  nats      " + u + "  (token in " + livefeed.TokenFile(st.Options()) + "; ecdash feed tail --nats " + u + ")\n"
	}
	return ""
}

// rejectWindow is how often rejected requests are summed up in the log.
const rejectWindow = 10 * time.Second

// logRejects writes one line for a window of rejected requests, e.g.
// "webhooks rejected total=20000 window=10s bad_signature=19990 too_large=10 top_senders=203.0.113.9=19990".
func logRejects(log *slog.Logger, r livefeed.RejectReport) {
	attrs := []any{"total", r.Total, "window", r.Window.Round(time.Second)}
	for _, o := range r.Outcomes() {
		attrs = append(attrs, strings.ReplaceAll(string(o), " ", "_"), r.ByOutcome[o])
	}
	senders := make([]string, len(r.TopRemotes))
	for i, rc := range r.TopRemotes {
		senders[i] = rc.Remote + "=" + strconv.Itoa(rc.Count)
	}
	log.Warn("webhooks rejected", append(attrs, "top_senders", strings.Join(senders, ","))...)
}

// logDelivery writes one line per request to the receiver: outcome, status
// and sequence number, the notification's id and operation once verified.
// Never a secret, a signature or a body.
func logDelivery(log *slog.Logger, d livefeed.Delivery, redact func(string) string) {
	attrs := []any{"outcome", string(d.Outcome), "status", d.Status, "bytes", d.Bytes, "remote", d.Remote}
	if d.Seq != 0 {
		attrs = append(attrs, "seq", d.Seq)
	}
	if d.Summary.Kind != "" {
		attrs = append(attrs, "kind", string(d.Summary.Kind))
	}
	if id := d.Summary.NotificationID; id != "" {
		attrs = append(attrs, "notification", safeLog(id))
	}
	if op := d.Summary.RawOperation; op != "" {
		attrs = append(attrs, "operation", safeLog(op))
	}
	if d.Err != nil {
		attrs = append(attrs, "err", redact(d.Err.Error()))
	}
	level := slog.LevelInfo
	if d.Status >= 400 {
		level = slog.LevelWarn
	}
	log.Log(context.Background(), level, "webhook", attrs...)
}

// safeLog bounds a value taken from a verified body before it is logged.
func safeLog(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}
