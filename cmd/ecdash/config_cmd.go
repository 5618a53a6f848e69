package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/spf13/cobra"
)

func newConfigCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show where the config file is and the effective settings",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "path",
		Short: "Print the config file path (--config, else $XDG_CONFIG_HOME/ecdash/config.yaml, else ~/.config/ecdash/config.yaml)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := a.configPath(cmd)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, p.Value)
			return nil
		},
	}, newConfigShowCmd(a), newConfigProfilesCmd(a), newConfigUseCmd(a), newConfigInitCmd(a))
	return cmd
}

// newConfigShowCmd prints the settings the dashboard would use; it takes
// the dashboard's own flags too, to show what they would change.
func newConfigShowCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Print the effective settings and where each came from (secrets masked)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.resolveSettings(cmd)
			if err != nil {
				return err
			}
			return a.writeSettings(s)
		},
	}
	addDashboardFlags(cmd.Flags(), &a.flags)
	_ = cmd.RegisterFlagCompletionFunc("theme", completeThemes)
	return cmd
}

func (a *app) writeSettings(s *settings) error {
	tw := tabwriter.NewWriter(a.stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tVALUE\tFROM")
	cfg := s.ConfigPath.Value
	if !s.ConfigFound {
		cfg += " (not found)"
	}
	row := func(name string, st setting) {
		v := st.Value
		switch {
		case st.Err != nil:
			// The error names the variable or file, never the value.
			v = "unavailable: " + st.Err.Error()
		case st.Secret:
			v = client.MaskSecret(v)
		}
		if v == "" {
			v = "-"
		}
		from := "-"
		if st.From != "" {
			from = st.From
			if st.Detail != "" {
				from += " (" + st.Detail + ")"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", name, present.Sanitize(v), from)
	}
	row("config", setting{Value: cfg, From: s.ConfigPath.From, Detail: s.ConfigPath.Detail})
	row("profile", s.Profile)
	row("base-url", s.BaseURL)
	row("auth", setting{Value: s.auth().String()})
	row("token", s.Token)
	row("client-id", s.ClientID)
	row("client-secret", s.ClientSecret)
	row("token-url", s.TokenURL)
	row("poll", s.Poll)
	row("theme", s.Theme)
	row("readonly", s.Readonly)
	row("bell", s.Bell)
	return tw.Flush()
}
