package main

import (
	"github.com/ecdash/ecdash/client/sentreports"
)

// dashboardRecord opens the profile's record of sent reports for the
// dashboard's event screen and compliance column. The state directory is
// resolved as stateDir does (--state-dir, ECDASH_STATE_DIR, the XDG
// default) from the parsed flags, since the dashboard has no command at
// hand. Without a usable directory the dashboard runs without the record:
// it then shows what GET /reports lists, if the server offers it.
func (a *app) dashboardRecord(profile string) *sentreports.Record {
	base := a.flags.stateDir
	if base == "" {
		base = a.getenv("ECDASH_STATE_DIR")
	}
	if base == "" {
		d, err := sentreports.DefaultStateDir(a.getenv)
		if err != nil {
			return nil
		}
		base = d
	}
	dir, err := sentreports.ProfileDir(base, profile)
	if err != nil {
		return nil
	}
	rec, err := sentreports.Open(dir)
	if err != nil {
		return nil
	}
	return rec
}
