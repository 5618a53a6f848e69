package main

import (
	"github.com/ecdash/ecdash/client/sentreports"
	"github.com/spf13/cobra"
)

// stateDir is --state-dir, else ECDASH_STATE_DIR, else $XDG_STATE_HOME/ecdash
// (~/.local/state/ecdash): the directory of the per-profile local state,
// such as the record of sent reports.
func (a *app) stateDir(cmd *cobra.Command) (string, error) {
	if s := a.pick(cmd, "state-dir", "ECDASH_STATE_DIR", nil, ""); s.Value != "" {
		return s.Value, nil
	}
	return sentreports.DefaultStateDir(a.getenv)
}

// sentRecord opens the record of the reports sent from the selected
// profile. Nothing is created until a report is recorded.
func (a *app) sentRecord(cmd *cobra.Command, s *settings) (*sentreports.Record, error) {
	base, err := a.stateDir(cmd)
	if err != nil {
		return nil, err
	}
	dir, err := sentreports.ProfileDir(base, s.Profile.Value)
	if err != nil {
		return nil, err
	}
	return sentreports.Open(dir)
}
