package main

import (
	"context"
	"errors"
	"net/url"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/ui"
)

// runDashboard opens the dashboard against the API that o describes. The
// client reports every attempt to the dashboard's request log, which the
// status bar and the L overlay read.
func (a *app) runDashboard(ctx context.Context, o client.Options, s *settings, profile string, lf *dashboardFeed) error {
	log := state.NewRequestLog(0)
	o.Observer = log.Observe
	if f, ok := a.stdin.(*os.File); ok && !term.IsTerminal(f.Fd()) {
		// Bubble Tea would take over a terminal it cannot read from.
		return errors.New("the dashboard needs a terminal, and stdin is not one: for scripts use ecdash get, apply or feed tail")
	}
	a.tui = true // the screen is the terminal's: no debug lines on stderr (L shows the requests)
	api, err := a.newAPI(o)
	if err != nil {
		return err
	}
	return ui.Run(ctx, ui.Options{
		API:          api,
		Profile:      profile,
		APIHost:      apiHost(o.BaseURL),
		PollInterval: s.PollInterval,
		ThemeName:    s.Theme.Value,
		ReadOnly:     s.ReadonlyOn,
		Bell:         s.BellOn,
		Mouse:        true,
		RequestLog:   log,
		Input:        a.stdin,
		Output:       a.stdout,
		// The live feed (live_dashboard.go); nil when none is configured.
		Feed:          lf.source(),
		SelfSubscribe: lf.selfSub(),
		// What this profile's `ecdash report send` recorded (dashboard_record.go).
		SentReports: a.dashboardRecord(profile),
		// Drafts of unsaved edit forms (dashboard_state.go); crash reports.
		StateDir: a.dashboardStateDir(profile),
		Version:  buildVersion(),
		Redact:   a.redact,
	})
}

// apiHost is what the status bar names the API by: its host, never userinfo.
func apiHost(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		return baseURL
	}
	return u.Host
}
