package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/livefeed"
)

func newFeedCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feed",
		Short: "Read the live feed's store of webhook notifications, or import an old journal into it",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newFeedTailCmd(a), newFeedImportCmd(a))
	return cmd
}

func newFeedTailCmd(a *app) *cobra.Command {
	var (
		from   uint64
		follow bool
		relay  string
	)
	cmd := &cobra.Command{
		Use:   "tail",
		Short: "Print stored notifications as JSON lines",
		Long: `Print the notifications of a profile's feed, one JSON object per line:

  {"seq":1,"received":"…","verified":true,"signature":"…","duplicates":0,
   "summary":{…},"body":"<the exact body as a JSON string>"}

A body that is not valid UTF-8 is given as "bodyBase64" instead, so the exact
bytes, and with them the signature, can always be checked again. seq is the
stream's sequence number: repeat deliveries take numbers of their own, so
records' numbers may skip.

Where the feed is read from:
  (default)     the embedded store under --journal, when no relay or dashboard
                holds it (one process at a time)
  --nats URL    the NATS JetStream cluster the relays store on, or an
                embedded node started with --nats-listen
  --relay URL   an ecdash relay over websocket (always follows live)

With -f new records follow as they are stored, until Ctrl-C.`,
		Example: `  ecdash feed tail --from 120
  ecdash feed tail --nats nats://10.0.0.5:4222 -f
  ecdash feed tail --relay wss://relay.example.com/feed --relay-token "$TOKEN"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ls, err := a.resolveLive(cmd, a.pick(cmd, "profile", "ECDASH_PROFILE", nil, "").Value)
			if err != nil {
				return err
			}
			w := newRecordWriter(a.stdout)
			if relay != "" {
				if err := checkFeedURL(setting{Value: relay, Detail: "--relay"}); err != nil {
					return err
				}
				if err := ls.needRelayToken(); err != nil {
					return err
				}
				return tailRelay(cmd.Context(), livefeed.FollowOptions{URL: relay, Token: ls.RelayToken.Value, After: from, Secrets: ls.Secrets}, w)
			}
			return tailStore(cmd.Context(), ls, from, follow, w)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&from, "from", 0, "print only records after this sequence number")
	f.Uint64Var(&from, "since", 0, "the same as --from")
	f.MarkHidden("since")
	f.BoolVarP(&follow, "follow", "f", false, "keep printing as notifications arrive, until Ctrl-C (--relay always follows)")
	f.StringVar(&relay, "relay", "", "read from an ecdash relay, ws[s]://HOST/feed, instead of the store (follows live)")
	addStoreFlags(f, &a.flags.live)
	addRelayTokenFlag(f, &a.flags.live)
	addSecretFlag(f, &a.flags.live) // --relay: bodies are verified again here
	return cmd
}

// openStore opens the feed's store for a command that only reads or
// imports, saying what to do when a running relay or dashboard holds it.
func openStore(ctx context.Context, ls *liveSettings) (*livefeed.Store, error) {
	st, err := livefeed.OpenStore(ctx, ls.Store)
	if errors.Is(err, livefeed.ErrStoreInUse) {
		return nil, fmt.Errorf("%w: read through it with --relay URL, or start it with --nats-listen 127.0.0.1:4222 and pass --nats nats://127.0.0.1:4222", err)
	}
	return st, err
}

// tailStore prints the store's records after from, then with follow keeps
// printing new ones until ctx ends (not an error).
func tailStore(ctx context.Context, ls *liveSettings, from uint64, follow bool, w *recordWriter) error {
	if len(ls.Store.NATS) == 0 && !livefeed.StoreExists(ls.Store) {
		return fmt.Errorf("no feed store at %s (pass --journal DIR and --profile of the receiver that wrote it, or --nats URL)", filepath.Join(ls.JournalDir, ls.Profile))
	}
	st, err := openStore(ctx, ls)
	if err != nil {
		return err
	}
	defer st.Close()
	if !follow {
		return st.ReadFrom(ctx, from, w.write)
	}
	sub := st.Subscribe(from)
	defer sub.Close()
	for {
		select {
		case <-ctx.Done():
			return nil
		case u, ok := <-sub.Updates():
			if !ok {
				return sub.Err()
			}
			if u.Record != nil {
				if err := w.write(*u.Record); err != nil {
					return err
				}
			}
		}
	}
}

func newFeedImportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Copy a journal written by an earlier ecdash into the feed's store, once",
		Long: `Copy every notification of the journal an earlier ecdash wrote (segment files
under --journal DIR, in the profile's folder) into the feed's store: the
embedded one in the same folder, or the cluster --nats names. Each keeps its
received time, body and signature, and its dedupe key, so a notification the
store already holds is not stored twice. The journal's files are left as they
are, with a note that they were imported; a second import into the same
stream is refused.`,
		Example: `  ecdash feed import --journal ~/.local/state/ecdash
  ecdash feed import --journal /var/lib/ecdash --nats nats://10.0.0.5:4222`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ls, err := a.resolveLive(cmd, a.pick(cmd, "profile", "ECDASH_PROFILE", nil, "").Value)
			if err != nil {
				return err
			}
			st, err := openStore(cmd.Context(), ls)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := livefeed.ImportJournal(cmd.Context(), ls.JournalDir, ls.Profile, st)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "imported %d notifications from %s into %s (%d already there, %d unreadable frames skipped)\n",
				res.Imported, res.Dir, st.Where(), res.Duplicates, res.Torn)
			return nil
		},
	}
	addStoreFlags(cmd.Flags(), &a.flags.live)
	return cmd
}

// tailRelay prints what the relay streams until ctx ends (not an error) or
// the relay refuses the client.
func tailRelay(ctx context.Context, opts livefeed.FollowOptions, w *recordWriter) error {
	out := make(chan livefeed.Update, 256)
	done := make(chan error, 1)
	go func() { done <- livefeed.Follow(ctx, opts, out) }()
	var werr error
	for u := range out { // Follow closes out when it returns
		if u.Record != nil && werr == nil {
			werr = w.write(*u.Record)
		}
	}
	err := <-done
	switch {
	case werr != nil:
		return werr
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil
	}
	return err
}

// recordLine is one record as `feed tail` prints it.
type recordLine struct {
	Seq        uint64           `json:"seq"`
	Received   time.Time        `json:"received"`
	Verified   bool             `json:"verified"`
	Signature  string           `json:"signature"`
	Duplicates int              `json:"duplicates"`
	Summary    livefeed.Summary `json:"summary"`
	// Body is the exact body when it is valid UTF-8 (JSON strings round-trip
	// it byte for byte); BodyBase64 otherwise.
	Body       *string `json:"body,omitempty"`
	BodyBase64 []byte  `json:"bodyBase64,omitempty"`
}

// recordWriter writes records as JSON lines.
type recordWriter struct{ enc *json.Encoder }

func newRecordWriter(w io.Writer) *recordWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &recordWriter{enc: enc}
}

func (w *recordWriter) write(r livefeed.Record) error {
	line := recordLine{Seq: r.Seq, Received: r.Received, Verified: r.Verified, Signature: r.Signature, Duplicates: r.Duplicates, Summary: r.Summary}
	if utf8.Valid(r.Body) {
		s := string(r.Body)
		line.Body = &s
	} else {
		line.BodyBase64 = r.Body
	}
	if err := w.enc.Encode(line); err != nil {
		return fmt.Errorf("writing record %d: %w", r.Seq, err)
	}
	return nil
}
