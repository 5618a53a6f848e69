package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ecdash/ecdash/internal/statedir"
	"github.com/ecdash/ecdash/livefeed"
)

// liveFlags are the live feed's flags, shared by the dashboard, `relay` and
// `feed tail`.
type liveFlags struct {
	listen         string
	webhookSecrets []string
	journal        string
	feed           string
	relayToken     string
	publicURL      string
	maxConns       int
	nats           []string
	natsListen     string
	natsTokenFile  string
	natsReplicas   int
	natsSync       string
	retention      time.Duration
	retentionBytes int64
}

// The live feed's flags are registered only on the commands that read
// them, so `get events --help` lists none of them.

// addReceiverFlags: a webhook receiver (the dashboard's own, the relay).
func addReceiverFlags(fs *pflag.FlagSet, f *liveFlags) {
	fs.StringVar(&f.listen, "listen", livefeed.DefaultListenAddr, "where the webhook receiver listens (env ECDASH_LISTEN)")
	fs.IntVar(&f.maxConns, "max-connections", livefeed.DefaultMaxConns, "connections the webhook receiver (and relay) hold at most; at the cap an idle one is closed or the new one refused")
	addSecretFlag(fs, f)
}

// addSecretFlag: the webhook secrets signatures are checked with.
func addSecretFlag(fs *pflag.FlagSet, f *liveFlags) {
	fs.StringArrayVar(&f.webhookSecrets, "webhook-secret", nil, "webhook secret signatures are checked with; repeat it while rotating (env ECDASH_WEBHOOK_SECRET, comma-separated)")
}

// addStoreFlags: where and how the feed is stored.
func addStoreFlags(fs *pflag.FlagSet, f *liveFlags) {
	fs.StringVar(&f.journal, "journal", "", "directory of the feed stores, one folder per profile (env ECDASH_JOURNAL; default the state directory)")
	fs.StringSliceVar(&f.nats, "nats", nil, "store the feed on this NATS JetStream cluster, URL[,URL…], instead of an embedded node (env ECDASH_NATS)")
	fs.StringVar(&f.natsTokenFile, "nats-token-file", "", "file holding the NATS token (env ECDASH_NATS_TOKEN; default: the token an embedded node of this profile keeps beside its store)")
	fs.StringVar(&f.natsListen, "nats-listen", "", "let other processes reach the embedded NATS node at host:port, e.g. 127.0.0.1:4222 (default: no port)")
	fs.IntVar(&f.natsReplicas, "nats-replicas", 0, "replicas of the feed's stream (default 1 embedded, 3 with --nats)")
	fs.StringVar(&f.natsSync, "nats-sync", "", "when the embedded node fsyncs: always, or an interval such as 1s (default 2m, NATS' own; see README: Durability)")
	fs.DurationVar(&f.retention, "retention", 0, "keep notifications this long (default 168h; at least 24h, the dedupe window)")
	fs.Int64Var(&f.retentionBytes, "retention-bytes", 0, "keep at most this many bytes of notifications, the oldest going first (default 1 GiB)")
}

// addRelayTokenFlag: the relay's bearer token (the relay, and its clients).
func addRelayTokenFlag(fs *pflag.FlagSet, f *liveFlags) {
	fs.StringVar(&f.relayToken, "relay-token", "", "the relay's bearer token (env ECDASH_RELAY_TOKEN)")
}

// addDashboardFeedFlags: the dashboard's live feed: its own receiver and
// store, or a relay, and the URL it subscribes itself with.
func addDashboardFeedFlags(fs *pflag.FlagSet, f *liveFlags) {
	addReceiverFlags(fs, f)
	addStoreFlags(fs, f)
	addRelayTokenFlag(fs, f)
	fs.StringVar(&f.feed, "feed", "", "take notifications from an ecdash relay, ws[s]://HOST/feed, instead of a receiver here (env ECDASH_FEED)")
	fs.StringVar(&f.publicURL, "public-url", "", "the receiver's webhook URL as the API reaches it, for \"subscribe this dashboard\" (env ECDASH_PUBLIC_URL)")
}

// liveSettings are the resolved live-feed settings: flag > env > default.
type liveSettings struct {
	Listen     setting
	Secrets    [][]byte
	SecretFrom string // "--webhook-secret", "ECDASH_WEBHOOK_SECRET" or ""
	JournalDir string
	Profile    string // the journal's (and state file's) profile
	Feed       setting
	RelayToken setting
	PublicURL  setting
	StateFile  string // the dashboard's own subscription: secret and id
	Limits     livefeed.ServerOptions
	Store      livefeed.StoreOptions // where the feed is stored: embedded or a cluster
}

// resolveLive reads the live-feed flags and variables. profile is the
// settings' profile ("" for the default one).
func (a *app) resolveLive(cmd *cobra.Command, profile string) (*liveSettings, error) {
	f := a.flags.live
	ls := &liveSettings{Profile: profile}
	if ls.Profile == "" {
		ls.Profile = statedir.DefaultProfile
	}
	ls.Listen = a.pick(cmd, "listen", "ECDASH_LISTEN", nil, livefeed.DefaultListenAddr)
	ls.Feed = a.pick(cmd, "feed", "ECDASH_FEED", nil, "")
	ls.RelayToken = a.pick(cmd, "relay-token", "ECDASH_RELAY_TOKEN", nil, "")
	ls.RelayToken.Secret = true
	ls.PublicURL = a.pick(cmd, "public-url", "ECDASH_PUBLIC_URL", nil, "")
	if cmd.Flags().Lookup("max-connections") != nil {
		if f.maxConns < 1 {
			return nil, usageErrorf("--max-connections %d: want at least 1", f.maxConns)
		}
		ls.Limits.MaxConns = f.maxConns
	}
	a.addSecrets(ls.RelayToken.Value)

	var raw []string
	switch {
	case cmd.Flags().Changed("webhook-secret"):
		raw, ls.SecretFrom = f.webhookSecrets, "--webhook-secret"
	case a.getenv("ECDASH_WEBHOOK_SECRET") != "":
		raw, ls.SecretFrom = strings.Split(a.getenv("ECDASH_WEBHOOK_SECRET"), ","), "ECDASH_WEBHOOK_SECRET"
	}
	for _, s := range raw {
		if s = strings.TrimSpace(s); s != "" {
			ls.Secrets = append(ls.Secrets, []byte(s))
			a.addSecrets(s)
		}
	}
	if ls.SecretFrom != "" && len(ls.Secrets) == 0 {
		return nil, fmt.Errorf("%s is empty", ls.SecretFrom)
	}

	if ls.Feed.Value != "" {
		if err := checkFeedURL(ls.Feed); err != nil {
			return nil, err
		}
	}
	if ls.PublicURL.Value != "" {
		u, err := url.Parse(ls.PublicURL.Value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s: invalid public URL %q: want the http(s) URL the API can POST webhooks to", sourceName(ls.PublicURL), shownURL(ls.PublicURL.Value))
		}
	}

	journal := a.pick(cmd, "journal", "ECDASH_JOURNAL", nil, "")
	stateDir, err := a.stateDir()
	switch {
	case journal.Value != "":
		ls.JournalDir = journal.Value
	case err != nil:
		return nil, fmt.Errorf("%w (or pass --journal DIR)", err)
	default:
		ls.JournalDir = stateDir
	}
	if stateDir == "" {
		stateDir = ls.JournalDir
	}
	dir, err := statedir.Profile(stateDir, ls.Profile)
	if err != nil {
		return nil, err
	}
	ls.StateFile = filepath.Join(dir, "dashboard-subscription.json")
	if ls.Store, err = a.storeOptions(cmd, f, ls); err != nil {
		return nil, err
	}
	return ls, nil
}

// storeOptions reads where and how the feed is stored.
func (a *app) storeOptions(cmd *cobra.Command, f liveFlags, ls *liveSettings) (livefeed.StoreOptions, error) {
	o := livefeed.StoreOptions{Dir: ls.JournalDir, Profile: ls.Profile, Listen: f.natsListen,
		Replicas: f.natsReplicas, MaxAge: f.retention, MaxBytes: f.retentionBytes}
	nats := f.nats
	switch {
	case cmd.Flags().Changed("nats"):
	case a.getenv("ECDASH_NATS") != "":
		nats = strings.Split(a.getenv("ECDASH_NATS"), ",")
	default:
		s, err := a.resolveSettings(cmd)
		if err != nil {
			return o, err
		}
		nats = s.NATS
	}
	for _, u := range nats {
		if u = strings.TrimSpace(u); u != "" {
			o.NATS = append(o.NATS, u)
		}
	}
	switch {
	case f.natsTokenFile != "":
		b, err := os.ReadFile(f.natsTokenFile)
		if err != nil {
			return o, fmt.Errorf("--nats-token-file: %w", err)
		}
		o.Token = strings.TrimSpace(string(b))
	case a.getenv("ECDASH_NATS_TOKEN") != "":
		o.Token = a.getenv("ECDASH_NATS_TOKEN")
	}
	a.addSecrets(o.Token)
	if f.natsReplicas < 0 {
		return o, usageErrorf("--nats-replicas %d: want 1 or more", f.natsReplicas)
	}
	if f.retention != 0 && f.retention < livefeed.MinDedupeWindow {
		return o, usageErrorf("--retention %s: want at least %s, the dedupe window", f.retention, livefeed.MinDedupeWindow)
	}
	switch s := f.natsSync; {
	case s == "":
	case s == "always":
		o.SyncAlways = true
	default:
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return o, usageErrorf("--nats-sync %q: want always or a duration such as 1s", s)
		}
		o.SyncInterval = d
	}
	return o, nil
}

// checkFeedURL accepts what livefeed.Follow accepts: ws, wss, http, https.
func checkFeedURL(s setting) error {
	u, err := url.Parse(s.Value)
	if err == nil && u.Host != "" {
		switch u.Scheme {
		case "ws", "wss", "http", "https":
			return nil
		}
	}
	return fmt.Errorf("%s: invalid relay URL %q: want ws[s]://HOST/feed", sourceName(s), shownURL(s.Value))
}

// needRelayToken fails with what to do when the relay token is missing.
func (ls *liveSettings) needRelayToken() error {
	if ls.RelayToken.Value == "" {
		return errors.New("no relay token: pass --relay-token or set ECDASH_RELAY_TOKEN")
	}
	return nil
}
