package main

import (
	"github.com/ecdash/ecdash/client/sentreports"
)

// dashboardRecord opens the profile's record of sent reports for the
// dashboard's event screen and compliance column, in the directory
// dashboardStateDir resolves. Without a usable directory the dashboard runs
// without the record: it then shows what GET /reports lists, if the server
// offers it.
func (a *app) dashboardRecord(profile string) *sentreports.Record {
	dir := a.dashboardStateDir(profile)
	if dir == "" {
		return nil
	}
	rec, err := sentreports.Open(dir)
	if err != nil {
		return nil
	}
	return rec
}
