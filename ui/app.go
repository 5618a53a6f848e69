// Package ui is the dashboard's shell: the root Bubble Tea model, which
// routes messages to the tabs (views/tabs/…), turns internal/state's polling
// decisions and the live feed into commands, and draws the tab bar, the
// status bar, help, the command palette, the filter prompt, the request log
// and the too-small guard.
package ui

import (
	"context"
	"slices"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/keys"
	"github.com/ecdash/ecdash/views/tabs/events"
	"github.com/ecdash/ecdash/views/tabs/feed"
	"github.com/ecdash/ecdash/views/tabs/reports"
	"github.com/ecdash/ecdash/views/tabs/resources"
	"github.com/ecdash/ecdash/views/tabs/subscriptions"
)

// mode is what has the keyboard besides the active tab.
type mode int

const (
	modeNormal  mode = iota
	modeFilter       // typing a filter
	modePalette      // typing a command
	modeHelp         // help overlay
	modeLog          // request log overlay
)

// Model is the root model. Use New; it implements tea.Model with a pointer
// receiver, and all of its state changes inside Update.
type Model struct {
	opts   Options
	ctx    *views.Context
	base   context.Context // cancelled on quit: in-flight requests stop
	cancel context.CancelFunc

	tabs   []views.Tab // indexed by state.Kind
	active state.Kind
	// afterFirst are the lists Init leaves until the first answer.
	afterFirst []state.Kind
	cache      *state.Cache
	polls      *state.Polls
	lastID     uint64

	keys  globalKeys
	extra keys.Map // bindings added to the help and routing (tests of the read-only mechanism)
	mode  mode

	width, height int
	filter        textinput.Model
	palette       palette
	reqlog        *state.RequestLog
	logLines      []string // request log snapshot, pulled on tick while the overlay is open

	lastErr string // one line, secret-free
	flash   string // a short note from the last command
	toast   toast  // what a webhook or the clock just changed, shown for a while
	bell    bell   // rings with each toast when on
	mouse   bool

	styles   styles
	tabCache tabBarCache
	help     helpCache

	feed    feedRun    // the live feed, when Options.Feed is set
	live    liveFetch  // GetEvent requests the live feed started, per event
	dirty   dirtyTabs  // tabs whose Sync was deferred while hidden
	selfsub selfSubRun // the "subscribe this dashboard" command's state

	rowsQueued bool // a moreRowsMsg is on its way (see moreRows)
}

// New builds the dashboard without starting it (tests drive it directly or
// through teatest; Run starts it on the terminal).
func New(opts Options) *Model {
	opts = opts.withDefaults()
	th, themeErr := pickTheme(opts)
	base, cancel := context.WithCancel(context.Background())
	m := &Model{
		opts:   opts,
		base:   base,
		cancel: cancel,
		cache:  state.NewCache(),
		polls:  state.NewPolls(opts.PollInterval, opts.Jitter),
		reqlog: opts.RequestLog,
		mouse:  opts.Mouse,
		bell:   bell{on: opts.Bell, out: opts.Output},
	}
	m.ctx = &views.Context{
		Theme:    th,
		Now:      opts.Now,
		Location: opts.Location,
		ReadOnly: opts.ReadOnly,
		Backend:  backend{m: m},

		SentReports: opts.SentReports,
		StateDir:    opts.StateDir,
		Clipboard:   opts.Clipboard,
		ExportDir:   opts.ExportDir,
	}
	m.keys = newGlobalKeys()
	m.tabs = []views.Tab{
		state.Events:        events.New(m.ctx),
		state.Resources:     resources.New(m.ctx),
		state.Reports:       reports.New(m.ctx),
		state.Subscriptions: subscriptions.New(m.ctx),
		state.Feed:          feed.New(m.ctx),
	}
	m.filter = newInput("/")
	m.palette = newPalette()
	m.styles = newStyles(th)
	if themeErr != nil {
		m.lastErr = oneLine(themeErr.Error())
	}
	m.feed.src = opts.Feed
	m.live = newLiveFetch()
	m.dirty = dirtyTabs{}
	return m
}

// pickTheme resolves the theme options; on a bad name the default theme is
// used and the error is reported in the status bar.
func pickTheme(opts Options) (*themes.Theme, error) {
	switch {
	case opts.Theme != nil:
		return opts.Theme, nil
	case opts.ThemeName != "":
		th, err := themes.Resolve(opts.ThemeName)
		if err != nil {
			return themes.Default(), err
		}
		return th, nil
	}
	return themes.Default(), nil
}

// Init fetches every list, starts the one-second clock and the live feed.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.tick(), m.startFeed()}
	// The list on screen first, the others when it has answered: 100,000
	// events decode sooner without the other answers competing for the
	// processors. Without a fetch of it, all start at once.
	var first tea.Cmd
	if slices.Contains(state.Polled, m.active) {
		first = m.fetch(m.active)
	}
	for _, k := range state.Polled {
		switch {
		case first != nil && k == m.active:
			cmds = append(cmds, first)
		case first != nil:
			m.afterFirst = append(m.afterFirst, k)
		default:
			cmds = append(cmds, m.fetch(k))
		}
	}
	for _, t := range m.tabs {
		if in, ok := t.(interface{ Init() tea.Cmd }); ok { // a tab's own background work
			cmds = append(cmds, in.Init())
		}
	}
	return tea.Batch(cmds...)
}

// newID hands out request ids; they only ever grow, so a stale answer is
// recognisable.
func (m *Model) newID() uint64 {
	m.lastID++
	return m.lastID
}

func (m *Model) activeTab() views.Tab { return m.tabs[m.active] }

// Shutdown cancels requests in flight. Run calls it when the program ends.
func (m *Model) Shutdown() { m.cancel() }
