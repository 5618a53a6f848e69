// Package views holds what every tab of the dashboard shares: the program
// context the shell hands down, the Backend through which a view asks for
// network work (Call, answered by a typed Result), and the Tab and Screen
// interfaces the shell routes to. Its floor plan: components/ (widgets:
// table, form, detail, jsonview, keys, chart), list/ (the list tab, its
// screen stack and editing) and tabs/ (one package per tab). Views read
// state.Store, never import the shell (ui) and never call the network.
package views

import (
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed/notification"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views/components/keys"
)

// Context is the shared program context. The shell owns it and changes it
// only inside its Update; views read it (never keep copies of its fields that
// can change, such as the theme: they get SetTheme/SetSize calls instead).
type Context struct {
	Theme    *themes.Theme
	Now      func() time.Time
	Location *time.Location
	ReadOnly bool
	Backend  Backend
	// SentReports is the local record of the reports this ecdash sent (nil:
	// none), read through Backend requests for the dispatch view.
	SentReports *sentreports.Record
	// StateDir is this profile's local state directory ("": none); edit
	// forms keep drafts under StateDir/drafts.
	StateDir string
	// ExportDir is where exports are written first ("": the working
	// directory, as a CLI would).
	ExportDir string
	// Clipboard receives the OSC 52 sequence of a copied secret (nil: the
	// terminal, on stderr); tests set it so no secret reaches their output.
	Clipboard io.Writer
}

// RefreshMsg asks the shell to reload a list now (dropped when one is in flight).
type RefreshMsg struct{ Kind state.Kind }

// Refresh is the command form of RefreshMsg.
func Refresh(kind state.Kind) tea.Cmd {
	return func() tea.Msg { return RefreshMsg{Kind: kind} }
}

// Tab is one tab of the dashboard. Methods mutate the tab in place; the
// shell calls them only from its Update.
type Tab interface {
	Kind() state.Kind
	SetSize(width, height int)
	SetTheme(th *themes.Theme)
	// Sync rebuilds what the tab shows from the store after data or marks changed.
	Sync(store state.Store)
	// Tick runs once a second for clocks and countdowns, and may start
	// background work that is due (the dashboard's only clock: views hold
	// no timers of their own).
	Tick() tea.Cmd
	// Update handles a message routed to this tab (keys, mouse, call results).
	Update(msg tea.Msg) tea.Cmd
	View() string
	// KeyMap lists what the tab's current screen accepts, for help.
	KeyMap() keys.Map
	// Counts returns rows shown after filtering and rows in total.
	Counts() (shown, total int)
	SetFilter(query string)
	Filter() string
	// InScreen is true while a screen (detail, form, chart) is open over the list.
	InScreen() bool
	// Capturing is true while the tab takes every key as text (a form field):
	// the shell then passes all keys but ctrl+c through.
	Capturing() bool
	// Hint is a one-line note for the line above the status bar ("" for none).
	Hint() string
}

// Screen is something a tab opens over its list: a detail, the dispatch
// screen, an edit form, a confirmation. Every tab keeps them on one stack
// (the list's): the top one gets the keys and is drawn; esc pops it unless
// it is Capturing.
type Screen interface {
	Title() string
	SetSize(width, height int)
	SetTheme(th *themes.Theme)
	Update(msg tea.Msg) tea.Cmd
	View() string
	KeyMap() keys.Map
}

// Optional Screen behaviour, checked with type assertions.
type (
	// Syncer screens refresh from the store when data changes.
	Syncer interface{ Sync(store state.Store) }
	// Ticker screens update once a second.
	Ticker interface{ Tick() tea.Cmd }
	// Capturer screens take every key as text while Capturing is true.
	Capturer interface{ Capturing() bool }
	// DraftKeeper tabs and screens write the draft of every open form now,
	// as their autosave would at the next tick (the shell calls it on quit
	// and after a crash).
	DraftKeeper interface{ KeepDrafts() error }
	// Opener screens start their background work when pushed on the stack,
	// and Closer screens stop it when popped.
	Opener interface{ Open() tea.Cmd }
	Closer interface{ Close() }
	// Requester screens take the answers to the requests they made.
	Requester interface{ Owns(id uint64) bool }
	// Pender tabs have rows left to make after a large change: the shell
	// Syncs them again in the next step, until they have none.
	Pender interface{ Pending() bool }
)

// CloseScreenMsg asks the owning tab to pop its top screen.
type CloseScreenMsg struct{ Owner state.Kind }

// OpenEventMsg asks the shell to open event ID's dispatch screen on the
// Events tab (from a report or a notification about it).
type OpenEventMsg struct{ ID string }

// OpenEvent is the command form of OpenEventMsg.
func OpenEvent(id string) tea.Cmd {
	return func() tea.Msg { return OpenEventMsg{ID: id} }
}

// OpenKnownEvent is OpenEvent(id) when store holds event id, else nil.
func OpenKnownEvent(store state.Store, id string) tea.Cmd {
	if _, ok := state.EventByID(store, id); !ok {
		return nil
	}
	return OpenEvent(id)
}

// CommandMsg asks the shell to run a command-palette line, so a tab can
// offer a palette command under a key (e.g. "subscribe this dashboard").
type CommandMsg struct{ Line string }

// Command is the command form of CommandMsg.
func Command(line string) tea.Cmd {
	return func() tea.Msg { return CommandMsg{Line: line} }
}

// FeedMsg hands the Feed tab one coalesced batch of the live feed: its
// records in order, Live[i] telling whether record i arrived while the
// dashboard ran (not history), and the latest repeat counts.
type FeedMsg struct {
	Batch notification.Batch
	Live  []bool
	// Changed[i] says what record i changed in the event it announces, as the
	// dashboard knew it ("6 A → 5 A, start 07:00 → 07:15"; "" when nothing
	// it shows, or not an event).
	Changed []string
}

// FeedSourceMsg tells the Feed tab where notifications come from ("": no
// live feed is configured).
type FeedSourceMsg struct{ Source string }
