package main

import (
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/internal/statedir"
)

// stateDir is the state directory by statedir's rule, with --state-dir as
// the explicit choice.
func (a *app) stateDir() (string, error) { return statedir.Base(a.flags.stateDir, a.getenv) }

// profileStateDir is the directory of profile's local state: the record of
// sent reports, drafts, the dashboard's own subscription, crash reports.
func (a *app) profileStateDir(profile string) (string, error) {
	base, err := a.stateDir()
	if err != nil {
		return "", err
	}
	return statedir.Profile(base, profile)
}

// sentRecord opens the record of the reports sent from the selected
// profile. Nothing is created until a report is recorded.
func (a *app) sentRecord(s *settings) (*sentreports.Record, error) {
	dir, err := a.profileStateDir(s.Profile.Value)
	if err != nil {
		return nil, err
	}
	return sentreports.Open(dir)
}

// dashboardStateDir is profileStateDir for the dashboard, which runs without
// local state rather than not at all: "" when there is no usable directory
// (its forms then say that drafts are not kept).
func (a *app) dashboardStateDir(profile string) string {
	dir, err := a.profileStateDir(profile)
	if err != nil {
		return ""
	}
	return dir
}

// dashboardRecord opens the profile's record of sent reports for the
// dashboard's event screen and compliance column. Without a usable
// directory the dashboard runs without the record: it then shows what GET
// /reports lists, if the server offers it.
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
