package ui

import (
	"io"

	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/themes"
)

// DefaultPollInterval is how often each list is fetched when Options.PollInterval is 0.
const DefaultPollInterval = 15 * time.Second

// Options configure the dashboard. Only API is required.
type Options struct {
	// API is the server the dashboard reads (a *client.Client, or a fake in tests).
	API client.API
	// Profile and APIHost are shown in the status bar.
	Profile string
	APIHost string
	// PollInterval is how often each list is refreshed (0: DefaultPollInterval).
	PollInterval time.Duration
	// Theme is used as given; when nil, ThemeName is resolved (a built-in
	// name or a theme file); when both are empty, the default theme.
	Theme     *themes.Theme
	ThemeName string
	// ReadOnly removes every action that changes server data and shows a badge.
	ReadOnly bool
	// Mouse enables mouse reporting (clicks on tabs and rows, the wheel).
	Mouse bool
	// Bell rings the terminal bell with each toast: an event created,
	// changed or deleted, a vehicle silent or stopped early (the palette's
	// "bell on|off" toggles it).
	Bell bool
	// Now is the clock (nil: time.Now); Location the zone times are shown in (nil: time.Local).
	Now      func() time.Time
	Location *time.Location
	// RequestLog receives the client's RequestRecords (wire its Observe method
	// into client.Options.Observer); the L overlay shows it. Nil: the overlay
	// says the log is not connected.
	RequestLog *state.RequestLog
	// Input and Output replace the terminal (nil: stdin and stdout), so the
	// CLI's tests can drive the whole program through pipes.
	Input  io.Reader
	Output io.Writer
	// Version is the build's version, for crash reports.
	Version string
	// Redact masks known secrets in text that leaves the dashboard (a crash
	// message and report); nil leaves text as it is.
	Redact func(string) string
	// Jitter returns a number in [0,1) that spreads retry delays (nil: math/rand).
	Jitter func() float64
	// After returns the command that delivers msg once d has passed (nil:
	// tea.Tick). It is the dashboard's only timer (the clock, polls and
	// retries), so tests can run time forward without waiting.
	After func(d time.Duration, msg tea.Msg) tea.Cmd

	// Feed is the live notification source: a receiver and journal in this
	// process (NewLocalFeed) or a relay (NewRelayFeed). Nil: the Feed tab
	// explains how to configure one. The shell waits on it with a re-arming
	// command: a lone notification at once, a burst at most once per
	// FeedFrame.
	Feed livefeed.Source
	// FeedHistory is how many journaled notifications the Feed tab shows at
	// start (0: DefaultFeedHistory).
	FeedHistory int
	// FeedFrame is the shortest time between two feed updates (0:
	// livefeed.DefaultFrame, one frame at 60 a second).
	FeedFrame time.Duration
	// SelfSubscribe, when set (and not ReadOnly), adds the palette commands
	// "subscribe this dashboard" and "unsubscribe this dashboard".
	SelfSubscribe *livefeed.SelfSubscription
	// SentReports is the profile's record of the reports ecdash sent (nil:
	// none): the event screen and the Events list's compliance column read
	// it besides GET /reports, which a real server does not offer.
	SentReports *sentreports.Record
	// ExportDir is where the dispatch screen's x writes its CSV first ("":
	// the working directory).
	ExportDir string
	// Clipboard receives the OSC 52 sequence of a secret copied with ctrl+y
	// (nil: the terminal, on stderr).
	Clipboard io.Writer
	// StateDir is this profile's local state directory ("": none): the
	// edit forms keep drafts of unsaved input under StateDir/drafts.
	StateDir string
}

// DefaultFeedHistory is how many journaled notifications the Feed tab loads
// at start when Options.FeedHistory is 0.
const DefaultFeedHistory = 5000

func (o Options) withDefaults() Options {
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Redact == nil {
		o.Redact = func(s string) string { return s }
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.After == nil {
		o.After = func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}
	}
	if o.FeedHistory <= 0 {
		o.FeedHistory = DefaultFeedHistory
	}
	return o
}
