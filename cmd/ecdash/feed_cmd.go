package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/livefeed"
)

func newFeedCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feed",
		Short: "Read the live feed's journal of webhook notifications",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newFeedTailCmd(a))
	return cmd
}

func newFeedTailCmd(a *app) *cobra.Command {
	var (
		since  uint64
		follow bool
		relay  string
	)
	cmd := &cobra.Command{
		Use:   "tail",
		Short: "Print journaled notifications as JSON lines",
		Long: `Print the notifications of a profile's journal, one JSON object per line:

  {"seq":1,"received":"…","verified":true,"signature":"…","duplicates":0,
   "summary":{…},"body":"<the exact body as a JSON string>"}

A body that is not valid UTF-8 is given as "bodyBase64" instead, so the exact
bytes, and with them the signature, can always be checked again.

A local journal is read without its lock and never modified, so this works
while "ecdash relay" or a dashboard is writing it: only records already durably
written (fsynced) are printed, and with -f new ones follow as they are
committed, until Ctrl-C. Records that retention has deleted are skipped with a
note on stderr. From another machine, read through the relay with --relay,
which always follows live.`,
		Example: `  ecdash feed tail --journal ~/.local/state/ecdash --since 120
  ecdash feed tail --journal ~/.local/state/ecdash -f
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
				return tailRelay(cmd.Context(), livefeed.FollowOptions{URL: relay, Token: ls.RelayToken.Value, After: since, Secrets: ls.Secrets}, w)
			}
			return tailJournal(cmd.Context(), ls, since, follow, w, a.stderr)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&since, "since", 0, "print only records after this sequence number")
	f.BoolVarP(&follow, "follow", "f", false, "keep printing as notifications arrive, until Ctrl-C (--relay always follows)")
	f.StringVar(&relay, "relay", "", "read from an ecdash relay, ws[s]://HOST/feed, instead of a local journal (follows live)")
	return cmd
}

// tailJournal prints the local journal's records after since, then with
// follow keeps printing new ones until ctx ends (not an error). It reads
// without the journal's lock, so a relay or dashboard may be writing it.
func tailJournal(ctx context.Context, ls *liveSettings, since uint64, follow bool, w *recordWriter, stderr io.Writer) error {
	dir := filepath.Join(ls.JournalDir, ls.Profile)
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("no journal at %s (pass --journal DIR and --profile of the receiver that wrote it)", dir)
	}
	r, err := livefeed.OpenJournalReader(ls.JournalDir, ls.Profile, livefeed.ReaderOptions{
		OnGap: func(g livefeed.Gap) { fmt.Fprintf(stderr, "note: %s\n", g) },
	})
	if err != nil {
		return err
	}
	if !follow {
		_, err := r.ReadFrom(since, w.write)
		return err
	}
	err = r.Follow(ctx, since, livefeed.ReaderPollInterval, w.write)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	return err
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
