package main

import (
	"errors"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// globalFlags are the persistent flags every command shares. Whether a flag
// was given is read from the flag set (Changed), so precedence can tell
// "given as its default value" from "not given".
type globalFlags struct {
	baseURL, token, clientID, clientSecret, tokenURL string
	profile, config, theme, stateDir                 string
	poll                                             time.Duration
	readonly                                         bool
	debug                                            bool
	bell                                             bool
	live                                             liveFlags
}

const (
	defaultPoll     = 15 * time.Second
	defaultTheme    = "dark"
	defaultTokenURL = "https://auth.identity.volue.com/connect/token"
)

// addDashboardFlags registers the dashboard's look and refresh.
func addDashboardFlags(fs *pflag.FlagSet, f *globalFlags) {
	fs.DurationVar(&f.poll, "poll", defaultPoll, "dashboard refresh interval (env ECDASH_POLL)")
	fs.StringVar(&f.theme, "theme", defaultTheme, "dashboard colour theme (env ECDASH_THEME)")
	fs.BoolVar(&f.bell, "bell", false, "ring the terminal bell with each alert: an event created, changed or deleted, a vehicle silent or stopped early (env ECDASH_BELL; palette: bell on|off)")
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "ecdash",
		Short: "Operations dashboard and CLI for the Energy Coordination API (v1)",
		Long: `ecdash shows a partner's view of the Energy Coordination API (v1): the events a grid
operator sends, the enrolled vehicles (resources), webhook subscriptions and reports.

Settings come from flags, then ECDASH_* environment variables, then the selected
profile of the config file (see "ecdash config path"), then defaults.`,
		Version: buildVersion(),
		// Runtime errors are printed once, as one line, by run(); a usage dump
		// would bury them.
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.resolveSettings(cmd)
			if err != nil {
				return err
			}
			o, err := s.clientOptions()
			if err != nil {
				return err
			}
			lf, err := a.startDashboardFeed(cmd, s)
			if err != nil {
				return err
			}
			err = a.runDashboard(cmd.Context(), o, s, s.Profile.Value, lf)
			return errors.Join(err, lf.Close())
		},
	}
	root.SetVersionTemplate("ecdash {{.Version}}\n")

	f := &a.flags
	pf := root.PersistentFlags()
	pf.StringVar(&f.baseURL, "base-url", "", "API base URL, e.g. http://127.0.0.1:8080 (env ECDASH_BASE_URL)")
	pf.StringVar(&f.token, "token", "", "static bearer token (env ECDASH_TOKEN)")
	pf.StringVar(&f.clientID, "client-id", "", "OAuth2 client id for client credentials (env ECDASH_CLIENT_ID)")
	pf.StringVar(&f.clientSecret, "client-secret", "", "OAuth2 client secret (env ECDASH_CLIENT_SECRET)")
	pf.StringVar(&f.tokenURL, "token-url", "", "OAuth2 token endpoint (env ECDASH_TOKEN_URL; default "+defaultTokenURL+")")
	pf.StringVar(&f.profile, "profile", "", "config profile to use (env ECDASH_PROFILE)")
	pf.StringVar(&f.config, "config", "", "config file (env ECDASH_CONFIG; default $XDG_CONFIG_HOME/ecdash/config.yaml)")
	pf.BoolVar(&f.debug, "debug", false, "log each API request and answer to stderr, secrets redacted (env ECDASH_DEBUG=1)")
	pf.BoolVar(&f.readonly, "readonly", false, "hide every action that changes data on the server (env ECDASH_READONLY)")
	pf.StringVar(&f.stateDir, "state-dir", "", "local state such as the record of sent reports (env ECDASH_STATE_DIR; default $XDG_STATE_HOME/ecdash)")
	// The dashboard's own flags: on the root (which opens it) and demo only.
	addDashboardFlags(root.Flags(), f)
	addDashboardFeedFlags(root.Flags(), &f.live)
	_ = root.RegisterFlagCompletionFunc("theme", completeThemes)
	_ = root.RegisterFlagCompletionFunc("profile", a.completeProfiles)

	root.AddCommand(newVersionCmd(a), newGetCmd(a), newApplyCmd(a), newCreateCmd(a), newEditCmd(a), newDeleteCmd(a), newConfigCmd(a), newSandboxCmd(a), newDemoCmd(a), newReportCmd(a), newExportCmd(a), newRelayCmd(a), newFeedCmd(a), newDocsCmd(a))
	strictCommands(root)
	return root
}
