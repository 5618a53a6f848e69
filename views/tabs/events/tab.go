package events

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/list"
)

// tab is the Events list (whose Open pushes the dispatch screen on the
// list's stack), with the compliance column's index and the background
// look at the local record of sent reports that keeps it current.
type tab struct {
	*list.List[client.Event]
	ctx   *views.Context
	index *complianceIndex
	store state.Store
	watch *activeWatch // the active events, for the strips and the alerts

	width, height int
	warn          themes.Painter
	stripLines    []string // the strips as last made (restrip)

	record        *loop[recordLook] // looks at the local record of sent reports (nil without one)
	recordStarted bool
}

func newTab(ctx *views.Context) *tab {
	t := &tab{ctx: ctx, index: newComplianceIndex(), watch: newActiveWatch(), warn: themes.NewPainter(ctx.Theme.Warn)}
	if ctx.SentReports != nil {
		t.record = newLoop[recordLook]("ReadSentReports")
	}
	t.List = list.New(spec(t.index, func(ev client.Event, ctx *views.Context) views.Screen { return newScreen(ev, ctx) }), ctx)
	return t
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

// Sync updates the compliance index, and with it the rows of the events
// whose reports changed, before the list follows the store.
func (t *tab) Sync(store state.Store) {
	t.store = store
	t.follow(t.index.refresh(store))
	t.List.Sync(store)
}

// follow makes again the rows whose compliance cells changed.
func (t *tab) follow(events []string, all bool) {
	if all {
		t.List.Invalidate()
		return
	}
	t.List.Refresh(events...)
}

// Tick rebuilds the rows' countdowns and starts the look at the local
// record when it is due.
func (t *tab) Tick() tea.Cmd {
	return tea.Batch(t.List.Tick(), t.record.tick(t.ctx))
}

// Update takes the record loop's answers; the rest goes to the list (and
// through it to the screen that asked).
func (t *tab) Update(msg tea.Msg) tea.Cmd {
	if r, ok := msg.(views.Result[recordLook]); ok && t.record.owns(r.ID) {
		return t.onRecord(r)
	}
	return tea.Batch(t.List.Update(msg), t.startRecord())
}

// OpenEvent opens event id's dispatch screen over the list (see
// list.OpenKey); false when a form is open or the event is not listed.
func (t *tab) OpenEvent(id string) (tea.Cmd, bool) { return t.List.OpenKey(id) }
