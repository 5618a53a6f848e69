package main

import (
	"github.com/ecdash/ecdash/client/sentreports"
)

// dashboardStateDir is the profile's state directory, where the
// dashboard keeps the record of sent reports and its edit forms keep drafts
// of unsaved input. It is resolved as stateDir does (--state-dir,
// ECDASH_STATE_DIR, the XDG default) from the parsed flags, since the
// dashboard has no command at hand; "" when there is none usable, and the
// forms then say that drafts are not kept.
func (a *app) dashboardStateDir(profile string) string {
	base := a.flags.stateDir
	if base == "" {
		base = a.getenv("ECDASH_STATE_DIR")
	}
	if base == "" {
		d, err := sentreports.DefaultStateDir(a.getenv)
		if err != nil {
			return ""
		}
		base = d
	}
	dir, err := sentreports.ProfileDir(base, profile)
	if err != nil {
		return ""
	}
	return dir
}
