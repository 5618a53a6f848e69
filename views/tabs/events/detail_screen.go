package events

import (
	"bytes"
	"encoding/json"
	"reflect"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/chart"
	"github.com/ecdash/ecdash/views/components/jsonview"
	"github.com/ecdash/ecdash/views/components/keys"
	"github.com/ecdash/ecdash/views/components/table"
)

// pollEvery is how often an open dispatch screen fetches its event's reports.
const pollEvery = 5 * time.Second

// messageFor is how long a note such as "exported to …" stays on the
// screen's last line.
const messageFor = 20 * time.Second

// Screen is the event's dispatch screen: a header (what the event asks,
// its countdown and compliance), the chart of the target against the
// reported response, the targets table and the report descriptors. While
// open it fetches the event's reports every pollEvery in the background and
// redraws when they change; the shell's tick moves the now marker and the
// countdowns. It mutates in place, like every views.Screen.
type Screen struct {
	ctx *views.Context
	id  string
	ev  client.Event
	evV uint64 // bumps when the event changes
	// gone: the event left the list; note: what the fetch of the event said.
	gone bool
	note string
	// overlaps are the events overlapping this one in time that target some
	// of its vehicles (made when the events change).
	overlaps []fleet.Overlap

	width, height int
	chart         *chart.Chart
	tbl           table.Model
	json          jsonview.Model
	showRaw       bool
	showDesc      bool
	km            screenKeys
	paint         screenPainters

	data        reportData
	a           fleet.Analysis
	headline    fleet.Compliance  // a.Compliance brought to the last second (see Tick)
	afterWindow fleet.Compliance  // a.AfterWindow, the same
	attention   []fleet.Attention // a.NeedsAttention(), made with a
	moment      fleet.Moment      // the "right now" strip's facts at the last second
	stripN      int               // lines the strip took at the last layout
	analysed    analysisKey
	nextStep    time.Time // the fleet's first step after the analysis' time (zero: none)
	hasA        bool
	analyses    int               // runs of Analyze, for tests
	vehicles    map[string]string // resource id → "Brand Model", from the Store
	store       state.Store
	resourcesAt uint64
	eventsAt    uint64       // the Store's version of the events at the last Sync // the Store's version of the resources vehicles was built from
	targets     targetsCache // the targets table's rows by vehicle
	descs       []descriptorState
	descsV      uint64       // bumps when descs changes
	described   describedKey // what descs were made from
	panel       panelCount   // the descriptor panel's height
	lay         layout

	loop      *loop[fetched]
	started   bool
	exportID  uint64
	exportDir string // "" : the current directory (tests set it)
	message   string
	msgError  bool
	msgUntil  time.Time
	opts      fleet.Options
	poll      time.Duration

	compose *composer   // the report composer over the screen (R; nil: closed)
	sendID  uint64      // the report in flight (0: none)
	sending *reportSend // what it is and which composer sent it
}

func newScreen(ev client.Event, ctx *views.Context) *Screen {
	s := &Screen{
		ctx:   ctx,
		id:    ev.ID,
		ev:    ev,
		evV:   1,
		chart: chart.NewChart(ctx.Theme, ctx.Location),
		tbl:   table.New(targetColumns(ev, ctx.Now(), ctx.Location), ctx.Theme),
		json:  jsonview.New(ctx.Theme),
		km:    newScreenKeys(ctx.ReadOnly),
		loop:  newLoop[fetched]("GatherReports"),
		opts:  fleet.DefaultOptions(),
		poll:  pollEvery,
	}
	s.tbl.Keys = targetsTableKeys()
	s.tbl.SortBy(tcStatus, false) // by attention: see attentionKey
	s.json.SetJSON(ev.Raw)
	s.paint = newScreenPainters(ctx.Theme)
	s.analyse(ctx.Now())
	return s
}

// Open fetches the event and its reports at once, when the screen is
// pushed; each answer arms the next fetch.
func (s *Screen) Open() tea.Cmd {
	if s.started {
		return nil
	}
	s.started = true
	return s.fetch(0, true)
}

// Close stops the background fetch (the screen was popped).
func (s *Screen) Close() { s.loop.close() }

// Owns reports whether a request answer is this screen's.
func (s *Screen) Owns(id uint64) bool {
	return s.loop.owns(id) || (id != 0 && (id == s.exportID || id == s.sendID))
}

// KeepDrafts writes the open report composer's draft now.
func (s *Screen) KeepDrafts() error {
	if s.compose == nil {
		return nil
	}
	return s.compose.keep()
}

// refreshSoon makes the waiting fetch run now (the list was refreshed).
func (s *Screen) refreshSoon() {
	if s.started {
		s.loop.poke()
	}
}

// Title names the screen.
func (s *Screen) Title() string { return "Event " + orNone(s.ev.Name) }

// SetSize sets the content area.
func (s *Screen) SetSize(width, height int) {
	s.width, s.height = max(width, 0), max(height, 0)
	s.relayout()
	if s.compose != nil {
		s.compose.setSize(s.width, s.height)
	}
}

// SetTheme restyles every part.
func (s *Screen) SetTheme(th *themes.Theme) {
	s.chart.SetTheme(th)
	s.tbl.SetTheme(th)
	s.json.SetTheme(th)
	s.paint = newScreenPainters(th)
	if s.compose != nil {
		s.compose.setTheme(th)
	}
}

// Sync follows the event through a refresh of the list and joins the
// targets with the enrolled vehicles' make and model. A refresh of the
// events (the global refresh key reloads them) fetches the reports again.
func (s *Screen) Sync(store state.Store) {
	if v := store.Version(state.Events); v != s.eventsAt || store != s.store {
		s.eventsAt = v
		s.refreshSoon()
		if ev, ok := state.EventByID(store, s.id); ok {
			s.setEvent(ev)
			s.gone = false
		} else if store.Loaded(state.Events) {
			s.gone = true
		}
		s.overlaps = fleet.Overlaps(s.ev, store.Events())
	}
	s.store = store
	s.syncVehicles(store)
	s.analyse(s.ctx.Now())
}

// syncVehicles joins the targets with the enrolled vehicles' make and
// model, when the Store's resources changed.
func (s *Screen) syncVehicles(store state.Store) {
	v := store.Version(state.Resources)
	if v == s.resourcesAt && v != 0 {
		return
	}
	s.resourcesAt = v
	if v := vehicleNames(store.Resources()); !reflect.DeepEqual(v, s.vehicles) {
		s.vehicles = v
		s.rebuildTargets()
	}
}

// setEvent takes a fresher copy of the event.
func (s *Screen) setEvent(ev client.Event) {
	if sameEvent(ev, s.ev) {
		if len(s.ev.Raw) == 0 && len(ev.Raw) > 0 {
			s.ev.Raw = ev.Raw // the same event, and now its raw JSON
			s.json.SetJSON(ev.Raw)
		}
		return
	}
	s.ev = ev
	s.evV++
	s.json.SetJSON(ev.Raw)
	s.tbl.SetColumns(targetColumns(ev, s.ctx.Now(), s.ctx.Location))
	s.relayout()
}

// Tick moves the now marker, the countdowns and the delivered headline;
// the rest of the analysis is redone only when its minute or phase
// changed (see analyse).
func (s *Screen) Tick() tea.Cmd {
	now := s.ctx.Now()
	s.chart.SetNow(now)
	s.analyse(now)
	s.follow(now)
	if !s.msgUntil.IsZero() && !now.Before(s.msgUntil) {
		s.message, s.msgUntil = "", time.Time{}
	}
	if s.compose != nil {
		s.compose.autosave()
	}
	return s.loop.tick(s.ctx)
}

// Update handles the screen's keys, the chart's and the mouse; esc is left
// to the list, which pops the screen. An open composer takes everything.
func (s *Screen) Update(msg tea.Msg) tea.Cmd {
	if a, ok := msg.(views.Answer); ok {
		return s.onResult(a)
	}
	if s.compose != nil {
		if _, mouse := msg.(tea.MouseMsg); mouse {
			return nil
		}
		return s.composeUpdate(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return s.onKey(msg)
	case tea.MouseMsg:
		s.onMouse(msg)
	}
	return nil
}

func (s *Screen) onKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case s.km.Raw.Matches(k):
		s.showRaw = !s.showRaw
		return nil
	case s.km.Export.Matches(k):
		return s.export()
	case s.km.Report.Matches(k):
		return s.openComposer()
	case s.showRaw:
		s.json, _ = s.json.Update(k)
		return nil
	case s.km.Descriptors.Matches(k):
		s.showDesc = !s.showDesc
		s.relayout()
		return nil
	}
	if s.chartHandles(k) {
		return s.chart.Update(k)
	}
	s.tbl, _ = s.tbl.Update(k)
	return nil
}

// chartHandles reports whether k is one of the chart's keys.
func (s *Screen) chartHandles(k tea.KeyMsg) bool {
	for _, b := range s.chart.KeyMap() {
		if b.Matches(k) {
			return true
		}
	}
	return false
}

// onMouse sends the wheel over the chart to the chart (zoom; shift: pan)
// and everything over the table to the table.
func (s *Screen) onMouse(m tea.MouseMsg) {
	if s.showRaw {
		s.json, _ = s.json.Update(m)
		return
	}
	l := s.lay
	switch {
	case l.chart > 0 && m.Y >= l.chartTop && m.Y < l.chartTop+l.chart:
		s.chart.Update(m)
	case l.table > 0 && !s.showDesc && m.Y >= l.tableTop && m.Y < l.tableTop+l.table:
		s.tbl, _ = s.tbl.Update(m)
	}
}

// KeyMap lists the screen's keys and the chart's, for help.
func (s *Screen) KeyMap() keys.Map {
	if s.compose != nil {
		return s.compose.keyMap()
	}
	if s.showRaw {
		return keys.Map{s.km.Raw, s.km.Export, s.km.Report, s.km.Back, s.km.Up, s.km.Down}
	}
	return append(s.km.list(), s.chart.KeyMap()...)
}

// Analysis returns what the screen currently shows (for tests and export).
func (s *Screen) Analysis() fleet.Analysis { return s.a }

// sameEvent reports whether a and b say the same. The list's copies keep no
// raw JSON: a copy without it that says what the screen's fetched copy
// says is not news, and the fetched copy (with its raw JSON) stays.
func sameEvent(a, b client.Event) bool {
	if len(a.Raw) > 0 && len(b.Raw) > 0 {
		return bytes.Equal(a.Raw, b.Raw)
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb) && len(a.Problems) == len(b.Problems)
}
