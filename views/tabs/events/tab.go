package events

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/list"
)

// tab is the Events list with what the shared list cannot do for the
// dispatch screen: it routes the screen's (and the record loop's) request
// answers to them instead of the list, starts a screen's background fetch
// when it opens and stops it when it closes, and keeps the compliance
// column's index up to date.
type tab struct {
	*list.List[client.Event]
	ctx   *views.Context
	index *complianceIndex
	store state.Store

	screen *Screen // the open dispatch screen (nil: none)
	opened *Screen // made by the list's Open, started once its Update returns

	record        *loop[recordLook] // looks at the local record of sent reports (nil without one)
	recordStarted bool
}

func newTab(ctx *views.Context) *tab {
	t := &tab{ctx: ctx, index: newComplianceIndex()}
	if ctx.SentReports != nil {
		t.record = newLoop[recordLook]("ReadSentReports")
	}
	t.List = list.New(spec(t.index, t.open), ctx)
	return t
}

// open is the list's Open: the screen starts after the list pushed it.
func (t *tab) open(ev client.Event, ctx *views.Context) views.Screen {
	s := newScreen(ev, ctx)
	t.opened = s
	return s
}

// Init starts the look at the local record, for a shell that initialises
// its tabs; otherwise the first message to the tab starts it.
func (t *tab) Init() tea.Cmd {
	return t.startRecord()
}

func (t *tab) startRecord() tea.Cmd {
	if t.record == nil || t.recordStarted {
		return nil
	}
	t.recordStarted = true
	return t.lookAtRecord(0)
}

// Sync updates the compliance index before the rows are rebuilt; an open
// screen follows the store and, since the global refresh key reloads this
// list, also fetches its reports again.
func (t *tab) Sync(store state.Store) {
	t.store = store
	if t.index.refresh(store) {
		t.List.Invalidate()
	}
	t.List.Sync(store)
	if t.screen != nil {
		t.screen.refreshSoon()
	}
}

// Tick rebuilds the rows' countdowns and starts the look at the local
// record when it is due.
func (t *tab) Tick() tea.Cmd {
	return tea.Batch(t.List.Tick(), t.record.tick(t.ctx))
}

// KeepDrafts writes the open report composer's draft now (the shell calls
// it on quit and after a crash).
func (t *tab) KeepDrafts() error {
	if t.screen == nil || t.screen.compose == nil {
		return nil
	}
	return t.screen.compose.keep()
}

// Update routes answers to the screen or record loop that asked, the rest
// to the list, then starts or stops a screen's loop as screens open and close.
func (t *tab) Update(msg tea.Msg) tea.Cmd {
	if a, ok := msg.(views.Answer); ok {
		id, _, _ := a.Asked()
		switch {
		case t.screen != nil && t.screen.owns(id):
			return t.screen.onResult(a)
		case t.record.owns(id):
			r, _ := a.(views.Result[recordLook])
			return t.onRecord(r)
		}
	}
	cmd := t.List.Update(msg)
	return tea.Batch(cmd, t.settle(), t.startRecord())
}

// settle starts a screen the list just opened and stops one it closed.
func (t *tab) settle() tea.Cmd {
	var cmd tea.Cmd
	if t.screen != nil && (!t.List.InScreen() || t.opened != nil) {
		t.screen.close()
		t.screen = nil
	}
	if s := t.opened; s != nil {
		t.opened = nil
		if t.List.InScreen() {
			t.screen = s
			if t.store != nil {
				s.Sync(t.store)
			}
			cmd = s.start()
		}
	}
	return cmd
}
